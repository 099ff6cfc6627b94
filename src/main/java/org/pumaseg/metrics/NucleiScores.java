package org.pumaseg.metrics;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.pumaseg.annotation.Track;

/**
 * Nuclei scores of an evaluation.
 * <p>
 * Official (the PUMA leaderboard): {@code classF1} is, per class occurring anywhere, the sum
 * of per-image F1 divided by the number of all images; {@code macroF1} is their mean.
 * <p>
 * Extras, not part of the official score: {@code pooledClasses} are counts summed over all
 * images per class, {@code pooledMacroF1} the mean of their F1, {@code pooledAll} the counts of
 * all classes together, and {@code confusion} the class confusion of location-matched nuclei.
 */
public record NucleiScores(Track track, int imageCount, List<ImageNucleiScores> images,
	Map<String, Double> classF1, double macroF1, Map<String, ClassCounts> pooledClasses,
	double pooledMacroF1, ClassCounts pooledAll, ConfusionMatrix confusion)
{

	/** Formats per-image and per-class rows, then the pooled and official rows, as CSV. */
	public String toCsv() {
		StringBuilder csv = new StringBuilder(
			"image,class,tp,fp,fn,precision,recall,f1\n");
		for (ImageNucleiScores image : images) {
			for (Map.Entry<String, ClassCounts> entry : image.classes().entrySet()) {
				row(csv, image.image(), entry.getKey(), entry.getValue());
			}
		}
		for (Map.Entry<String, ClassCounts> entry : pooledClasses.entrySet()) {
			row(csv, "(pooled, extra)", entry.getKey(), entry.getValue());
		}
		for (Map.Entry<String, Double> entry : classF1.entrySet()) {
			csv.append("(official),").append(entry.getKey()).append(",,,,,,").append(format(entry
				.getValue())).append('\n');
		}
		csv.append("(official),(mean),,,,,,").append(format(macroF1)).append('\n');
		return csv.toString();
	}

	private static void row(StringBuilder csv, String image, String className,
		ClassCounts counts)
	{
		csv.append(CsvText.quote(image)).append(',').append(className).append(',').append(
			counts.truePositives()).append(',').append(counts.falsePositives()).append(',').append(
				counts.falseNegatives()).append(',').append(format(counts.precision())).append(',')
			.append(format(counts.recall())).append(',').append(format(counts.f1())).append('\n');
	}

	static String format(double value) {
		return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.6f", value);
	}
}
