package org.pumaseg.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.pumaseg.Progress;
import org.pumaseg.annotation.ClassifiedPolygon;
import org.pumaseg.annotation.TissueClass;
import org.pumaseg.annotation.TissueMask;
import org.pumaseg.annotation.Track;
import org.pumaseg.image.PixelSize;
import org.pumaseg.metrics.ImagePair;
import org.pumaseg.metrics.MaskPair;
import org.pumaseg.metrics.NucleiEvaluation;
import org.pumaseg.metrics.NucleiScores;
import org.pumaseg.metrics.PanopticQuality;
import org.pumaseg.metrics.PanopticScores;
import org.pumaseg.metrics.TissueEvaluation;
import org.pumaseg.metrics.TissueScores;

/**
 * Times the evaluation of a synthetic test set the size of PUMA's: {@value #IMAGES} image
 * pairs of 1024 x 1024 px.
 * <p>
 * Nuclei: {@value #NUCLEI_PER_IMAGE} ground-truth squares of 8 to 12 px a side per image,
 * predicted with their corners shifted by a Gaussian of 1.5 px, 10 % of them with a random
 * class, each with a random score. Tissue: masks of 1024 x 1024 px split into regions of the 5
 * tissue classes and background around 12 random seeds (nearest seed), the prediction using
 * the same seeds moved by a Gaussian of 20 px. To keep the heap small the tissue pairs reuse
 * {@value #DISTINCT_MASKS} distinct masks; every pair is still evaluated in full. The pairs are
 * built before the clock starts.
 */
public final class EvaluationBenchmark {

	static final int IMAGES = 205;
	static final int NUCLEI_PER_IMAGE = 700;
	static final int DISTINCT_MASKS = 8;
	private static final int SIZE = TissueEvaluation.EVALUATION_SIZE;
	private static final int TISSUE_SEEDS = 12;
	private static final GeometryFactory FACTORY = new GeometryFactory();

	/**
	 * Median seconds of one whole evaluation and its headline score.
	 *
	 * @param metric what was computed, e.g. "nuclei F1 (track 2)"
	 * @param score the score with its name, e.g. "macro F1 0.9063"
	 */
	public record EvaluationTiming(String metric, double seconds, String score) {}

	private EvaluationBenchmark() {}

	/** Builds the pairs and times the nuclei F1, tissue Dice and panoptic quality. */
	public static List<EvaluationTiming> run(Repeats repeats, Progress progress) {
		progress.update(0, "Building " + IMAGES + " synthetic evaluation pairs");
		List<ImagePair> nuclei = nucleiPairs(new Random(42));
		List<MaskPair> tissue = tissuePairs(new Random(43));
		progress.checkCanceled();

		List<EvaluationTiming> timings = new ArrayList<>();
		progress.update(0.2, "Timing the nuclei F1");
		NucleiScores f1 = NucleiEvaluation.evaluate(nuclei, Track.TRACK2);
		timings.add(new EvaluationTiming("nuclei F1 (track 2)", Timing.medianSeconds(
			() -> NucleiEvaluation.evaluate(nuclei, Track.TRACK2), repeats.warmUps(), repeats
				.runs()), format("macro F1", f1.macroF1())));
		progress.checkCanceled();

		progress.update(0.4, "Timing the tissue Dice");
		TissueScores dice = TissueEvaluation.evaluate(tissue);
		timings.add(new EvaluationTiming("tissue Dice", Timing.medianSeconds(
			() -> TissueEvaluation.evaluate(tissue), repeats.warmUps(), repeats.runs()), format(
				"micro Dice mean", dice.microDiceMean())));
		progress.checkCanceled();

		progress.update(0.6, "Timing the panoptic quality");
		PanopticScores quality = PanopticQuality.evaluate(nuclei, Track.TRACK2);
		timings.add(new EvaluationTiming("nuclei panoptic quality (track 2)", Timing.medianSeconds(
			() -> PanopticQuality.evaluate(nuclei, Track.TRACK2), repeats.warmUps(), repeats
				.runs()), format("mean PQ", quality.meanPanopticQuality())));
		progress.update(1, "Evaluation timed");
		return timings;
	}

