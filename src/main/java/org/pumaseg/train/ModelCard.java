package org.pumaseg.train;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.pumaseg.annotation.Track;
import org.pumaseg.metrics.NucleiScores;

/** The model card ({@code README.md}) of an exported package. */
final class ModelCard {

	private ModelCard() {}

	/** The heading of the section {@link #validationSection} writes. */
	static final String VALIDATION_HEADING = "## Validation scores";

	/**
	 * @param packageScores scores of the written package ({@link PackageEvaluation}), or an
	 *        empty list when they could not be computed
	 */
	static String text(TrainingResult result, TrainingData data, ModelExport.Card card,
		int tile, int halo, List<PackageEvaluation.ImageScores> packageScores)
	{
		NetworkConfig network = result.network();
		StringBuilder text = new StringBuilder();
		text.append("# ").append(card.name()).append("\n\n");
		text.append("A PumaSeg ").append(data.task().id()).append(" model: ").append(network
			.summary()).append(".\n\n");

		text.append("## Training data\n\n").append(card.dataDescription()).append("\n\n");
		text.append("Training images: ").append(data.training().size()).append(" (");
		text.append(String.format(Locale.ROOT, "%.2f", data.trainingPixels() / 1e6)).append(
			" Mpx). Validation images: ").append(data.validation().size()).append(".\n\n");
		text.append("Split: ").append(data.splitDescription()).append("\n\n");
		text.append("Pixel size: ").append(Double.isNaN(data.umPerPixel())
			? "unknown in the data; " + TrainingDataset.DEFAULT_UM_PER_PIXEL + " µm/px assumed"
			: String.format(Locale.ROOT, "%.4f µm/px", data.umPerPixel())).append(".\n\n");

		text.append("## Training\n\n");
		text.append("Command: `").append(card.command()).append("`\n\n");
		text.append(String.format(Locale.ROOT, "%d epochs, %d steps, %s on CPU%s; the kept " +
			"parameters are those of epoch %d.%n%n", result.epochs(), result.steps(), Trainer
				.duration(result.seconds()), result.stoppedEarly() ? ", stopped early" : "", result
					.bestEpoch()));
		if (result.lastTrainingLoss() != null) {
			text.append("Last training loss: ").append(result.lastTrainingLoss()).append("\n\n");
		}
		text.append("Per epoch:\n\n");
		for (String line : result.history()) {
			text.append("- ").append(line).append('\n');
		}

		text.append('\n').append(validationSection(packageScores, result.bestValidation(), data
			.task()));

		text.append("\n## Use\n\n");
		text.append(String.format(Locale.ROOT, "Input: RGB, 0..255, scaled by 1/255; tiles of " +
			"%d + n x %d px, with %d px at each border of a tile not reliable (halo).%n", tile,
			network.sizeMultiple(), halo));

		text.append("\n## Known limits\n\n");
		for (String limit : card.knownLimits()) {
			text.append("- ").append(limit).append('\n');
		}
		text.append("- The network is small (").append(String.format(Locale.ROOT, "%,d",
			network.parameterCount())).append(" parameters) and trained on CPU; it is a " +
				"baseline, not a state-of-the-art model.\n");
		return text.toString();
	}

