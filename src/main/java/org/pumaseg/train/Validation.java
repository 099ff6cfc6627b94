package org.pumaseg.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.pumaseg.Progress;
import org.pumaseg.annotation.ClassifiedPolygon;
import org.pumaseg.annotation.TissueMask;
import org.pumaseg.annotation.Track;
import org.pumaseg.export.NucleusObjects;
import org.pumaseg.image.PixelSize;
import org.pumaseg.metrics.ImagePair;
import org.pumaseg.metrics.MaskPair;
import org.pumaseg.metrics.NucleiEvaluation;
import org.pumaseg.metrics.NucleiScores;
import org.pumaseg.metrics.TissueEvaluation;
import org.pumaseg.nuclei.DecodedNuclei;
import org.pumaseg.nuclei.NucleiDecoder;
import org.pumaseg.nuclei.NucleiMaps;
import org.pumaseg.result.PanopticAssembler;
import org.pumaseg.segment.SegmentationOptions;

/**
 * Scores the network on the validation images after an epoch.
 * <p>
 * Each image is predicted in overlapping crops, and each pixel takes the maps of the crop whose
 * centre is nearest, so crop borders, where the network has the least context, are used only at
 * the image border. The losses are averaged over the crops.
 * <p>
 * Nuclei: the stitched maps are decoded into instances by {@link NucleiDecoder} with the
 * decoding options {@code pumaseg segment} uses by default, turned into detections as the
 * segmentation writes them ({@link PanopticAssembler}, {@link NucleusObjects}), and scored
 * against the image's ground-truth nuclei by {@link NucleiEvaluation}, the code behind
 * {@code pumaseg evaluate}, for PUMA tracks 1 and 2. A validation image cut from the right of a
 * training image contains the ground-truth nuclei whose centroid lies in its columns, the rule of
 * {@code pumaseg evaluate --region}. Tissue: the most probable class per pixel, scored by
 * {@link TissueEvaluation} (PUMA micro Dice).
 * <p>
 * The scores are close to, not equal to, those of the exported package, which predicts the
 * whole image in blended tiles, so nuclei cut by the validation border see their neighbours
 * ({@link PackageEvaluation} scores the package itself).
 */
final class Validation {

	/** Score keys. */
	static final String TRACK1_F1 = "track1_f1";
	static final String TRACK2_F1 = "track2_f1";
	static final String FOREGROUND_DICE = "foreground_dice";
	static final String CLASS_ACCURACY = "nucleus_class_accuracy";
	static final String TISSUE_MICRO_DICE = "tissue_micro_dice";

	private Validation() {}

	/** The maps of one whole validation image, row-major, channels interleaved. */
	record Maps(float[] foreground, float[] distance, float[] nucleusClass,
		float[] tissueClass)
	{}

