package org.pumaseg.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.pumaseg.InvalidInputException;
import org.pumaseg.annotation.Track;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Nuclei F1 exactly as the official PUMA evaluation computes it, for track 1 or 2, plus
 * extras (pooled F1, confusion matrix).
 * <p>
 * Rules: each nucleus polygon becomes the mean of its outer-ring vertices (see
 * {@link NucleusCentroids}); per image, ground-truth nuclei in file order take the best unused
 * same-class prediction strictly closer than 15 pixels (highest score, then nearest); a nucleus
 * in the right place with the wrong class is one false negative plus one false positive. Per
 * image and class, precision, recall and F1 (0 when a denominator is 0) are computed for every
 * class in that image's truth or prediction. Per class, the F1 values are summed over images
 * and divided by the number of all images, so an image without the class adds 0; the score is
 * the mean over every class that occurs in any image. With no nuclei anywhere the score is NaN,
 * as numpy's mean of nothing.
 */
public final class NucleiEvaluation {

	private static final Logger LOG = LoggerFactory.getLogger(NucleiEvaluation.class);

	private NucleiEvaluation() {}

	public static NucleiScores evaluate(List<ImagePair> pairs, Track track) {
		if (pairs.isEmpty()) {
			throw new InvalidInputException("No image pairs to evaluate. Give at least one " +
				"ground-truth file with its prediction.");
		}
		List<String> trackClasses = track.classNames();
		int none = trackClasses.size();
		long[][] confusion = new long[none + 1][none + 1];
		List<ImageNucleiScores> images = new ArrayList<>(pairs.size());
		// Classes in order of first appearance, as the official aggregation's dictionary.
		Map<String, Double> f1Sums = new LinkedHashMap<>();
		Map<String, ClassCounts> pooled = new TreeMap<>();

		for (ImagePair pair : pairs) {
			List<Nucleus> truth = NucleusCentroids.of(pair.truth(), track, pair.name(),
				"ground-truth");
			List<Nucleus> predictions = NucleusCentroids.of(pair.prediction(), track, pair.name(),
				"predicted");
			ImageNucleiScores image = scoreImage(pair.name(), truth, predictions);
			images.add(image);
			for (Map.Entry<String, ClassCounts> entry : image.classes().entrySet()) {
				f1Sums.merge(entry.getKey(), entry.getValue().f1(), Double::sum);
				pooled.merge(entry.getKey(), entry.getValue(), ClassCounts::plus);
			}
			addConfusion(confusion, truth, predictions, trackClasses);
		}

		Map<String, Double> classF1 = new LinkedHashMap<>();
		for (Map.Entry<String, Double> entry : f1Sums.entrySet()) {
			classF1.put(entry.getKey(), entry.getValue() / pairs.size());
		}
		double macroF1 = NumpyMath.mean(classF1.values().stream().mapToDouble(Double::doubleValue)
			.toArray());

		ClassCounts pooledAll = ClassCounts.of(0, 0, 0);
		for (ClassCounts counts : pooled.values()) {
			pooledAll = pooledAll.plus(counts);
		}
		double pooledMacroF1 = NumpyMath.mean(pooled.values().stream().mapToDouble(ClassCounts::f1)
			.toArray());
		LOG.info("Nuclei evaluation, {}: {} images, {} classes, macro F1 {}", track.label(),
			pairs.size(), classF1.size(), macroF1);
		return new NucleiScores(track, pairs.size(), images, classF1, macroF1, pooled,
			pooledMacroF1, pooledAll, new ConfusionMatrix(trackClasses, confusion));
	}

	/** Official scores of one image from its nuclei. */
	static ImageNucleiScores scoreImage(String name, List<Nucleus> truth,
		List<Nucleus> predictions)
	{
		int[] matches = CentroidMatching.match(truth, predictions, true);
		Map<String, long[]> counts = new TreeMap<>();
		TreeSet<String> classes = new TreeSet<>();
		for (Nucleus nucleus : truth) {
			classes.add(nucleus.className());
		}
		for (Nucleus nucleus : predictions) {
			classes.add(nucleus.className());
		}
		for (String className : classes) {
			counts.put(className, new long[3]);
		}
		for (int t = 0; t < truth.size(); t++) {
			long[] classCounts = counts.get(truth.get(t).className());
			if (matches[t] >= 0) {
				classCounts[0]++;
			}
			else {
				classCounts[2]++;
			}
		}
		for (Nucleus prediction : predictions) {
			counts.get(prediction.className())[1]++;
		}

		Map<String, ClassCounts> perClass = new LinkedHashMap<>();
		long tp = 0;
		long fp = 0;
		long fn = 0;
		double[] f1 = new double[counts.size()];
		int k = 0;
		for (Map.Entry<String, long[]> entry : counts.entrySet()) {
			long[] c = entry.getValue();
			// c[1] counted every prediction of the class; the matched ones are true positives.
			ClassCounts classCounts = ClassCounts.of(c[0], c[1] - c[0], c[2]);
			perClass.put(entry.getKey(), classCounts);
			tp += classCounts.truePositives();
			fp += classCounts.falsePositives();
			fn += classCounts.falseNegatives();
			f1[k++] = classCounts.f1();
		}
		return new ImageNucleiScores(name, truth.size(), predictions.size(), perClass,
			ClassCounts.of(tp, fp, fn), NumpyMath.mean(f1));
	}

	private static void addConfusion(long[][] confusion, List<Nucleus> truth,
		List<Nucleus> predictions, List<String> classes)
	{
		int none = classes.size();
		int[] matches = CentroidMatching.match(truth, predictions, false);
		boolean[] matched = new boolean[predictions.size()];
		for (int t = 0; t < truth.size(); t++) {
			int row = classes.indexOf(truth.get(t).className());
			if (matches[t] >= 0) {
				matched[matches[t]] = true;
				confusion[row][classes.indexOf(predictions.get(matches[t]).className())]++;
			}
			else {
				confusion[row][none]++;
			}
		}
		for (int p = 0; p < predictions.size(); p++) {
			if (!matched[p]) {
				confusion[none][classes.indexOf(predictions.get(p).className())]++;
			}
		}
	}
}
