package org.pumaseg.preprocess;

import java.util.Arrays;

/**
 * Percentiles of values that each stand for a number of pixels (the distinct colours of a
 * {@link ColourTable}), with the same definition as NumPy's default ({@code linear}): for
 * {@code n} pixels sorted by value, percentile {@code p} lies at rank {@code (n-1) p / 100},
 * interpolated between the two neighbouring ranks.
 * <p>
 * Entries are ordered by the {@code float} rounding of their value (packed with the entry index
 * into one {@code long} for a primitive sort); the returned values are the exact
 * {@code double}s, so only entries closer than float precision could swap order.
 */
final class WeightedPercentile {

	private final double[] values;
	private final long[] order;
	private final int[] weights;
	private final long total;

	/**
	 * @param values one value per entry
	 * @param weights pixel count per entry; entries with weight 0 are ignored
	 */
	WeightedPercentile(double[] values, int[] weights) {
		this.values = values;
		this.weights = weights;
		int used = 0;
		long sum = 0;
		for (int i = 0; i < values.length; i++) {
			if (weights[i] > 0) {
				used++;
				sum += weights[i];
			}
		}
		this.total = sum;
		this.order = new long[used];
		int k = 0;
		for (int i = 0; i < values.length; i++) {
			if (weights[i] > 0) {
				order[k++] = ((long) sortableBits((float) values[i]) << 32) | i;
			}
		}
		Arrays.parallelSort(order);
	}

	/** Number of pixels counted. */
	long total() {
		return total;
	}

	/** Percentile {@code p} (0..100); NaN when there are no pixels. */
	double percentile(double p) {
		if (total == 0) {
			return Double.NaN;
		}
		double rank = (total - 1) * (p / 100);
		long below = (long) Math.floor(rank);
		double fraction = rank - below;
		double low = valueAtRank(below);
		if (fraction == 0 || below + 1 >= total) {
			return low;
		}
		return low + fraction * (valueAtRank(below + 1) - low);
	}

	/** The value of the pixel at 0-based {@code rank} in sorted order. */
	private double valueAtRank(long rank) {
		long seen = 0;
		for (long key : order) {
			int i = (int) key;
			seen += weights[i];
			if (seen > rank) {
				return values[i];
			}
		}
		throw new IllegalStateException("Rank " + rank + " beyond " + total + " pixels.");
	}

	/** An int whose signed order is the order of the float {@code v} (for non-NaN values). */
	static int sortableBits(float v) {
		int bits = Float.floatToIntBits(v);
		return bits ^ ((bits >> 31) & 0x7fffffff);
	}
}