	static ValidationScores score(TrainingGraph graph, float[][] parameters,
		List<TrainingImage> images, int cropSize, ClassWeights weights, double umPerPixel)
	{
		NetworkConfig config = graph.config();
		List<LossValues> losses = new ArrayList<>();
		List<Double> lossWeights = new ArrayList<>();
		long[] foreground = new long[3];
		long[] classAccuracy = new long[2];
		List<MaskPair> tissuePairs = new ArrayList<>();
		List<ImagePair> nucleiPairs = new ArrayList<>();
		// An image without ground-truth nuclei would make the F1 of every class it predicts 0
		// whatever the network learnt, so such data is judged by the loss.
		boolean scoreNuclei = config.nucleiMaps() && config.nucleusClasses() > 0 && images
			.stream().allMatch(image -> image.nuclei() != null && !image.nuclei().isEmpty());

		for (TrainingImage image : images) {
			Maps maps = predict(graph, parameters, image, cropSize, weights, losses, lossWeights);
			Targets targets = image.targets();
			for (int p = 0; p < image.width() * image.height(); p++) {
				if (config.nucleiMaps()) {
					boolean predicted = maps.foreground()[p] > 0.5f;
					boolean truth = targets.foreground()[p] > 0;
					foreground[0] += predicted && truth ? 1 : 0;
					foreground[1] += predicted && !truth ? 1 : 0;
					foreground[2] += !predicted && truth ? 1 : 0;
				}
				if (config.nucleusClasses() > 0 && targets.nucleusClass()[p] > 0) {
					classAccuracy[1]++;
					if (argmax(maps.nucleusClass(), p, config.nucleusClasses()) == targets
						.nucleusClass()[p])
					{
						classAccuracy[0]++;
					}
				}
			}
			if (config.tissueClasses() > 0) {
				byte[] predictedTissue = new byte[image.width() * image.height()];
				for (int p = 0; p < predictedTissue.length; p++) {
					predictedTissue[p] = (byte) argmax(maps.tissueClass(), p, config.tissueClasses());
				}
				PixelSize unknown = PixelSize.unknown("validation image");
				tissuePairs.add(new MaskPair(image.name(), new TissueMask(image.width(), image
					.height(), truthCodes(targets.tissueClass()), unknown), new TissueMask(image
						.width(), image.height(), predictedTissue, unknown)));
			}
			if (scoreNuclei) {
				nucleiPairs.add(new ImagePair(image.name(), image.nuclei(), detections(image, maps,
					config, umPerPixel)));
			}
		}

		Map<String, Double> scores = new LinkedHashMap<>();
		if (!nucleiPairs.isEmpty()) {
			NucleiScores track1 = NucleiEvaluation.evaluate(nucleiPairs, Track.TRACK1);
			NucleiScores track2 = NucleiEvaluation.evaluate(nucleiPairs, Track.TRACK2);
			scores.put(TRACK1_F1, track1.macroF1());
			for (String className : Track.TRACK1.classNames()) {
				Double f1 = track1.classF1().get(className);
				if (f1 != null) {
					scores.put(TRACK1_F1 + "_" + className.replace("nuclei_", ""), f1);
				}
			}
			scores.put(TRACK2_F1, track2.macroF1());
		}
		if (config.nucleiMaps()) {
			long denominator = 2 * foreground[0] + foreground[1] + foreground[2];
			scores.put(FOREGROUND_DICE, denominator == 0 ? 1.0 : 2.0 * foreground[0] /
				denominator);
		}
		if (config.nucleusClasses() > 0 && classAccuracy[1] > 0) {
			scores.put(CLASS_ACCURACY, (double) classAccuracy[0] / classAccuracy[1]);
		}
		if (!tissuePairs.isEmpty()) {
			scores.put(TISSUE_MICRO_DICE, TissueEvaluation.evaluate(tissuePairs).microDiceMean());
		}
		return new ValidationScores(LossValues.mean(losses, lossWeights), scores);
	}

	/**
	 * Decodes the nuclei of one image's maps as {@code pumaseg segment} does by default and
	 * returns them as the detections it writes.
	 */
	static List<ClassifiedPolygon> detections(TrainingImage image, Maps maps,
		NetworkConfig config, double umPerPixel)
	{
		int pixels = image.width() * image.height();
		float[] horizontal = new float[pixels];
		float[] vertical = new float[pixels];
		for (int p = 0; p < pixels; p++) {
			horizontal[p] = maps.distance()[2 * p];
			vertical[p] = maps.distance()[2 * p + 1];
		}
		int classes = config.nucleusClasses();
		List<float[]> planes = new ArrayList<>(classes);
		for (int c = 0; c < classes; c++) {
			float[] plane = new float[pixels];
			for (int p = 0; p < pixels; p++) {
				plane[p] = maps.nucleusClass()[p * classes + c];
			}
			planes.add(plane);
		}
		PixelSize pixelSize = PixelSize.unknown("validation image").orAssume(umPerPixel,
			"pixel size of the model");
		NucleiMaps nucleiMaps = new NucleiMaps(image.width(), image.height(), pixelSize, maps
			.foreground(), horizontal, vertical, planes, ModelExport.nucleusClassSet().names());
		DecodedNuclei decoded = NucleiDecoder.decode(nucleiMaps, SegmentationOptions.defaults()
			.nuclei(), Progress.none());
		return NucleusObjects.detections(PanopticAssembler.assemble(image.name(), decoded, null,
			Map.of()));
	}

