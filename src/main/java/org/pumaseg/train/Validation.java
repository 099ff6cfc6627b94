package org.pumaseg.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.pumaseg.annotation.TissueMask;
import org.pumaseg.image.PixelSize;
import org.pumaseg.metrics.MaskPair;
import org.pumaseg.metrics.TissueEvaluation;

/**
 * Scores the network on the validation images. Each image is cut into a grid of crops, and
 * the last row and column of crops are moved inside the image; pixels two crops share count
 * once. Losses and pixel scores are pooled over all pixels.
 * <p>
 * TODO: score nuclei with the PUMA F1 ({@link org.pumaseg.metrics.NucleiEvaluation}) once
 * instance decoding of the foreground and distance maps exists; until then nuclei are scored
 * by pixel Dice of the foreground and the loss.
 */
final class Validation {

	private Validation() {}

	static ValidationScores score(TrainingGraph graph, float[][] parameters,
		List<TrainingImage> images, int cropSize, ClassWeights weights)
	{
		NetworkConfig config = graph.config();
		List<LossValues> losses = new ArrayList<>();
		List<Double> lossWeights = new ArrayList<>();
		long[] foreground = new long[3];
		long[] classAccuracy = new long[2];
		List<MaskPair> tissuePairs = new ArrayList<>();

		for (TrainingImage image : images) {
			byte[] predictedTissue = config.tissueClasses() > 0 ? new byte[image.width() * image
				.height()] : null;
			for (int y0 : starts(image.height(), cropSize)) {
				for (int x0 : starts(image.width(), cropSize)) {
					Batch batch = Trainer.emptyBatch(config, 1, cropSize);
					Augmentation.NONE.crop(image, x0, y0, new SplittableRandom(0), batch, 0, weights);
					TrainingGraph.Evaluation evaluation = graph.evaluate(parameters, batch);
					losses.add(evaluation.losses());
					lossWeights.add((double) cropSize * cropSize);
					accumulate(image, x0, y0, cropSize, batch, evaluation, config, foreground,
						classAccuracy, predictedTissue);
				}
			}
			if (predictedTissue != null) {
				PixelSize unknown = PixelSize.unknown("validation crop");
				tissuePairs.add(new MaskPair(image.name(), new TissueMask(image.width(), image
					.height(), truthCodes(image.targets().tissueClass()), unknown), new TissueMask(image
						.width(), image.height(), predictedTissue, unknown)));
			}
		}

		Map<String, Double> scores = new LinkedHashMap<>();
		if (config.nucleiMaps()) {
			long denominator = 2 * foreground[0] + foreground[1] + foreground[2];
			scores.put("foreground_dice", denominator == 0 ? 1.0 : 2.0 * foreground[0] /
				denominator);
		}
		if (config.nucleusClasses() > 0 && classAccuracy[1] > 0) {
			scores.put("nucleus_class_accuracy", (double) classAccuracy[0] / classAccuracy[1]);
		}
		if (!tissuePairs.isEmpty()) {
			scores.put("tissue_micro_dice", TissueEvaluation.evaluate(tissuePairs).microDiceMean());
		}
		return new ValidationScores(LossValues.mean(losses, lossWeights), scores);
	}

	/** Crop origins covering {@code [0, size)}; the last one ends at the border when it can. */
	static List<Integer> starts(int size, int cropSize) {
		List<Integer> starts = new ArrayList<>();
		for (int start = 0; start < size; start += cropSize) {
			starts.add(start + cropSize > size ? Math.max(0, size - cropSize) : start);
		}
		return starts;
	}

	private static void accumulate(TrainingImage image, int x0, int y0, int cropSize,
		Batch batch, TrainingGraph.Evaluation evaluation, NetworkConfig config, long[] foreground,
		long[] classAccuracy, byte[] predictedTissue)
	{
		// Pixels before the previous crop's end were counted by that crop.
		int fromX = x0 % cropSize == 0 ? 0 : (x0 / cropSize + 1) * cropSize - x0;
		int fromY = y0 % cropSize == 0 ? 0 : (y0 / cropSize + 1) * cropSize - y0;
		int toX = Math.min(cropSize, image.width() - x0);
		int toY = Math.min(cropSize, image.height() - y0);
		for (int y = fromY; y < toY; y++) {
			for (int x = fromX; x < toX; x++) {
				int pixel = y * cropSize + x;
				if (config.nucleiMaps()) {
					boolean predicted = evaluation.foreground()[pixel] > 0.5f;
					boolean truth = batch.foreground()[pixel] > 0.5f;
					foreground[0] += predicted && truth ? 1 : 0;
					foreground[1] += predicted && !truth ? 1 : 0;
					foreground[2] += !predicted && truth ? 1 : 0;
				}
				if (config.nucleusClasses() > 0 && batch.nucleusClass()[pixel] > 0) {
					classAccuracy[1]++;
					if (argmax(evaluation.nucleusClass(), pixel, config.nucleusClasses()) == batch
						.nucleusClass()[pixel])
					{
						classAccuracy[0]++;
					}
				}
				if (predictedTissue != null) {
					predictedTissue[(y0 + y) * image.width() + x0 + x] = (byte) argmax(evaluation
						.tissueClass(), pixel, config.tissueClasses());
				}
			}
		}
	}

	private static byte[] truthCodes(byte[] codes) {
		byte[] truth = codes.clone();
		for (int i = 0; i < truth.length; i++) {
			if (truth[i] < 0) {
				truth[i] = 0;
			}
		}
		return truth;
	}

	static int argmax(float[] values, int pixel, int channels) {
		int best = 0;
		for (int c = 1; c < channels; c++) {
			if (values[pixel * channels + c] > values[pixel * channels + best]) {
				best = c;
			}
		}
		return best;
	}
}
