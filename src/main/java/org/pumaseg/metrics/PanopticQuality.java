package org.pumaseg.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.locationtech.jts.index.strtree.STRtree;
import org.pumaseg.InvalidInputException;
import org.pumaseg.annotation.ClassifiedPolygon;
import org.pumaseg.annotation.Track;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Panoptic quality (PQ) of nuclei, with its segmentation (SQ) and recognition (RQ) parts: an
 * extra, not part of the official PUMA score, which matches centroids only.
 * <p>
 * Each object (a multi-polygon is one object) becomes the set of pixels whose centres it
 * covers, by the rule of {@link org.pumaseg.label.LabelPolygons}; objects covering no pixel
 * centre are skipped and counted. A ground-truth and a predicted segment of the same track
 * class match when their IoU is strictly greater than 0.5, as in Kirillov et al., "Panoptic
 * Segmentation", CVPR 2019. An IoU of exactly 0.5 is not a match. Such a match is unique when
 * the segments of each side do not overlap. Where they do (annotations and predictions may),
 * pairs are taken one-to-one in order of decreasing IoU, ties by ground-truth then prediction
 * file order. Candidate pairs come from an R-tree (JTS {@link STRtree}) of the predicted
 * segments' bounding boxes, not from all pairs.
 * <p>
 * Counts of each class are summed over all images before PQ, SQ and RQ are computed, as for a
 * dataset in the paper; the overall values are their means over the classes occurring in any
 * image. A class-agnostic variant matches segments whatever their class.
 */
public final class PanopticQuality {

	/** A segment pair may match only if its IoU is strictly above this. */
	public static final double MIN_IOU = 0.5;

	private static final Logger LOG = LoggerFactory.getLogger(PanopticQuality.class);

	private PanopticQuality() {}

	public static PanopticScores evaluate(List<ImagePair> pairs, Track track) {
		if (pairs.isEmpty()) {
			throw new InvalidInputException("No image pairs to evaluate. Give at least one " +
				"ground-truth file with its prediction.");
		}
		List<PanopticScores.ImagePanopticScores> images = new ArrayList<>(pairs.size());
		Map<String, PanopticCounts> classes = new TreeMap<>();
		PanopticCounts classAgnostic = PanopticCounts.ZERO;
		for (ImagePair pair : pairs) {
			PanopticScores.ImagePanopticScores image = scoreImage(pair, track);
			images.add(image);
			image.classes().forEach((name, counts) -> classes.merge(name, counts,
				PanopticCounts::plus));
			classAgnostic = classAgnostic.plus(image.classAgnostic());
		}

		double[] pq = classes.values().stream().mapToDouble(PanopticCounts::panopticQuality)
			.toArray();
		double[] sq = classes.values().stream().mapToDouble(PanopticCounts::segmentationQuality)
			.toArray();
		double[] rq = classes.values().stream().mapToDouble(PanopticCounts::recognitionQuality)
			.toArray();
		PanopticScores scores = new PanopticScores(track, images, classes, NumpyMath.mean(pq),
			NumpyMath.mean(sq), NumpyMath.mean(rq), classAgnostic);
		LOG.info("Panoptic quality (extra), {}: {} images, {} classes, mean PQ {}", track
			.label(), pairs.size(), classes.size(), scores.meanPanopticQuality());
		return scores;
	}

	static PanopticScores.ImagePanopticScores scoreImage(ImagePair pair, Track track) {
		List<PixelSegment> truth = new ArrayList<>();
		List<PixelSegment> predictions = new ArrayList<>();
		int empty = segments(pair.truth(), track, pair.name(), "ground-truth", truth);
		empty += segments(pair.prediction(), track, pair.name(), "predicted", predictions);

		Map<String, PanopticCounts> classes = new LinkedHashMap<>();
		for (String className : classNames(truth, predictions)) {
			List<Match> matches = match(of(truth, className), of(predictions, className));
			classes.put(className, counts(matches, count(truth, className), count(predictions,
				className)));
		}
		PanopticCounts classAgnostic = counts(match(truth, predictions), truth.size(),
			predictions.size());
		return new PanopticScores.ImagePanopticScores(pair.name(), truth.size(), predictions
			.size(), empty, classes, classAgnostic);
	}

