package org.pumaseg.metrics;

import java.util.List;
import java.util.Map;

import org.pumaseg.annotation.Track;

/**
 * Panoptic quality of nuclei: an extra, not part of the official PUMA score.
 *
 * @param track the track whose classes were matched
 * @param images per-image results, in the order of the pairs
 * @param classes per class occurring anywhere, counts summed over all images
 * @param meanPanopticQuality mean PQ over {@code classes} (NaN when there are none)
 * @param meanSegmentationQuality mean SQ over {@code classes}
 * @param meanRecognitionQuality mean RQ over {@code classes}
 * @param classAgnostic counts of all images when nuclei are matched whatever their class
 */
public record PanopticScores(Track track, List<ImagePanopticScores> images,
	Map<String, PanopticCounts> classes, double meanPanopticQuality,
	double meanSegmentationQuality, double meanRecognitionQuality,
	PanopticCounts classAgnostic)
{

	/**
	 * Panoptic counts of one image.
	 *
	 * @param truthCount ground-truth segments (objects covering at least one pixel centre)
	 * @param predictionCount predicted segments
	 * @param emptyObjects objects of either side skipped because they cover no pixel centre
	 * @param classes per class occurring in this image's truth or prediction, sorted by name
	 * @param classAgnostic counts when nuclei are matched whatever their class
	 */
	public record ImagePanopticScores(String image, int truthCount, int predictionCount,
		int emptyObjects, Map<String, PanopticCounts> classes, PanopticCounts classAgnostic)
	{}
}
