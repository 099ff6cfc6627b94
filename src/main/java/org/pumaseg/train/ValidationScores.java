package org.pumaseg.train;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Scores on the validation images after one epoch.
 *
 * @param loss losses averaged over validation pixels
 * @param scores named scores in [0, 1]: {@code foreground_dice} (pixel Dice of foreground at
 *        probability 0.5, equal to the pixel F1), {@code nucleus_class_accuracy} (share of
 *        labelled nucleus pixels whose most probable class is right), {@code tissue_micro_dice}
 *        (PUMA tissue micro Dice of the most probable class, see
 *        {@link org.pumaseg.metrics.TissueEvaluation})
 */
public record ValidationScores(LossValues loss, Map<String, Double> scores) {

	public ValidationScores {
		scores = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(scores));
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
