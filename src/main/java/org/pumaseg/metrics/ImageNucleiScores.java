package org.pumaseg.metrics;

import java.util.Map;

/**
 * Official per-image nuclei scores.
 *
 * @param image image name
 * @param truthCount ground-truth nuclei scored (after dropping polygons with < 3 vertices)
 * @param predictionCount predicted nuclei scored
 * @param classes counts per class occurring in this image's truth or prediction, sorted by name
 * @param micro counts pooled over the classes of this image
 * @param macroF1 mean F1 over this image's classes (NaN when the image has no nuclei)
 */
public record ImageNucleiScores(String image, int truthCount, int predictionCount,
	Map<String, ClassCounts> classes, ClassCounts micro, double macroF1)
{}