	/**
	 * The validation section: the package's scores with the commands that reproduce them, then
	 * the scores of the kept epoch during training, when known.
	 *
	 * @param training validation scores of the kept epoch, or null
	 */
	static String validationSection(List<PackageEvaluation.ImageScores> packageScores,
		ValidationScores training, TrainingTask task)
	{
		StringBuilder text = new StringBuilder(VALIDATION_HEADING).append("\n\n");
		if (packageScores.isEmpty() && training == null) {
			return text.append("None: there was no validation data.\n").toString();
		}
		for (PackageEvaluation.ImageScores image : packageScores) {
			packageScores(text, image);
		}
		if (training != null) {
			text.append("### During training\n\n");
			text.append("At the kept epoch, with the maps predicted in overlapping crops of the " +
				"validation part alone (close to, not equal to, the scores of the package, which " +
				"sees the whole image):\n\n");
			text.append("| score | value |\n|---|---|\n");
			text.append(String.format(Locale.ROOT, "| loss | %.4f |%n", training.loss().total()));
			for (Map.Entry<String, Double> score : training.scores().entrySet()) {
				text.append(String.format(Locale.ROOT, "| %s | %.4f |%n", score.getKey(), score
					.getValue()));
			}
			text.append("\nThe kept epoch is the one with the best `").append(training.criterion()
				.name()).append("`. ");
			text.append(task == TrainingTask.NUCLEI ? "`track1_f1` and `track2_f1` are the PUMA " +
				"nuclei macro F1 of the nuclei decoded with the default settings of `pumaseg " +
				"segment`; `foreground_dice` is the pixel Dice of the foreground at probability " +
				"0.5.\n" : "`tissue_micro_dice` is the PUMA tissue micro Dice.\n");
		}
		return text.toString();
	}

	private static void packageScores(StringBuilder text, PackageEvaluation.ImageScores image) {
		text.append("### This package on ").append(image.image()).append("\n\n");
		if (image.wholeTissue() != null) {
			text.append(String.format(Locale.ROOT, "Tissue micro Dice of the whole image " +
				"(including the part trained on): %.4f.%n%n", image.wholeTissue().microDiceMean()));
		}
		else {
			boolean region = image.region() != null;
			text.append(region ? "| score | held out (region " + PackageEvaluation.regionText(image
				.region()) + ") | whole image (including the part trained on) |\n|---|---|---|\n"
				: "| score | whole image (held out) |\n|---|---|\n");
			row(text, "track-1 macro F1", image.heldOutTrack1().macroF1(), image.wholeTrack1()
				.macroF1(), region);
			for (String className : Track.TRACK1.classNames()) {
				row(text, "track-1 F1 " + className, classF1(image.heldOutTrack1(), className),
					classF1(image.wholeTrack1(), className), region);
			}
			row(text, "track-2 macro F1", image.heldOutTrack2().macroF1(), image.wholeTrack2()
				.macroF1(), region);
			text.append(String.format(Locale.ROOT, "%nNuclei: %d annotated and %d found in the " +
				"held-out part; PUMA F1 by centroid matching within 15 px.%n%n", image
					.heldOutTrack1().images().get(0).truthCount(), image.heldOutTrack1().images().get(
						0).predictionCount()));
		}
		text.append("Reproduce with:\n\n```\n");
		image.commands().forEach(command -> text.append(command).append('\n'));
		text.append("```\n\n");
	}

	private static double classF1(NucleiScores scores, String className) {
		return scores.classF1().getOrDefault(className, Double.NaN);
	}

	private static void row(StringBuilder text, String name, double heldOut, double whole,
		boolean region)
	{
		text.append("| ").append(name).append(" | ").append(number(heldOut));
		if (region) {
			text.append(" | ").append(number(whole));
		}
		text.append(" |\n");
	}

	/** Four decimals, as {@code pumaseg evaluate} prints them; {@code -} for no value. */
	private static String number(double value) {
		return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.4f", value);
	}

	/**
	 * Replaces the validation section of a model card (from its heading to the next level-2
	 * heading) by {@code section}.
	 *
	 * @throws IllegalArgumentException when the card has no validation section
	 */
	static String replaceValidationSection(String card, String section) {
		int start = card.indexOf(VALIDATION_HEADING + "\n");
		if (start < 0) {
			throw new IllegalArgumentException("The model card has no '" + VALIDATION_HEADING +
				"' section.");
		}
		int end = card.indexOf("\n## ", start + VALIDATION_HEADING.length());
		String rest = end < 0 ? "" : card.substring(end + 1);
		return card.substring(0, start) + section + (rest.isEmpty() ? "" : "\n" + rest);
	}
}
