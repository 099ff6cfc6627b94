package org.pumaseg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The input files of a run, indexed by themselves and by every folder above them, so that an
 * output folder that is an input, or contains one, is found before any work. PumaSeg replaces or
 * deletes output folders, so such a folder would destroy an input. Paths are compared as
 * absolute normalised paths and, where they exist, as real paths with links resolved.
 */
public final class InputPaths {

	/** Each input and each folder above it, mapped to one input at or below it. */
	private final Map<Path, Path> inputAtOrBelow = new HashMap<>();

	private InputPaths(Collection<Path> inputs) {
		for (Path input : inputs) {
			index(input.toAbsolutePath().normalize(), input);
			Path real = realPath(input);
			if (real != null) {
				index(real, input);
			}
		}
	}

	/** Indexes {@code inputs}: files, or folders whose files are inputs. */
	public static InputPaths of(Collection<Path> inputs) {
		return new InputPaths(inputs);
	}

	/**
	 * Checks that {@code folder}, a folder that may be replaced or written into, is not an
	 * input and contains no input at any depth.
	 *
	 * @param description how messages name the folder, for example "The result folder"
	 * @param fix what the user should do instead
	 * @throws InvalidInputException naming the folder, the input and {@code fix}
	 */
	public void checkContainsNoInput(Path folder, String description, String fix) {
		Path input = inputAtOrBelow.get(folder.toAbsolutePath().normalize());
		Path real = realPath(folder);
		if (input == null && real != null) {
			input = inputAtOrBelow.get(real);
		}
		if (input == null) {
			return;
		}
		String relation = isSameFile(folder, input) ? "is the input " + input : "contains the " +
			"input " + input;
		throw new InvalidInputException(description + " " + folder + " " + relation + ". " + fix +
			" PumaSeg never overwrites or deletes its inputs.");
	}

	private void index(Path path, Path input) {
		for (Path level = path; level != null; level = level.getParent()) {
			inputAtOrBelow.putIfAbsent(level, input);
		}
	}

	private static Path realPath(Path path) {
		try {
			return Files.exists(path) ? path.toRealPath() : null;
		}
		catch (IOException e) {
			return null;
		}
	}

	private static boolean isSameFile(Path first, Path second) {
		if (first.toAbsolutePath().normalize().equals(second.toAbsolutePath().normalize())) {
			return true;
		}
		try {
			return Files.exists(first) && Files.exists(second) && Files.isSameFile(first, second);
		}
		catch (IOException e) {
			return false;
		}
	}
}
