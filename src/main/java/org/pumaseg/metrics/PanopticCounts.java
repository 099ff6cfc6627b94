package org.pumaseg.metrics;

/**
 * Matched segments of one class (or of all classes together) for panoptic quality, with the
 * quality measures of Kirillov et al., "Panoptic Segmentation", CVPR 2019:
 * SQ = sum of matched IoU / TP, RQ = TP / (TP + FP / 2 + FN / 2), PQ = SQ x RQ. Each is 0 when
 * its denominator is 0.
 *
 * @param truePositives matched pairs (IoU > 0.5)
 * @param falsePositives predicted segments left unmatched
 * @param falseNegatives ground-truth segments left unmatched
 * @param iouSum sum of the IoU of the matched pairs
 */
public record PanopticCounts(long truePositives, long falsePositives, long falseNegatives,
	double iouSum)
{

	public static final PanopticCounts ZERO = new PanopticCounts(0, 0, 0, 0);

	/** Segmentation quality: mean IoU of the matched pairs. */
	public double segmentationQuality() {
		return truePositives > 0 ? iouSum / truePositives : 0;
	}

	/** Recognition quality: an F1 score of the IoU > 0.5 matching. */
	public double recognitionQuality() {
		double denominator = truePositives + 0.5 * falsePositives + 0.5 * falseNegatives;
		return denominator > 0 ? truePositives / denominator : 0;
	}

	/** Panoptic quality, SQ x RQ: the matched IoU sum over TP + FP / 2 + FN / 2. */
	public double panopticQuality() {
		double denominator = truePositives + 0.5 * falsePositives + 0.5 * falseNegatives;
		return denominator > 0 ? iouSum / denominator : 0;
	}

	public PanopticCounts plus(PanopticCounts other) {
		return new PanopticCounts(truePositives + other.truePositives, falsePositives +
			other.falsePositives, falseNegatives + other.falseNegatives, iouSum + other.iouSum);
	}
}
