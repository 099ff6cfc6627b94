package org.pumaseg.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.pumaseg.InvalidInputException;
import org.pumaseg.annotation.TissueClass;
import org.pumaseg.annotation.TissueMask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tissue Dice exactly as the official PUMA evaluation computes it.
 * <p>
 * Both masks of each image are resized to 1024 x 1024 with nearest-neighbour sampling
 * (Pillow's rule, {@link #resizeNearest}). The ranking score is micro Dice: for each class 1..5
 * the pixels of all images are pooled and Dice = (2|P∩G| + ε) / (|P| + |G| + ε), ε = 1e-5,
 * or 0 when the pooled intersection is 0; the score is the mean over the 5 classes. Background
 * (0) is never scored. Per-image Dice uses the same formula but is 1.0 when a class is absent
 * from both masks.
 */
public final class TissueEvaluation {

	/** Side of the square grid both masks are resampled to before scoring. */
	public static final int EVALUATION_SIZE = 1024;
	static final double EPSILON = 1e-5;

	private static final Logger LOG = LoggerFactory.getLogger(TissueEvaluation.class);

	private TissueEvaluation() {}

	/**
	 * Evaluates mask pairs whose truth and prediction have the same size.
	 *
	 * @throws InvalidInputException when a prediction's size differs from its truth's: the
	 *         official evaluation would resize both and score a misaligned mask silently
	 */
	public static TissueScores evaluate(List<MaskPair> pairs) {
		return evaluate(pairs, true);
	}

	/**
	 * @param requireEqualSizes false to resize masks of different sizes as the official
	 *        evaluation does instead of rejecting them
	 */
	public static TissueScores evaluate(List<MaskPair> pairs, boolean requireEqualSizes) {
		if (pairs.isEmpty()) {
			throw new InvalidInputException("No tissue mask pairs to evaluate. Give at least one " +
				"ground-truth mask with its prediction.");
		}
		int classCount = TissueClass.MAX_CODE;
		long[] intersections = new long[classCount + 1];
		long[] sizes = new long[classCount + 1];
		double[] diceSums = new double[classCount + 1];
		List<TissueScores.ImageTissueScores> images = new ArrayList<>();

		for (MaskPair pair : pairs) {
			TissueMask truth = pair.truth();
			TissueMask prediction = pair.prediction();
			if (requireEqualSizes && (truth.width() != prediction.width() || truth
				.height() != prediction.height()))
			{
				throw new InvalidInputException("Image " + pair.name() + ": the predicted tissue " +
					"mask is " + prediction.width() + " x " + prediction.height() +
					" pixels but the ground truth is " + truth.width() + " x " + truth.height() +
					". Write the prediction at the size of the image it was made from.");
			}
			byte[] truthCodes = resizeNearest(truth, EVALUATION_SIZE, EVALUATION_SIZE);
			byte[] predictedCodes = resizeNearest(prediction, EVALUATION_SIZE, EVALUATION_SIZE);
			long[] imageIntersections = new long[classCount + 1];
			long[] imageTruth = new long[classCount + 1];
			long[] imagePredicted = new long[classCount + 1];
			for (int i = 0; i < truthCodes.length; i++) {
				imageTruth[truthCodes[i]]++;
				imagePredicted[predictedCodes[i]]++;
				if (truthCodes[i] == predictedCodes[i]) {
					imageIntersections[truthCodes[i]]++;
				}
			}

			Map<String, Double> dice = new LinkedHashMap<>();
			double diceTotal = 0;
			for (int code = 1; code <= classCount; code++) {
				intersections[code] += imageIntersections[code];
				sizes[code] += imageTruth[code] + imagePredicted[code];
				double classDice = imageTruth[code] == 0 && imagePredicted[code] == 0 ? 1.0
					: dice(imageIntersections[code], imageTruth[code] + imagePredicted[code]);
				dice.put(TissueClass.fromMaskCode(code).className(), classDice);
				diceSums[code] += classDice;
				diceTotal += classDice;
			}
			images.add(new TissueScores.ImageTissueScores(pair.name(), dice, diceTotal /
				classCount));
		}

		Map<String, Double> microDice = new LinkedHashMap<>();
		Map<String, Double> meanImageDice = new LinkedHashMap<>();
		double[] microValues = new double[classCount];
		for (int code = 1; code <= classCount; code++) {
			String name = TissueClass.fromMaskCode(code).className();
			double value = intersections[code] == 0 ? 0.0 : dice(intersections[code], sizes[code]);
			microDice.put(name, value);
			microValues[code - 1] = value;
			meanImageDice.put(name, diceSums[code] / pairs.size());
		}
		double microDiceMean = NumpyMath.mean(microValues);
		LOG.info("Tissue evaluation: {} images, micro Dice {}", pairs.size(), microDiceMean);
		return new TissueScores(pairs.size(), microDice, microDiceMean, images, meanImageDice);
	}

	static double dice(long intersection, long sizeSum) {
		return (2.0 * intersection + EPSILON) / (sizeSum + EPSILON);
	}

	/**
	 * Nearest-neighbour resize as Pillow's {@code Image.resize(size, NEAREST)}: the source
	 * column of output column x is floor(s / 2 + x * s) with s = source width / output width,
	 * the position accumulated by repeated addition as Pillow does; rows likewise. A mask that
	 * already has the output size is returned as it is.
	 */
	public static byte[] resizeNearest(TissueMask mask, int outWidth, int outHeight) {
		if (mask.width() == outWidth && mask.height() == outHeight) {
			return mask.codes();
		}
		int[] sourceColumns = sourceIndices(mask.width(), outWidth);
		int[] sourceRows = sourceIndices(mask.height(), outHeight);
		byte[] codes = mask.codes();
		byte[] resized = new byte[outWidth * outHeight];
		for (int y = 0; y < outHeight; y++) {
			int sourceRow = sourceRows[y] * mask.width();
			for (int x = 0; x < outWidth; x++) {
				resized[y * outWidth + x] = codes[sourceRow + sourceColumns[x]];
			}
		}
		return resized;
	}

	private static int[] sourceIndices(int inSize, int outSize) {
		double scale = (double) inSize / outSize;
		double position = scale * 0.5;
		int[] indices = new int[outSize];
		for (int i = 0; i < outSize; i++) {
			indices[i] = Math.min(inSize - 1, (int) Math.floor(position));
			position += scale;
		}
		return indices;
	}
}
