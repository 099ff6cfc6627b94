package org.pumaseg.train;

import java.util.Locale;
import java.util.Map;

/** The model card ({@code README.md}) of an exported package. */
final class ModelCard {

	private ModelCard() {}

	static String text(TrainingResult result, TrainingData data, ModelExport.Card card,
		int tile, int halo)
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
		text.append("Last training loss: ").append(result.lastTrainingLoss()).append("\n\n");
		text.append("Per epoch:\n\n");
		for (String line : result.history()) {
			text.append("- ").append(line).append('\n');
		}

		text.append("\n## Validation scores\n\n");
		if (result.bestValidation() == null) {
			text.append("None: there was no validation data.\n");
		}
		else {
			text.append("On the validation data, at the kept epoch:\n\n");
			text.append("| score | value |\n|---|---|\n");
			text.append(String.format(Locale.ROOT, "| loss | %.4f |%n", result.bestValidation()
				.loss().total()));
			for (Map.Entry<String, Double> score : result.bestValidation().scores().entrySet()) {
				text.append(String.format(Locale.ROOT, "| %s | %.4f |%n", score.getKey(), score
					.getValue()));
			}
			text.append("\n`foreground_dice` is the pixel Dice (= pixel F1) of the nuclei " +
				"foreground at probability 0.5, not the PUMA nuclei F1, which needs instance " +
				"decoding. `tissue_micro_dice` is the PUMA tissue micro Dice.\n");
		}

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
}
