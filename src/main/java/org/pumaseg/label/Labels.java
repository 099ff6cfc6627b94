package org.pumaseg.label;

/**
 * Editing label images: removing small objects and renumbering.
 * <p>
 * Own code: one or two linear passes; nothing to gain from a library.
 */
public final class Labels {

	private Labels() {}

	/**
	 * A copy with the objects of fewer than {@code minArea} pixels set to 0 and the others
	 * renumbered 1..k, in ascending order of their old labels.
	 */
	public static LabelImage removeSmall(LabelImage labels, long minArea) {
		int[] source = labels.labels();
		LabelIndex index = LabelIndex.of(source);
		long[] areas = new long[index.count()];
		for (int label : source) {
			if (label != 0) {
				areas[index.indexOf(label)]++;
			}
		}
		int[] newLabel = new int[index.count()];
		int next = 0;
		for (int k = 0; k < newLabel.length; k++) {
			newLabel[k] = areas[k] >= minArea ? ++next : 0;
		}
		return mapped(labels, index, newLabel);
	}

	/** A copy with the labels renumbered 1..k, in ascending order of the old labels. */
	public static LabelImage relabelConsecutive(LabelImage labels) {
		return removeSmall(labels, 0);
	}

	/** The number of distinct non-zero labels. */
	public static int count(LabelImage labels) {
		return LabelIndex.of(labels.labels()).count();
	}

	private static LabelImage mapped(LabelImage labels, LabelIndex index, int[] newLabel) {
		int[] source = labels.labels();
		int[] result = new int[source.length];
		for (int p = 0; p < source.length; p++) {
			int label = source[p];
			if (label != 0) {
				result[p] = newLabel[index.indexOf(label)];
			}
		}
		return LabelImage.wrap(result, labels.width(), labels.height());
	}
}
