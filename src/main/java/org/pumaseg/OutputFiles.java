package org.pumaseg;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;

/**
 * Safe output: checks a target path before any work starts, and writes files atomically, so a
 * failed or canceled run leaves no partial file and an input is never overwritten.
 */
public final class OutputFiles {

	/** Writes the complete content of a file to the given (temporary) path. */
	@FunctionalInterface
	public interface FileWriter {
		void writeTo(Path temporaryFile) throws IOException;
	}

	/** Writes the complete content of a file to a stream. */
	@FunctionalInterface
	public interface StreamWriter {
		void writeTo(OutputStream out) throws IOException;
	}

	private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

	private OutputFiles() {}

	/**
	 * Checks that {@code output} can be written: its folder exists and is writable, it is not
	 * one of {@code inputs}, and it does not exist unless {@code overwrite} is set.
	 *
	 * @throws InvalidInputException naming the path and the fix
	 */
	public static void checkTarget(Path output, boolean overwrite, Collection<Path> inputs) {
		Path absolute = output.toAbsolutePath().normalize();
		for (Path input : inputs) {
			if (isSameFile(absolute, input)) {
				throw new InvalidInputException("The output " + output + " is the input file " +
					input + ". Choose another output name: PumaSeg never overwrites its input.");
			}
		}
		if (Files.isDirectory(absolute)) {
			throw new InvalidInputException("The output " + output +
				" is a folder. Give a file name, for example " + absolute.resolve("result.tif") +
				".");
		}
		Path folder = absolute.getParent();
		if (folder == null || !Files.isDirectory(folder)) {
			throw new InvalidInputException("The output folder " + folder +
				" does not exist. Create it first or choose another output path.");
		}
		if (!Files.isWritable(folder)) {
			throw new InvalidInputException("The output folder " + folder +
				" is not writable. Choose a folder where you may write.");
		}
		if (Files.exists(absolute) && !overwrite) {
			throw new InvalidInputException("The output " + output +
				" already exists. Choose another name, or allow overwriting (--overwrite).");
		}
	}

	/**
	 * Writes {@code output} through a temporary file in the same folder, then renames it into
	 * place, so readers see either the old file or the complete new one.
	 */
	public static void writeAtomically(Path output, FileWriter writer) throws IOException {
		Path absolute = output.toAbsolutePath();
		// Not Files.createTempFile: it makes the file private (mode 600), and the result must
		// get the same permissions as any other file the user writes.
		Path temporary = absolute.resolveSibling("." + absolute.getFileName() + "." + Long
			.toUnsignedString(RANDOM.nextLong(), 36) + ".partial");
		Files.createFile(temporary);
		boolean moved = false;
		try {
			writer.writeTo(temporary);
			try {
				Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE,
					StandardCopyOption.REPLACE_EXISTING);
			}
			catch (AtomicMoveNotSupportedException e) {
				Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
			}
			moved = true;
		}
		finally {
			if (!moved) {
				Files.deleteIfExists(temporary);
			}
		}
	}

	/**
	 * Writes {@code output} atomically from a stream, like
	 * {@link #writeAtomically(Path, FileWriter)}, creating its folder if needed.
	 *
	 * @throws InvalidInputException if the file cannot be written, naming it
	 */
	public static void write(Path output, StreamWriter writer) {
		try {
			Path folder = output.toAbsolutePath().getParent();
			Files.createDirectories(folder);
			writeAtomically(output, temporary -> {
				try (OutputStream out = Files.newOutputStream(temporary)) {
					writer.writeTo(out);
				}
			});
		}
		catch (IOException e) {
			throw new InvalidInputException("Could not write " + output + ": " + e.getMessage() +
				". Check that the folder is writable and the disk is not full.", e);
		}
	}

	private static boolean isSameFile(Path output, Path input) {
		Path inputAbsolute = input.toAbsolutePath().normalize();
		if (output.equals(inputAbsolute)) {
			return true;
		}
		try {
			return Files.exists(output) && Files.exists(inputAbsolute) && Files.isSameFile(output,
				inputAbsolute);
		}
		catch (IOException e) {
			return false;
		}
	}
}
