package org.pumaseg.preprocess;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import net.imglib2.parallel.Parallelization;
import net.imglib2.parallel.TaskExecutor;

import org.pumaseg.Progress;

/**
 * Exact percentiles of all the values in a set of float arrays (image planes), without sorting
 * or copying them.
 * <p>
 * Each float is mapped to a 32-bit key with the same order; a first pass counts keys by their
 * high 16 bits, which locates the bucket holding each wanted rank, and a second pass counts the
 * low 16 bits inside those buckets, which gives the exact value. Both passes run in parallel
 * over slices of the arrays with per-slice histograms of 65536 counts. NaN values are skipped.
 * Percentiles follow NumPy's default ({@code linear}): rank {@code (n-1) p / 100},
 * interpolated between its two neighbours.
 */
final class OrderStatistics {

	private static final int BUCKETS = 1 << 16;
	private static final int SLICE = 1 << 20;

	private final List<float[]> planes;
	private final long count;
	private final long[] high;

	/** Counts the values of {@code planes}; the arrays are read, never changed. */
	OrderStatistics(List<float[]> planes, Progress progress) {
		this.planes = planes;
		progress.checkCanceled();
		List<long[]> perSlice = forEachSlice(slice -> {
			long[] histogram = new long[BUCKETS + 1];
			for (int i = slice.from; i < slice.to; i++) {
				float v = slice.values[i];
				if (v != v) {
					histogram[BUCKETS]++;
				}
				else {
					histogram[highBits(v)]++;
				}
			}
			return histogram;
		});
		high = new long[BUCKETS];
		long nan = 0;
		for (long[] h : perSlice) {
			for (int b = 0; b < BUCKETS; b++) {
				high[b] += h[b];
			}
			nan += h[BUCKETS];
		}
		long total = 0;
		for (float[] plane : planes) {
			total += plane.length;
		}
		count = total - nan;
	}

	/** Number of (non-NaN) values. */
	long count() {
		return count;
	}

	/** Percentiles {@code percents} (each 0..100); all 0 when there are no values. */
	double[] percentiles(double[] percents, Progress progress) {
		double[] result = new double[percents.length];
		if (count == 0) {
			return result;
		}
		long[] ranks = new long[2 * percents.length];
		for (int i = 0; i < percents.length; i++) {
			double rank = (count - 1) * (percents[i] / 100);
			ranks[2 * i] = (long) Math.floor(rank);
			ranks[2 * i + 1] = Math.min(count - 1, ranks[2 * i] + 1);
		}
		progress.checkCanceled();
		double[] values = valuesAtRanks(ranks);
		for (int i = 0; i < percents.length; i++) {
			double rank = (count - 1) * (percents[i] / 100);
			double fraction = rank - Math.floor(rank);
			double low = values[2 * i];
			result[i] = fraction == 0 ? low : low + fraction * (values[2 * i + 1] - low);
		}
		return result;
	}

	/** The values at 0-based {@code ranks} of the sorted data. */
	private double[] valuesAtRanks(long[] ranks) {
		// Locate the high-bits bucket of each rank and the rank within it.
		int[] bucket = new int[ranks.length];
		long[] rankInBucket = new long[ranks.length];
		for (int r = 0; r < ranks.length; r++) {
			long seen = 0;
			int b = 0;
			while (seen + high[b] <= ranks[r]) {
				seen += high[b];
				b++;
			}
			bucket[r] = b;
			rankInBucket[r] = ranks[r] - seen;
		}
		int[] wanted = Arrays.stream(bucket).distinct().toArray();

		// Count the low bits inside the wanted buckets.
		List<long[][]> perSlice = forEachSlice(slice -> {
			long[][] histograms = new long[wanted.length][BUCKETS];
			for (int i = slice.from; i < slice.to; i++) {
				float v = slice.values[i];
				if (v != v) {
					continue;
				}
				int key = key(v);
				int b = (key >>> 16) ^ 0x8000;
				for (int w = 0; w < wanted.length; w++) {
					if (wanted[w] == b) {
						histograms[w][key & 0xffff]++;
					}
				}
			}
			return histograms;
		});
		long[][] low = new long[wanted.length][BUCKETS];
		for (long[][] h : perSlice) {
			for (int w = 0; w < wanted.length; w++) {
				for (int i = 0; i < BUCKETS; i++) {
					low[w][i] += h[w][i];
				}
			}
		}

		double[] values = new double[ranks.length];
		for (int r = 0; r < ranks.length; r++) {
			int w = indexOf(wanted, bucket[r]);
			long seen = 0;
			int i = 0;
			while (seen + low[w][i] <= rankInBucket[r]) {
				seen += low[w][i];
				i++;
			}
			int key = (((bucket[r] ^ 0x8000) << 16) | i);
			values[r] = fromKey(key);
		}
		return values;
	}

	private static int indexOf(int[] array, int value) {
		for (int i = 0; i < array.length; i++) {
			if (array[i] == value) {
				return i;
			}
		}
		throw new IllegalStateException();
	}

	/** A contiguous part of one plane. */
	private record Slice(float[] values, int from, int to) {}

	private <R> List<R> forEachSlice(java.util.function.Function<Slice, R> task) {
		List<Slice> slices = new ArrayList<>();
		for (float[] plane : planes) {
			for (int from = 0; from < plane.length; from += SLICE) {
				slices.add(new Slice(plane, from, Math.min(plane.length, from + SLICE)));
			}
		}
		TaskExecutor executor = Parallelization.getTaskExecutor();
		return executor.forEachApply(slices, task);
	}

	/** An int whose signed order is the order of the float {@code v}. */
	private static int key(float v) {
		return WeightedPercentile.sortableBits(v);
	}

	private static int highBits(float v) {
		return (key(v) >>> 16) ^ 0x8000;
	}

	private static float fromKey(int key) {
		int bits = key ^ ((key >> 31) & 0x7fffffff);
		return Float.intBitsToFloat(bits);
	}
}