	/** A matched pair: indices into the truth and prediction segment lists. */
	record Match(int truth, int prediction, double iou) {}

	/**
	 * Matches segments one-to-one with IoU > 0.5, whatever their class, in order of decreasing
	 * IoU.
	 */
	static List<Match> match(List<PixelSegment> truth, List<PixelSegment> predictions) {
		List<Match> candidates = candidates(truth, predictions);
		candidates.sort(Comparator.comparingDouble(Match::iou).reversed().thenComparingInt(
			Match::truth).thenComparingInt(Match::prediction));

		boolean[] truthUsed = new boolean[truth.size()];
		boolean[] predictionUsed = new boolean[predictions.size()];
		List<Match> matches = new ArrayList<>();
		for (Match candidate : candidates) {
			if (!truthUsed[candidate.truth] && !predictionUsed[candidate.prediction]) {
				truthUsed[candidate.truth] = true;
				predictionUsed[candidate.prediction] = true;
				matches.add(candidate);
			}
		}
		return matches;
	}

	/** Finds every pair with IoU > 0.5 through an R-tree of the predictions' bounding boxes. */
	static List<Match> candidates(List<PixelSegment> truth, List<PixelSegment> predictions) {
		STRtree index = new STRtree();
		for (int p = 0; p < predictions.size(); p++) {
			index.insert(predictions.get(p).envelope(), p);
		}

		List<Match> candidates = new ArrayList<>();
		for (int t = 0; t < truth.size(); t++) {
			PixelSegment gt = truth.get(t);
			for (Object found : index.query(gt.envelope())) {
				int p = (Integer) found;
				PixelSegment prediction = predictions.get(p);
				long shared = gt.intersection(prediction);
				long union = gt.area + prediction.area - shared;
				// IoU > 0.5 in integers, so that exactly one half never matches.
				if (2 * shared > union) {
					candidates.add(new Match(t, p, (double) shared / union));
				}
			}
		}
		return candidates;
	}

	private static PanopticCounts counts(List<Match> matches, int truthCount,
		int predictionCount)
	{
		double iouSum = matches.stream().mapToDouble(Match::iou).sum();
		return new PanopticCounts(matches.size(), predictionCount - matches.size(), truthCount -
			matches.size(), iouSum);
	}

	private static TreeSet<String> classNames(List<PixelSegment> truth,
		List<PixelSegment> predictions)
	{
		TreeSet<String> names = new TreeSet<>();
		truth.forEach(segment -> names.add(segment.className));
		predictions.forEach(segment -> names.add(segment.className));
		return names;
	}

	private static List<PixelSegment> of(List<PixelSegment> segments, String className) {
		return segments.stream().filter(segment -> segment.className.equals(className)).toList();
	}

	private static int count(List<PixelSegment> segments, String className) {
		return of(segments, className).size();
	}

	/** Adds the segments of {@code objects} to {@code segments}; returns how many were empty. */
	private static int segments(List<ClassifiedPolygon> objects, Track track, String image,
		String role, List<PixelSegment> segments)
	{
		int empty = 0;
		for (int i = 0; i < objects.size(); i++) {
			ClassifiedPolygon object = objects.get(i);
			String className = NucleusCentroids.trackClass(object, i, track, image, role);
			String where = "Image " + image + ", " + role + " object " + (i + 1);
			PixelSegment segment = PixelSegment.of(object.geometry(), className, i, where);
			if (segment.area == 0) {
				empty++;
			}
			else {
				segments.add(segment);
			}
		}
		return empty;
	}
}
