package org.pumaseg.metrics;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.pumaseg.metrics.FilePairing.FilePair;

/**
 * An {@link EvaluationReport} as plain-text tables for a terminal or a log: the official
 * scores first, then the extras, each labelled as such, then the files.
 */
public final class EvaluationText {

	/** Ignored files listed in full only in the JSON report: result folders hold many. */
	private static final int IGNORED_SHOWN = 10;

	private EvaluationText() {}

	public static String format(EvaluationReport report) {
		StringBuilder text = new StringBuilder();
		if (report.nuclei() != null) {
			nuclei(text, report.nuclei());
			if (report.panoptic() != null) {
				panoptic(text, report.panoptic());
			}
			confusion(text, report.nuclei().confusion());
		}
		if (report.tissue() != null) {
			tissue(text, report.tissue());
		}
		images(text, report);
		files(text, report);
		return text.toString();
	}

	private static void nuclei(StringBuilder text, NucleiScores scores) {
		line(text, "Nuclei, %s: %d image pair(s)", scores.track().label(), scores
			.imageCount());
		line(text, "%-22s %9s | %9s %9s %9s %7s %7s %7s", "class", "F1", "precision*",
			"recall*", "F1*", "TP*", "FP*", "FN*");
		for (Map.Entry<String, Double> entry : scores.classF1().entrySet()) {
			ClassCounts pooled = scores.pooledClasses().get(entry.getKey());
			line(text, "%-22s %9s | %9s %9s %9s %7d %7d %7d", entry.getKey(), number(entry
				.getValue()), number(pooled.precision()), number(pooled.recall()), number(pooled
					.f1()), pooled.truePositives(), pooled.falsePositives(), pooled.falseNegatives());
		}
		line(text, "%-22s %9s | %9s", "macro F1 (official)", number(scores.macroF1()), number(
			scores.pooledMacroF1()));
		line(text, "F1: the official score, per-image F1 summed over images / image count.");
		line(text, "* extra, not part of the official score: counts pooled over all images.");
		text.append('\n');
	}

	private static void panoptic(StringBuilder text, PanopticScores scores) {
		line(text, "Panoptic quality (extra, not part of the official score): pixels with their " +
			"centre inside a polygon, same-class matches with IoU > 0.5");
		line(text, "%-22s %9s %9s %9s %7s %7s %7s", "class", "PQ", "SQ", "RQ", "TP", "FP", "FN");
		for (Map.Entry<String, PanopticCounts> entry : scores.classes().entrySet()) {
			panopticRow(text, entry.getKey(), entry.getValue());
		}
		line(text, "%-22s %9s %9s %9s", "mean over classes", number(scores
			.meanPanopticQuality()), number(scores.meanSegmentationQuality()), number(scores
				.meanRecognitionQuality()));
		panopticRow(text, "all nuclei, any class", scores.classAgnostic());
		text.append('\n');
	}

	private static void panopticRow(StringBuilder text, String label, PanopticCounts counts) {
		line(text, "%-22s %9s %9s %9s %7d %7d %7d", label, number(counts.panopticQuality()),
			number(counts.segmentationQuality()), number(counts.recognitionQuality()), counts
				.truePositives(), counts.falsePositives(), counts.falseNegatives());
	}

	private static void confusion(StringBuilder text, ConfusionMatrix matrix) {
		line(text, "Confusion matrix of nuclei matched by location (extra): rows ground truth, " +
			"columns prediction, 'none' = no nucleus within 15 px");
		List<String> classes = matrix.classes();
		StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-22s", ""));
		for (int column = 0; column <= classes.size(); column++) {
			header.append(String.format(Locale.ROOT, " %8s", shortName(column < classes.size()
				? classes.get(column) : "none")));
		}
		text.append(header).append('\n');
		for (int row = 0; row <= classes.size(); row++) {
			StringBuilder values = new StringBuilder(String.format(Locale.ROOT, "%-22s", row <
				classes.size() ? classes.get(row) : "none"));
			for (long count : matrix.counts()[row]) {
				values.append(String.format(Locale.ROOT, " %8d", count));
			}
			text.append(values).append('\n');
		}
		text.append('\n');
	}

