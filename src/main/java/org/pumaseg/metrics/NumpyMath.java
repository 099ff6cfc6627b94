package org.pumaseg.metrics;

/**
 * Means computed in the order numpy 2 computes them, so that averages agree with the
 * official Python evaluation to the last bit: {@code np.mean} of a 1-D array sums pairwise
 * (blocks of up to 128 values with 8 partial sums) and divides by the count.
 */
final class NumpyMath {

	private static final int BLOCK_SIZE = 128;

	private NumpyMath() {}

	/** {@code np.mean(values)}; NaN for no values, as numpy returns. */
	static double mean(double[] values) {
		if (values.length == 0) {
			return Double.NaN;
		}
		return pairwiseSum(values, 0, values.length) / values.length;
	}

	private static double pairwiseSum(double[] values, int start, int count) {
		if (count < 8) {
			double sum = 0.;
			for (int i = 0; i < count; i++) {
				sum += values[start + i];
			}
			return sum;
		}
		if (count <= BLOCK_SIZE) {
			double[] partial = new double[8];
			System.arraycopy(values, start, partial, 0, 8);
			int i = 8;
			for (; i < count - count % 8; i += 8) {
				for (int j = 0; j < 8; j++) {
					partial[j] += values[start + i + j];
				}
			}
			double sum = ((partial[0] + partial[1]) + (partial[2] + partial[3])) + ((partial[4] +
				partial[5]) + (partial[6] + partial[7]));
			for (; i < count; i++) {
				sum += values[start + i];
			}
			return sum;
		}
		int half = count / 2;
		half -= half % 8;
		return pairwiseSum(values, start, half) + pairwiseSum(values, start + half, count - half);
	}
}