	/** Predicts the maps of a whole image; adds the loss of each crop to {@code losses}. */
	static Maps predict(TrainingGraph graph, float[][] parameters, TrainingImage image,
		int cropSize, ClassWeights weights, List<LossValues> losses, List<Double> lossWeights)
	{
		NetworkConfig config = graph.config();
		int width = image.width();
		int height = image.height();
		int pixels = width * height;
		Maps maps = new Maps(config.nucleiMaps() ? new float[pixels] : null, config.nucleiMaps()
			? new float[pixels * 2] : null, config.nucleusClasses() > 0 ? new float[pixels * config
				.nucleusClasses()] : null, config.tissueClasses() > 0 ? new float[pixels * config
					.tissueClasses()] : null);
		List<Integer> columns = starts(width, cropSize);
		List<Integer> rows = starts(height, cropSize);
		int[] columnOwners = owners(columns, width, cropSize);
		int[] rowOwners = owners(rows, height, cropSize);
		for (int j = 0; j < rows.size(); j++) {
			for (int i = 0; i < columns.size(); i++) {
				int x0 = columns.get(i);
				int y0 = rows.get(j);
				Batch batch = Trainer.emptyBatch(config, 1, cropSize);
				Augmentation.NONE.crop(image, x0, y0, new SplittableRandom(0), batch, 0, weights);
				TrainingGraph.Evaluation evaluation = graph.evaluate(parameters, batch);
				losses.add(evaluation.losses());
				lossWeights.add((double) cropSize * cropSize);
				for (int y = rowOwners[j]; y < rowOwners[j + 1]; y++) {
					for (int x = columnOwners[i]; x < columnOwners[i + 1]; x++) {
						int source = (y - y0) * cropSize + (x - x0);
						int target = y * width + x;
						copy(evaluation.foreground(), maps.foreground(), source, target, 1);
						copy(evaluation.distance(), maps.distance(), source, target, 2);
						copy(evaluation.nucleusClass(), maps.nucleusClass(), source, target, config
							.nucleusClasses());
						copy(evaluation.tissueClass(), maps.tissueClass(), source, target, config
							.tissueClasses());
					}
				}
			}
		}
		return maps;
	}

	private static void copy(float[] from, float[] to, int source, int target, int channels) {
		if (to != null) {
			System.arraycopy(from, source * channels, to, target * channels, channels);
		}
	}

	/**
	 * Crop origins covering {@code [0, size)}, overlapping by a quarter of the crop, the last
	 * one ending at the border when the image is larger than a crop.
	 */
	static List<Integer> starts(int size, int cropSize) {
		int stride = Math.max(1, cropSize - cropSize / 4);
		List<Integer> starts = new ArrayList<>();
		int start = 0;
		while (start + cropSize < size) {
			starts.add(start);
			start += stride;
		}
		starts.add(Math.max(0, size - cropSize));
		return starts;
	}

	/**
	 * Boundaries of the pixels each crop owns: crop i owns {@code [result[i], result[i + 1])},
	 * the pixels nearer its centre than any other crop's.
	 */
	static int[] owners(List<Integer> starts, int size, int cropSize) {
		int[] bounds = new int[starts.size() + 1];
		for (int i = 1; i < starts.size(); i++) {
			bounds[i] = (starts.get(i - 1) + starts.get(i) + cropSize) / 2;
		}
		bounds[starts.size()] = size;
		return bounds;
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
