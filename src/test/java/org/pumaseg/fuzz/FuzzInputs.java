package org.pumaseg.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;
import org.pumaseg.InvalidInputException;

/**
 * Shared plumbing of the reader fuzz tests: writes each input to a scratch file, runs a reader
 * on it and lets only {@link InvalidInputException} pass. Any other exception or error
 * (NullPointerException, IndexOutOfBoundsException, OutOfMemoryError, ...) propagates, so
 * Jazzer reports it as a finding.
 */
public final class FuzzInputs {

	/**
	 * Time limit per input, for the fuzz tests' {@code @Timeout}; Jazzer passes it to libFuzzer
	 * as {@code -timeout}. The first input of a JVM also pays for starting the Jazzer agent,
	 * which scans the whole class path (over 10 s on a busy 2-core machine), hence the margin.
	 */
	public static final long TIMEOUT_SECONDS = 60;

	/**
	 * Limits of one {@code JAZZER_FUZZ=1} run; plain test runs ignore them. The run stops
	 * after this many inputs or this duration, whichever comes first.
	 */
	public static final long MAX_EXECUTIONS = 150_000;
	public static final String MAX_DURATION = "40m";

	/** Seeds from the test data folder are used only up to this size, to keep fuzzing fast. */
	public static final long MAX_SHARED_SEED_BYTES = 32 * 1024;

	private FuzzInputs() {}

	/** A reader under test; the return value is ignored. */
	public interface Reader {
		Object read(Path file) throws IOException;
	}

	/**
	 * Writes {@code input} to {@code file} (replacing it) and reads it; an
	 * {@link InvalidInputException} is the expected outcome of a bad input and is swallowed.
	 */
	public static void readRejectingOnlyInvalidInput(byte[] input, Path file, Reader reader) {
		try {
			Files.write(file, input);
			reader.read(file);
		}
		catch (InvalidInputException expected) {
			if (expected.getMessage() == null || expected.getMessage().isBlank()) {
				throw new AssertionError("InvalidInputException without a message", expected);
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Creates a scratch folder that is deleted with its contents when the JVM exits. */
	public static Path scratchFolder(String prefix) {
		try {
			Path folder = Files.createTempDirectory(prefix);
			Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(folder)));
			return folder;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static void deleteQuietly(Path folder) {
		try (Stream<Path> paths = Files.walk(folder)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
		catch (IOException | UncheckedIOException e) {
			// A scratch file left in the temporary folder does no harm.
		}
	}

	/** Wraps seeds as JUnit arguments of a {@code byte[]} fuzz test. */
	public static Stream<Arguments> arguments(List<byte[]> seeds) {
		return seeds.stream().map(seed -> Arguments.of((Object) seed));
	}

	/**
	 * Returns the small files (at most {@link #MAX_SHARED_SEED_BYTES}) under
	 * {@code ../shared/data/relativeFolder} whose names end with {@code suffix}, or none when
	 * that folder is absent.
	 */
	public static List<byte[]> sharedSeeds(String relativeFolder, String suffix, int maxFiles) {
		Path folder = Path.of("..", "shared", "data").resolve(relativeFolder);
		List<byte[]> seeds = new ArrayList<>();
		if (!Files.isDirectory(folder)) {
			return seeds;
		}
		try (Stream<Path> files = Files.walk(folder)) {
			List<Path> small = files.filter(Files::isRegularFile).filter(file -> file
				.getFileName().toString().endsWith(suffix)).filter(file -> size(file) <=
					MAX_SHARED_SEED_BYTES).sorted().limit(maxFiles).toList();
			for (Path file : small) {
				seeds.add(Files.readAllBytes(file));
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return seeds;
	}

	private static long size(Path file) {
		try {
			return Files.size(file);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
