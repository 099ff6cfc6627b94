package org.pumaseg.metrics;

import java.util.List;
import java.util.Map;

/**
 * Tissue Dice scores of an evaluation.
 *
 * @param microDice per class (stroma to necrosis), Dice of the pixels of all images pooled; 0
 *        when the pooled intersection is 0. The official ranking score is {@code microDiceMean}.
 * @param microDiceMean mean of {@code microDice} over the 5 classes
 * @param images per-image Dice, reported by the official evaluation but not ranked
 * @param meanImageDice per class, the mean of the per-image Dice over images
 */
public record TissueScores(int imageCount, Map<String, Double> microDice, double microDiceMean,
	List<ImageTissueScores> images, Map<String, Double> meanImageDice)
{

	/**
	 * Per-image Dice of one image.
	 *
	 * @param dice per class; 1.0 when the class is absent from both masks
	 * @param averageDice mean over the 5 classes
	 */
	public record ImageTissueScores(String image, Map<String, Double> dice, double averageDice) {}

	/** Formats one row per image and class, then the pooled (official) rows, as CSV. */
	public String toCsv() {
		StringBuilder csv = new StringBuilder("image,class,dice\n");
		for (ImageTissueScores image : images) {
			for (Map.Entry<String, Double> entry : image.dice().entrySet()) {
				csv.append(CsvText.quote(image.image())).append(',').append(entry.getKey()).append(
					',').append(NucleiScores.format(entry.getValue())).append('\n');
			}
		}
		for (Map.Entry<String, Double> entry : microDice.entrySet()) {
			csv.append("(micro),").append(entry.getKey()).append(',').append(NucleiScores.format(
				entry.getValue())).append('\n');
		}
		csv.append("(micro),(mean),").append(NucleiScores.format(microDiceMean)).append('\n');
		return csv.toString();
	}
}
