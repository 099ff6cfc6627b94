package org.pumaseg.nuclei;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import org.pumaseg.model.PumaClassNames;

/**
 * Class of each instance by a probability-weighted vote: every pixel of the instance adds its
 * probability for each class, background excluded, and the class with the largest sum wins.
 * The instance's probability is that sum divided by the sum over all non-background classes,
 * so it is the winning class's share of the instance's class evidence.
 */
final class ClassVote {

	/** The class name that never wins a vote. */
	static final String BACKGROUND = PumaClassNames.BACKGROUND;

	/** Winning class index per label (index 0 unused), -1 where no class planes exist. */
	final int[] classIndex;
	/** Share of the winning class per label, NaN where no class planes exist. */
	final double[] probability;

	private ClassVote(int[] classIndex, double[] probability) {
		this.classIndex = classIndex;
		this.probability = probability;
	}

	/**
	 * Votes for labels 1..{@code count} of {@code labels}.
	 *
	 * @param classPlanes one row-major probability plane per class
	 */
	static ClassVote vote(int[] labels, int count, List<float[]> classPlanes,
		List<String> classNames)
	{
		int[] classIndex = new int[count + 1];
		double[] probability = new double[count + 1];
		int classes = classPlanes.size();
		int[] voting = votingClasses(classNames);
		if (voting.length == 0) {
			Arrays.fill(classIndex, -1);
			Arrays.fill(probability, Double.NaN);
			return new ClassVote(classIndex, probability);
		}

		// Sums per (label, class), flat; one pass over the pixels.
		double[] sums = new double[(count + 1) * classes];
		for (int p = 0; p < labels.length; p++) {
			int label = labels[p];
			if (label > 0) {
				int base = label * classes;
				for (int c : voting) {
					float value = classPlanes.get(c)[p];
					if (value > 0) {
						sums[base + c] += value;
					}
				}
			}
		}

		for (int label = 1; label <= count; label++) {
			int base = label * classes;
			int best = voting[0];
			double total = 0;
			for (int c : voting) {
				total += sums[base + c];
				if (sums[base + c] > sums[base + best]) {
					best = c;
				}
			}
			classIndex[label] = best;
			probability[label] = total > 0 ? sums[base + best] / total : 0;
		}
		return new ClassVote(classIndex, probability);
	}

	/** Indices of the classes that may win: all but background. */
	private static int[] votingClasses(List<String> classNames) {
		return IntStream.range(0, classNames.size()).filter(c -> !BACKGROUND
			.equals(classNames.get(c))).toArray();
	}
}