	private static void tissue(StringBuilder text, TissueScores scores) {
		line(text, "Tissue: %d mask pair(s), resized to %d x %d", scores.imageCount(),
			TissueEvaluation.EVALUATION_SIZE, TissueEvaluation.EVALUATION_SIZE);
		line(text, "%-22s %11s | %16s", "class", "micro Dice", "mean image Dice*");
		for (Map.Entry<String, Double> entry : scores.microDice().entrySet()) {
			line(text, "%-22s %11s | %16s", entry.getKey(), number(entry.getValue()), number(scores
				.meanImageDice().get(entry.getKey())));
		}
		line(text, "%-22s %11s", "mean (official)", number(scores.microDiceMean()));
		line(text, "micro Dice: pixels of all images pooled per class; 0 for a class found in " +
			"no image.");
		line(text, "* reported, not ranked: per-image Dice (1 when a class is absent from both " +
			"masks), averaged.");
		text.append('\n');
	}

	private static void images(StringBuilder text, EvaluationReport report) {
		line(text, "Per image");
		line(text, "%-40s %8s %8s %9s %9s %9s", "image", "truth", "pred.", "macro F1", "PQ*",
			"Dice");
		if (report.nuclei() != null) {
			for (int i = 0; i < report.nuclei().images().size(); i++) {
				ImageNucleiScores image = report.nuclei().images().get(i);
				PanopticCounts agnostic = report.panoptic().images().get(i).classAgnostic();
				line(text, "%-40s %8d %8d %9s %9s %9s", image.image(), image.truthCount(), image
					.predictionCount(), number(image.macroF1()), number(agnostic
						.panopticQuality()), "");
			}
		}
		if (report.tissue() != null) {
			for (TissueScores.ImageTissueScores image : report.tissue().images()) {
				line(text, "%-40s %8s %8s %9s %9s %9s", image.image(), "", "", "", "", number(image
					.averageDice()));
			}
		}
		line(text, "truth, pred.: nuclei scored; PQ*: class-agnostic panoptic quality (extra); " +
			"Dice: mean per-image tissue Dice.");
		text.append('\n');
	}

	private static void files(StringBuilder text, EvaluationReport report) {
		FilePairing files = report.files();
		long nuclei = files.pairs().stream().filter(pair -> pair.kind() == FilePairing.Kind.NUCLEI)
			.count();
		line(text, "Files: %d pair(s), %d nuclei and %d tissue", files.pairs().size(), nuclei, files
			.pairs().size() - nuclei);
		for (FilePair pair : files.pairs()) {
			line(text, "  %s (%s): %s <-> %s", pair.image(), pair.kind().label(), pair.truth(), pair
				.prediction());
		}
		paths(text, "Ground truth without prediction (not scored)", files.unpairedTruth());
		paths(text, "Predictions without ground truth (not scored)", files.unpairedPredictions());
		paths(text, "Ignored (not annotations or tissue masks)", files.ignored(), IGNORED_SHOWN);
		for (String warning : report.warnings()) {
			line(text, "Warning: %s", warning);
		}
	}

	private static void paths(StringBuilder text, String title, List<Path> paths) {
		paths(text, title, paths, Integer.MAX_VALUE);
	}

	/** Lists at most {@code maxListed} paths, then how many more there are. */
	private static void paths(StringBuilder text, String title, List<Path> paths, int maxListed) {
		if (paths.isEmpty()) {
			return;
		}
		line(text, "%s: %d", title, paths.size());
		for (Path path : paths.subList(0, Math.min(maxListed, paths.size()))) {
			line(text, "  %s", path);
		}
		if (paths.size() > maxListed) {
			line(text, "  ... and %d more", paths.size() - maxListed);
		}
	}

	/** Returns a class name without the {@code nuclei_} prefix, cut to fit a column. */
	private static String shortName(String className) {
		String name = className.startsWith("nuclei_") ? className.substring(7) : className;
		return name.length() > 8 ? name.substring(0, 8) : name;
	}

	private static String number(double value) {
		return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.4f", value);
	}

	private static void line(StringBuilder text, String format, Object... arguments) {
		text.append(String.format(Locale.ROOT, format, arguments)).append('\n');
	}
}
