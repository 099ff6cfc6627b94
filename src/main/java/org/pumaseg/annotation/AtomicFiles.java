package org.pumaseg.annotation;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.pumaseg.InvalidInputException;

/**
 * Writes a file through a temporary file in the same folder and a rename, so that a failed
 * write leaves no partial output and readers never see a half-written file.
 */
public final class AtomicFiles {

	/** Writes content to a stream; may throw {@link IOException}. */
	@FunctionalInterface
	public interface StreamWriter {
		void writeTo(OutputStream out) throws IOException;
	}

	private AtomicFiles() {}

	public static void write(Path file, StreamWriter writer) {
		Path target = file.toAbsolutePath();
		Path folder = target.getParent();
		Path temporary = null;
		try {
			Files.createDirectories(folder);
			temporary = Files.createTempFile(folder, "." + target.getFileName(), ".tmp");
			try (OutputStream out = Files.newOutputStream(temporary)) {
				writer.writeTo(out);
			}
			try {
				Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING,
					StandardCopyOption.ATOMIC_MOVE);
			}
			catch (AtomicMoveNotSupportedException e) {
				Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
			}
			temporary = null;
		}
		catch (IOException e) {
			throw new InvalidInputException("Could not write " + file + ": " + e.getMessage() +
				". Check that the folder exists and is writable.", e);
		}
		finally {
			if (temporary != null) {
				try {
					Files.deleteIfExists(temporary);
				}
				catch (IOException e) {
					// The write already failed and is reported; a stray temporary file is minor.
				}
			}
		}
	}
}
