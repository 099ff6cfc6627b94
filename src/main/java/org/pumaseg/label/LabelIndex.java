package org.pumaseg.label;

import java.util.Arrays;

/**
 * The distinct non-zero labels of a label image, numbered 0..count-1 in ascending label
 * order, so that per-label statistics fit in plain arrays.
 * <p>
 * Labels are usually dense (1..n), and then the lookup is a table. Sparse labels (ids up to
 * 2^31 - 1 with few objects) fall back to binary search in the sorted distinct labels. Memory
 * therefore stays proportional to the image, never to the largest id.
 */
final class LabelIndex {

	private final int[] sortedLabels;
	/** label -> index, or null when the labels are too sparse for a table. */
	private final int[] table;

	private LabelIndex(int[] sortedLabels, int[] table) {
		this.sortedLabels = sortedLabels;
		this.table = table;
	}

	/** @throws IllegalArgumentException on a negative label */
	static LabelIndex of(int[] labels) {
		int max = 0;
		for (int i = 0; i < labels.length; i++) {
			int label = labels[i];
			if (label < 0) {
				throw new IllegalArgumentException("Label " + label + " at pixel index " + i +
					" is negative; labels must be >= 0.");
			}
			max = Math.max(max, label);
		}
		if (max <= labels.length + 1024L) {
			boolean[] present = new boolean[max + 1];
			int count = 0;
			for (int label : labels) {
				if (label != 0 && !present[label]) {
					present[label] = true;
					count++;
				}
			}
			int[] sorted = new int[count];
			int[] table = new int[max + 1];
			Arrays.fill(table, -1);
			int k = 0;
			for (int label = 1; label <= max; label++) {
				if (present[label]) {
					table[label] = k;
					sorted[k++] = label;
				}
			}
			return new LabelIndex(sorted, table);
		}
		int[] sorted = labels.clone();
		Arrays.parallelSort(sorted);
		int count = 0;
		for (int i = 0; i < sorted.length; i++) {
			if (sorted[i] != 0 && (count == 0 || sorted[count - 1] != sorted[i])) {
				sorted[count++] = sorted[i];
			}
		}
		return new LabelIndex(Arrays.copyOf(sorted, count), null);
	}

	int count() {
		return sortedLabels.length;
	}

	/** The label with index {@code index}. */
	int label(int index) {
		return sortedLabels[index];
	}

	/** The index of a non-zero label that occurs in the image, or -1. */
	int indexOf(int label) {
		if (table != null) {
			return label >= 0 && label < table.length ? table[label] : -1;
		}
		int index = Arrays.binarySearch(sortedLabels, label);
		return index >= 0 ? index : -1;
	}
}
