package org.pumaseg.bench;

import java.util.List;

import org.pumaseg.InvalidInputException;

/**
 * The settings of one {@link Benchmarks#run}.
 *
 * @param sizes square image sides in pixels for the tiling and peak-heap rows, each between
 *          {@link #MIN_SIZE} and {@link #MAX_SIZE}
 * @param quick one timed run per step and a 512 x 512 decoding scene instead of 1024 x 1024:
 *          a smoke test of the benchmark, not a measurement
 * @param pythons Python executables to try for the scikit-image comparison, in order
 */
public record BenchmarkOptions(List<Integer> sizes, boolean quick, List<String> pythons) {

	/** Image sides measured when none are given. */
	public static final List<Integer> DEFAULT_SIZES = List.of(1024, 5120, 20000);

	/** One tile of the default 256 px tiling. */
	public static final int MIN_SIZE = 256;

	/** 100,000 px: already 10^10 pixels, hours of prediction on a laptop. */
	public static final int MAX_SIZE = 100_000;

	public BenchmarkOptions {
		if (sizes.isEmpty()) {
			throw new InvalidInputException("No image sizes to benchmark. Give at least one, e.g. " +
				"--sizes 1024.");
		}
		for (int size : sizes) {
			checkSize(size, Integer.toString(size));
		}
		sizes = List.copyOf(sizes);
		pythons = List.copyOf(pythons);
	}

	/**
	 * Parses a comma-separated list of image sides such as {@code 1024,5120}.
	 *
	 * @throws InvalidInputException naming the first value that is not a whole number between
	 *           {@link #MIN_SIZE} and {@link #MAX_SIZE}
	 */
	public static List<Integer> parseSizes(String text) {
		List<Integer> sizes = new java.util.ArrayList<>();
		for (String part : text.split(",", -1)) {
			String value = part.trim();
			int size;
			try {
				size = Integer.parseInt(value);
			}
			catch (NumberFormatException e) {
				throw new InvalidInputException("The image size '" + value + "' in '" + text +
					"' is not a whole number. Fix: give sides in pixels separated by commas, " +
					"e.g. --sizes 1024,5120.");
			}
			checkSize(size, value);
			sizes.add(size);
		}
		return sizes;
	}

	private static void checkSize(int size, String value) {
		if (size < MIN_SIZE || size > MAX_SIZE) {
			throw new InvalidInputException("The image size " + value + " px is out of range. " +
				"Fix: give sides between " + MIN_SIZE + " and " + MAX_SIZE + " px, e.g. --sizes " +
				"1024,5120.");
		}
	}

	/** Returns how often every timed step runs. */
	public Repeats repeats() {
		return quick ? Repeats.QUICK : Repeats.FULL;
	}

	/** Side in pixels of the decoding scene. */
	public int decodingSceneSize() {
		return quick ? 512 : 1024;
	}
}
