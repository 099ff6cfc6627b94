package org.pumaseg;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Safe output: checks a target path before any work starts, and writes files atomically, so a
 * failed or canceled run leaves no partial file and an input is never overwritten.
 * <p>
 * Every file or folder being written lives under a temporary name in the target's folder:
 * hidden, naming the target and the writing process, and ending in {@code .partial}
 * ({@code .nuclei.csv.4711-k3x9q2.partial}). A normal exit or Ctrl-C deletes it; only SIGKILL
 * or a power cut leaves it behind. Every PumaSeg reader and folder listing ignores such names
 * ({@link #isTemporary}), and {@link #removeLeftovers} deletes those whose process is gone.
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

	/** Ending of the name of every file or folder still being written. */
	public static final String TEMPORARY_SUFFIX = ".partial";

	private static final Logger LOG = LoggerFactory.getLogger(OutputFiles.class);

	private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

	/** Hidden, then the target's name, the process id and a random tag. */
	private static final Pattern TEMPORARY_NAME = Pattern.compile("\\..+\\.(\\d+)-[0-9a-z]+" +
		Pattern.quote(TEMPORARY_SUFFIX));

	/** Temporary outputs being written, deleted by a shutdown hook if the JVM exits first. */
	private static final Set<Path> IN_PROGRESS = ConcurrentHashMap.newKeySet();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(OutputFiles::deleteInProgress,
			"pumaseg-partial-cleanup"));
	}

	private OutputFiles() {}

	/**
	 * Checks that {@code output} can be written: its folder exists and is writable, it is not
	 * one of {@code inputs}, and it does not exist unless {@code overwrite} is set.
	 *
	 * @throws InvalidInputException naming the path and the fix
	 */
	public static void checkTarget(Path output, boolean overwrite, Collection<Path> inputs) {
		checkTarget(output, overwrite, inputs, "result.tif");
	}

	/**
	 * Checks {@code output} as {@link #checkTarget(Path, boolean, Collection)} does.
	 *
	 * @param exampleName file name that the message suggests when {@code output} is a folder,
	 *        with the extension the caller writes
	 */
	public static void checkTarget(Path output, boolean overwrite, Collection<Path> inputs,
		String exampleName)
	{
		Path absolute = output.toAbsolutePath().normalize();
		for (Path input : inputs) {
			if (isSameFile(absolute, input)) {
				throw new InvalidInputException("The output " + output + " is the input file " +
					input + ". Choose another output name: PumaSeg never overwrites its input.");
			}
		}
		if (Files.isDirectory(absolute)) {
			throw new InvalidInputException("The output " + output +
				" is a folder. Give a file name, for example " + absolute.resolve(exampleName) +
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
		if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS) && !overwrite) {
			throw new InvalidInputException("The output " + output +
				" already exists. Choose another name, or allow overwriting (--overwrite).");
		}
	}

	/**
	 * Checks, without creating anything, that {@code folder} is a writable folder or can be
	 * created with its missing parents: the nearest existing ancestor is a writable folder.
	 *
	 * @throws InvalidInputException naming the path that is a file or not writable, and the fix
	 */
	public static void checkFolderTarget(Path folder) {
		Path absolute = folder.toAbsolutePath().normalize();
		Path existing = absolute;
		while (existing != null && !Files.exists(existing)) {
			existing = existing.getParent();
		}
		if (existing == null) {
			throw new InvalidInputException("Cannot create the output folder " + folder +
				": no part of its path exists. Choose another output folder.");
		}
		if (!Files.isDirectory(existing)) {
			throw new InvalidInputException(existing.equals(absolute) ? "The output " + folder +
				" is a file, not a folder. Give a folder name." : "Cannot create the output " +
				"folder " + folder + ": " + existing + " is a file, not a folder. Choose another " +
				"output folder.");
		}
		if (!Files.isWritable(existing)) {
			throw new InvalidInputException(existing.equals(absolute) ? "The output folder " +
				folder + " is not writable. Choose a folder where you may write." : "Cannot " +
				"create the output folder " + folder + ": " + existing + " is not writable. " +
				"Choose a folder where you may write.");
		}
	}

	/**
	 * Creates {@code folder} and its missing parents after {@link #checkFolderTarget}.
	 *
	 * @throws InvalidInputException when the check fails or the file system refuses the
	 *           folder (read-only file system, permissions), naming the folder and the reason
	 */
	public static void createFolder(Path folder) {
		checkFolderTarget(folder);
		try {
			Files.createDirectories(folder);
		}
		catch (FileSystemException e) {
			throw new InvalidInputException("Cannot create the output folder " + folder + ": " +
				(e.getReason() != null ? e.getReason() : e.getClass().getSimpleName()) +
				". Choose a folder where you may write.", e);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/**
	 * Writes {@code output} through a temporary file in the same folder, then moves it into
	 * place, so readers see either the old file or the complete new one. Without
	 * {@code overwrite} the move fails if {@code output} appeared meanwhile (another run, a
	 * link), so a file is never replaced by accident. The temporary file is deleted on failure,
	 * and on a normal JVM exit or Ctrl-C while it is written; only SIGKILL can leave it behind,
	 * under a name that {@link #isTemporary} recognises.
	 */
	public static void writeAtomically(Path output, boolean overwrite, FileWriter writer)
		throws IOException
	{
		Path absolute = output.toAbsolutePath();
		// Not Files.createTempFile: it makes the file private (mode 600), and the result must
		// get the same permissions as any other file the user writes.
		Path temporary = temporarySibling(absolute);
		Files.createFile(temporary);
		IN_PROGRESS.add(temporary);
		try {
			writer.writeTo(temporary);
			if (overwrite) {
				moveReplacing(temporary, absolute);
			}
			else {
				moveIfAbsent(temporary, absolute);
			}
		}
		finally {
			Files.deleteIfExists(temporary);
			IN_PROGRESS.remove(temporary);
		}
	}

	/**
	 * Returns a new temporary name next to {@code target}, for a file or folder that becomes
	 * {@code target} once complete. Nothing is created.
	 */
	public static Path temporarySibling(Path target) {
		Path absolute = target.toAbsolutePath();
		return absolute.resolveSibling("." + absolute.getFileName() + "." + ProcessHandle
			.current().pid() + "-" + Long.toUnsignedString(RANDOM.nextLong(), 36) +
			TEMPORARY_SUFFIX);
	}

	/** Returns true for the name of a file or folder that is still being written. */
	public static boolean isTemporary(Path path) {
		Path name = path.getFileName();
		return name != null && TEMPORARY_NAME.matcher(name.toString()).matches();
	}

	/**
	 * Deletes the temporary files and folders directly in {@code folder} whose writing process
	 * no longer runs: what SIGKILL or a power cut left of an interrupted run. Temporary names
	 * of running processes (this one included: another command may be writing) stay.
	 *
	 * @return the number of leftovers deleted
	 */
	public static int removeLeftovers(Path folder) throws IOException {
		if (!Files.isDirectory(folder)) {
			return 0;
		}
		List<Path> leftovers;
		try (Stream<Path> children = Files.list(folder)) {
			leftovers = children.filter(OutputFiles::isLeftover).sorted().toList();
		}
		for (Path leftover : leftovers) {
			deleteTree(leftover);
		}
		if (!leftovers.isEmpty()) {
			LOG.info("Removed {} unfinished file(s) of an interrupted run from {}: {}", leftovers
				.size(), folder, leftovers.stream().map(path -> path.getFileName().toString())
					.toList());
		}
		return leftovers.size();
	}

	private static boolean isLeftover(Path path) {
		Matcher matcher = TEMPORARY_NAME.matcher(path.getFileName().toString());
		if (!matcher.matches()) {
			return false;
		}
		long pid;
		try {
			pid = Long.parseLong(matcher.group(1));
		}
		catch (NumberFormatException e) {
			return false;
		}
		if (pid == ProcessHandle.current().pid()) {
			return false;
		}
		// NOTE: a dead writer's process id reused by an unrelated process keeps its leftover
		// until that process ends; the leftover stays hidden meanwhile.
		return ProcessHandle.of(pid).map(process -> !process.isAlive()).orElse(true);
	}

	private static void deleteTree(Path path) throws IOException {
		try (Stream<Path> tree = Files.walk(path)) {
			for (Path entry : tree.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(entry);
			}
		}
	}

	/** Like {@link #writeAtomically(Path, boolean, FileWriter)}, replacing an existing file. */
	public static void writeAtomically(Path output, FileWriter writer) throws IOException {
		writeAtomically(output, true, writer);
	}

	/**
	 * Registers a temporary file or folder to delete if the JVM exits before the caller
	 * removes it with {@link #release(Path)}.
	 */
	public static void deleteOnExit(Path temporary) {
		IN_PROGRESS.add(temporary);
	}

	/** Forgets a path registered with {@link #deleteOnExit(Path)}. */
	public static void release(Path temporary) {
		IN_PROGRESS.remove(temporary);
	}

	private static void moveReplacing(Path temporary, Path target) throws IOException {
		try {
			Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE,
				StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException e) {
			Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	/** Links the complete file under its final name, which fails if that name exists. */
	private static void moveIfAbsent(Path temporary, Path target) throws IOException {
		try {
			Files.createLink(target, temporary);
		}
		catch (FileAlreadyExistsException e) {
			throw new InvalidInputException("The output " + target + " appeared while PumaSeg " +
				"was writing it (another run?). It was left unchanged; choose another name, or " +
				"allow overwriting (--overwrite).");
		}
		catch (UnsupportedOperationException | IOException e) {
			// File systems without hard links: a plain move, which does not replace a file.
			if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
				throw new InvalidInputException("The output " + target + " already exists. " +
					"Choose another name, or allow overwriting (--overwrite).");
			}
			Files.move(temporary, target);
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

	private static void deleteInProgress() {
		for (Path path : IN_PROGRESS) {
			try {
				deleteTree(path);
			}
			catch (IOException | RuntimeException e) {
				// The JVM is exiting; a file that cannot be deleted stays, as with SIGKILL.
			}
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
