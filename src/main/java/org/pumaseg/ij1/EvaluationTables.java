package org.pumaseg.ij1;

import java.util.Map;

import org.pumaseg.metrics.ClassCounts;
import org.pumaseg.metrics.EvaluationReport;
import org.pumaseg.metrics.ImageNucleiScores;
import org.pumaseg.metrics.NucleiScores;
import org.pumaseg.metrics.PanopticCounts;
import org.pumaseg.metrics.PanopticScores;
import org.pumaseg.metrics.TissueScores;

import ij.measure.ResultsTable;

/**
 * An {@link EvaluationReport} as ImageJ Results tables. Columns whose header ends in "(extra)"
 * are not part of the official PUMA score.
 */
public final class EvaluationTables {

	static final String CLASS = "Class";

	private EvaluationTables() {}

	/**
	 * Builds one row per nucleus class: official F1, pooled precision, recall, F1 and counts, and
	 * panoptic quality; then a row with the means.
	 */
	public static ResultsTable nuclei(NucleiScores scores, PanopticScores panoptic) {
		ResultsTable table = newTable();
		for (Map.Entry<String, Double> entry : scores.classF1().entrySet()) {
			String className = entry.getKey();
			ClassCounts pooled = scores.pooledClasses().get(className);
			PanopticCounts quality = panoptic == null ? null : panoptic.classes().get(className);
			table.incrementCounter();
			table.addValue(CLASS, className);
			table.addValue("F1", entry.getValue());
			table.addValue("Precision (extra)", pooled.precision());
			table.addValue("Recall (extra)", pooled.recall());
			table.addValue("Pooled F1 (extra)", pooled.f1());
			table.addValue("TP", pooled.truePositives());
			table.addValue("FP", pooled.falsePositives());
			table.addValue("FN", pooled.falseNegatives());
			table.addValue("PQ (extra)", quality == null ? Double.NaN : quality.panopticQuality());
			table.addValue("SQ (extra)", quality == null ? Double.NaN : quality
				.segmentationQuality());
			table.addValue("RQ (extra)", quality == null ? Double.NaN : quality
				.recognitionQuality());
		}
		table.incrementCounter();
		table.addValue(CLASS, "mean (official macro F1)");
		table.addValue("F1", scores.macroF1());
		table.addValue("Pooled F1 (extra)", scores.pooledMacroF1());
		if (panoptic != null) {
			table.addValue("PQ (extra)", panoptic.meanPanopticQuality());
			table.addValue("SQ (extra)", panoptic.meanSegmentationQuality());
			table.addValue("RQ (extra)", panoptic.meanRecognitionQuality());
		}
		return table;
	}

	/** Builds one row per tissue class (official micro Dice, mean per-image Dice), then the means. */
	public static ResultsTable tissue(TissueScores scores) {
		ResultsTable table = newTable();
		for (Map.Entry<String, Double> entry : scores.microDice().entrySet()) {
			table.incrementCounter();
			table.addValue(CLASS, entry.getKey());
			table.addValue("Micro Dice", entry.getValue());
			table.addValue("Mean image Dice (extra)", scores.meanImageDice().get(entry.getKey()));
		}
		table.incrementCounter();
		table.addValue(CLASS, "mean (official micro Dice)");
		table.addValue("Micro Dice", scores.microDiceMean());
		return table;
	}

	/** Builds one row per image and kind: nuclei macro F1 and PQ, or the tissue Dice. */
	public static ResultsTable images(EvaluationReport report) {
		ResultsTable table = newTable();
		if (report.nuclei() != null) {
			for (int i = 0; i < report.nuclei().images().size(); i++) {
				ImageNucleiScores image = report.nuclei().images().get(i);
				table.incrementCounter();
				table.addValue("Image", image.image());
				table.addValue("Kind", "nuclei");
				table.addValue("Truth nuclei", image.truthCount());
				table.addValue("Predicted nuclei", image.predictionCount());
				table.addValue("Macro F1", image.macroF1());
				table.addValue("PQ any class (extra)", report.panoptic().images().get(i)
					.classAgnostic().panopticQuality());
			}
		}
		if (report.tissue() != null) {
			for (TissueScores.ImageTissueScores image : report.tissue().images()) {
				table.incrementCounter();
				table.addValue("Image", image.image());
				table.addValue("Kind", "tissue");
				table.addValue("Mean Dice", image.averageDice());
			}
		}
		return table;
	}

	private static ResultsTable newTable() {
		ResultsTable table = new ResultsTable();
		table.setPrecision(4);
		table.showRowNumbers(false);
		table.setNaNEmptyCells(true);
		return table;
	}
}
