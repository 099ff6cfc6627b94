package org.pumaseg.til;

import java.util.List;

/**
 * Counts of values in bins of equal width: bin i contains values in
 * [startUm + i * binWidthUm, startUm + (i + 1) * binWidthUm).
 *
 * @param binWidthUm bin width in µm
 * @param startUm lower edge of the first bin in µm, a multiple of the bin width
 * @param counts values per bin
 */
public record Histogram(double binWidthUm, double startUm, List<Integer> counts) {

	public Histogram {
		counts = List.copyOf(counts);
	}

	/** Histogram of {@code values} (not empty, all finite) with bins aligned to multiples of {@code binWidthUm}. */
	static Histogram of(double[] values, double binWidthUm) {
		double min = Double.POSITIVE_INFINITY;
		double max = Double.NEGATIVE_INFINITY;
		for (double value : values) {
			min = Math.min(min, value);
			max = Math.max(max, value);
		}
		long first = (long) Math.floor(min / binWidthUm);
		long last = (long) Math.floor(max / binWidthUm);
		Integer[] counts = new Integer[(int) (last - first + 1)];
		java.util.Arrays.fill(counts, 0);
		for (double value : values) {
			int bin = (int) ((long) Math.floor(value / binWidthUm) - first);
			counts[bin]++;
		}
		return new Histogram(binWidthUm, first * binWidthUm, List.of(counts));
	}
}