	private static String format(String name, double value) {
		return String.format(Locale.ROOT, "%s %.4f", name, value);
	}

	static List<ImagePair> nucleiPairs(Random random) {
		List<String> classes = Track.TRACK2.classNames();
		List<ImagePair> pairs = new ArrayList<>();
		for (int image = 0; image < IMAGES; image++) {
			List<ClassifiedPolygon> truth = new ArrayList<>();
			List<ClassifiedPolygon> prediction = new ArrayList<>();
			for (int n = 0; n < NUCLEI_PER_IMAGE; n++) {
				double x = 10 + random.nextDouble() * (SIZE - 24);
				double y = 10 + random.nextDouble() * (SIZE - 24);
				double side = 8 + random.nextDouble() * 4;
				String className = classes.get(random.nextInt(classes.size()));
				truth.add(ClassifiedPolygon.annotation(className, square(x, y, side)));

				String predicted = random.nextDouble() < 0.1 ? classes.get(random.nextInt(classes
					.size())) : className;
				double shiftX = random.nextGaussian() * 1.5;
				double shiftY = random.nextGaussian() * 1.5;
				prediction.add(ClassifiedPolygon.detection(predicted, square(x + shiftX, y + shiftY,
					side), random.nextDouble()));
			}
			pairs.add(new ImagePair("synthetic_" + image, truth, prediction));
		}
		return pairs;
	}

	static List<MaskPair> tissuePairs(Random random) {
		PixelSize pixelSize = PixelSize.calibrated(0.25, "synthetic tissue mask");
		List<TissueMask[]> distinct = new ArrayList<>();
		for (int i = 0; i < DISTINCT_MASKS; i++) {
			double[][] seeds = new double[TISSUE_SEEDS][];
			double[][] moved = new double[TISSUE_SEEDS][];
			byte[] codes = new byte[TISSUE_SEEDS];
			for (int s = 0; s < TISSUE_SEEDS; s++) {
				seeds[s] = new double[] { random.nextDouble() * SIZE, random.nextDouble() * SIZE };
				moved[s] = new double[] { seeds[s][0] + random.nextGaussian() * 20, seeds[s][1] +
					random.nextGaussian() * 20 };
				codes[s] = (byte) random.nextInt(TissueClass.MAX_CODE + 1);
			}
			distinct.add(new TissueMask[] { new TissueMask(SIZE, SIZE, nearestSeed(seeds, codes),
				pixelSize), new TissueMask(SIZE, SIZE, nearestSeed(moved, codes), pixelSize) });
		}
		List<MaskPair> pairs = new ArrayList<>();
		for (int image = 0; image < IMAGES; image++) {
			TissueMask[] masks = distinct.get(image % DISTINCT_MASKS);
			pairs.add(new MaskPair("synthetic_" + image, masks[0], masks[1]));
		}
		return pairs;
	}

	/** Gives each pixel the code of its nearest seed. */
	private static byte[] nearestSeed(double[][] seeds, byte[] codes) {
		byte[] mask = new byte[SIZE * SIZE];
		for (int y = 0; y < SIZE; y++) {
			for (int x = 0; x < SIZE; x++) {
				double best = Double.MAX_VALUE;
				for (int s = 0; s < seeds.length; s++) {
					double dx = x + 0.5 - seeds[s][0];
					double dy = y + 0.5 - seeds[s][1];
					double d2 = dx * dx + dy * dy;
					if (d2 < best) {
						best = d2;
						mask[x + y * SIZE] = codes[s];
					}
				}
			}
		}
		return mask;
	}

	private static Polygon square(double x, double y, double side) {
		return FACTORY.createPolygon(new Coordinate[] { new Coordinate(x, y), new Coordinate(x +
			side, y), new Coordinate(x + side, y + side), new Coordinate(x, y + side),
			new Coordinate(x, y) });
	}
}
