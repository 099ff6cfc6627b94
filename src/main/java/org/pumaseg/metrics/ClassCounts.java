package org.pumaseg.metrics;

/**
 * Detection counts of one class with precision, recall and F1; each is 0 when its
 * denominator is 0, as in the official evaluation.
 */
public record ClassCounts(long truePositives, long falsePositives, long falseNegatives,
	double precision, double recall, double f1)
{

	public static ClassCounts of(long truePositives, long falsePositives, long falseNegatives) {
		double precision = truePositives + falsePositives > 0 ? (double) truePositives /
			(truePositives + falsePositives) : 0;
		double recall = truePositives + falseNegatives > 0 ? (double) truePositives /
			(truePositives + falseNegatives) : 0;
		double f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
		return new ClassCounts(truePositives, falsePositives, falseNegatives, precision, recall,
			f1);
	}

	public ClassCounts plus(ClassCounts other) {
		return of(truePositives + other.truePositives, falsePositives + other.falsePositives,
			falseNegatives + other.falseNegatives);
	}
}
