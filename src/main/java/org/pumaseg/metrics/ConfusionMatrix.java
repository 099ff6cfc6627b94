package org.pumaseg.metrics;

import java.util.List;

/**
 * Class confusion of nuclei matched by location (an extra, not part of the official score).
 * Nuclei are matched by location only, with the official greedy 15-pixel rule but ignoring classes, and each matched
 * pair is counted under (truth class, predicted class).
 *
 * @param classes the track's classes; row and column {@code classes.size()} is "none"
 * @param counts {@code counts[truth][predicted]}; the "none" column counts ground-truth nuclei
 *        with no prediction nearby, the "none" row predictions with no ground truth nearby
 */
public record ConfusionMatrix(List<String> classes, long[][] counts) {

	/** Index of the "none" row and column. */
	public int noneIndex() {
		return classes.size();
	}
}
