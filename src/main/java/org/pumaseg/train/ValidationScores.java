package org.pumaseg.train;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Scores on the validation images after one epoch.
 *
 * @param loss losses averaged over validation crops
 * @param scores named scores in [0, 1]: {@code track1_f1} and {@code track2_f1} (PUMA nuclei
 *        macro F1 of tracks 1 and 2 of the decoded nuclei, see
 *        {@link org.pumaseg.metrics.NucleiEvaluation}), {@code track1_f1_tumor},
 *        {@code track1_f1_lymphocyte} and {@code track1_f1_other} (their track-1 class F1),
 *        {@code foreground_dice} (pixel Dice of foreground at probability 0.5, equal to the
 *        pixel F1), {@code nucleus_class_accuracy} (share of labelled nucleus pixels whose most
 *        probable class is right), {@code tissue_micro_dice} (PUMA tissue micro Dice of the
 *        most probable class, see {@link org.pumaseg.metrics.TissueEvaluation})
 */
public record ValidationScores(LossValues loss, Map<String, Double> scores) {

	/**
	 * The score that selects the best epoch.
	 *
	 * @param name the score's name, or {@code loss}
	 * @param value its value
	 * @param higherIsBetter true for F1 and Dice, false for the loss
	 */
	public record Criterion(String name, double value, boolean higherIsBetter) {

		/** Returns the value as a cost, so that lower is better for every criterion. */
		double cost() {
			return higherIsBetter ? -value : value;
		}
	}

	public ValidationScores {
		scores = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(scores));
	}

	/**
	 * Returns the track-1 nuclei F1 when it was computed, else the tissue micro Dice when it was,
	 * else the total loss.
	 */
	public Criterion criterion() {
		for (String name : new String[] { Validation.TRACK1_F1, Validation.TISSUE_MICRO_DICE }) {
			Double value = scores.get(name);
			if (value != null && Double.isFinite(value)) {
				return new Criterion(name, value, true);
			}
		}
		return new Criterion("loss", loss.total(), false);
	}

	@Override
	public String toString() {
		StringBuilder text = new StringBuilder("loss " + loss);
		for (Map.Entry<String, Double> score : scores.entrySet()) {
			text.append(", ").append(score.getKey()).append(' ').append(String.format(Locale.ROOT,
				"%.4f", score.getValue()));
		}
		return text.toString();
	}
}
