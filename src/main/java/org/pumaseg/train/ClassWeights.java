package org.pumaseg.train;

import java.util.Arrays;
import java.util.List;

/**
 * Per-class loss weights against class imbalance: weight = (frequency)^-1/2, scaled so that
 * the pixel-weighted mean weight is 1 and clamped to [0.05, 20]; classes absent from the
 * training data get 0. Unknown pixels (-1) always weigh 0.
 */
final class ClassWeights {

	static final double MIN_WEIGHT = 0.05;
	static final double MAX_WEIGHT = 20;

	private final float[] nucleus;
	private final float[] tissue;

	private ClassWeights(float[] nucleus, float[] tissue) {
		this.nucleus = nucleus;
		this.tissue = tissue;
	}

	static ClassWeights of(List<TrainingImage> images, int nucleusClasses, int tissueClasses) {
		long[] nucleusCounts = new long[nucleusClasses];
		long[] tissueCounts = new long[tissueClasses];
		for (TrainingImage image : images) {
			count(image.targets().nucleusClass(), nucleusCounts);
			count(image.targets().tissueClass(), tissueCounts);
		}
		return new ClassWeights(weights(nucleusCounts), weights(tissueCounts));
	}

	private static void count(byte[] classes, long[] counts) {
		if (classes == null || counts.length == 0) {
			return;
		}
		for (byte c : classes) {
			if (c >= 0 && c < counts.length) {
				counts[c]++;
			}
		}
	}

	private static float[] weights(long[] counts) {
		long total = Arrays.stream(counts).sum();
		float[] weights = new float[counts.length];
		if (total == 0) {
			return weights;
		}
		double weightedSum = 0;
		double[] raw = new double[counts.length];
		for (int c = 0; c < counts.length; c++) {
			if (counts[c] > 0) {
				raw[c] = 1 / Math.sqrt((double) counts[c] / total);
				weightedSum += raw[c] * counts[c];
			}
		}
		double norm = total / weightedSum;
		for (int c = 0; c < counts.length; c++) {
			if (counts[c] > 0) {
				weights[c] = (float) Math.min(MAX_WEIGHT, Math.max(MIN_WEIGHT, raw[c] * norm));
			}
		}
		return weights;
	}

	float nucleus(int c) {
		return c < 0 || c >= nucleus.length ? 0 : nucleus[c];
	}

	float tissue(int c) {
		return c < 0 || c >= tissue.length ? 0 : tissue[c];
	}

	float[] nucleusWeights() {
		return nucleus.clone();
	}

	float[] tissueWeights() {
		return tissue.clone();
	}
}
