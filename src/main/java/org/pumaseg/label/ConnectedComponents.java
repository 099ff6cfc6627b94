package org.pumaseg.label;

import java.util.Arrays;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.BooleanType;

import org.pumaseg.Progress;

/**
 * Connected components of a binary mask, as a label image with ids 1..n.
 * <p>
 * Ids are given in raster order of each component's first pixel (top row first, then left to
 * right), the order of scikit-image's {@code label}, so results are deterministic.
 * <p>
 * Own code rather than a library: BoofCV's {@code LinearContourLabelChang2004} and OpenCV's
 * {@code connectedComponents} both work on an 8-bit copy of the mask (BoofCV with a one-pixel
 * frame), and bring several MB of jars (BoofCV pulls EJML 0.43, which clashes with the EJML
 * 0.41 that Fiji ships) or a per-platform native bundle for a 60-line algorithm. This is the
 * classic two-pass algorithm with union-find (Rosenfeld and Pfaltz 1966): provisional labels on
 * the first raster pass, equivalences merged in a union-find whose root is always the smallest
 * provisional label, final ids on the second pass. Time O(n log n) worst case (path halving
 * without ranks), in practice linear; no recursion; memory the output plus one int per
 * provisional label.
 */
public final class ConnectedComponents {

	private ConnectedComponents() {}

	/** Components of the true pixels of {@code mask}. */
	public static LabelImage label(RandomAccessibleInterval<? extends BooleanType<?>> mask,
		Connectivity connectivity)
	{
		return label(mask, connectivity, Progress.none());
	}

	/** Components of the true pixels of {@code mask}, with progress and cancellation. */
	public static LabelImage label(RandomAccessibleInterval<? extends BooleanType<?>> mask,
		Connectivity connectivity, Progress progress)
	{
		int[] size = Pixels.size2d(mask);
		int[] labels = new int[size[0] * size[1]];
		Pixels.forEachTrue(mask, i -> labels[i] = 1);
		labelNonZero(labels, size[0], size[1], connectivity, progress);
		return LabelImage.wrap(labels, size[0], size[1]);
	}

	/**
	 * Labels in place: every non-zero pixel of {@code labels} is foreground and gets the id of
	 * its component, 1..n in raster order of first pixels; 0 stays 0.
	 *
	 * @return n, the number of components
	 */
	static int labelNonZero(int[] labels, int width, int height, Connectivity connectivity,
		Progress progress)
	{
		boolean eight = connectivity == Connectivity.EIGHT;
		int[] parent = new int[1024];
		int provisional = 0;

		// Pass 1: provisional labels from the already visited neighbours (west, north-west,
		// north, north-east), equivalences recorded in the union-find.
		for (int y = 0; y < height; y++) {
			if ((y & 255) == 0) {
				progress.checkCanceled();
				progress.update(0.5 * y / height, "Labelling connected components");
			}
			int row = y * width;
			for (int x = 0; x < width; x++) {
				int i = row + x;
				if (labels[i] == 0) {
					continue;
				}
				int label = 0;
				if (x > 0 && labels[i - 1] != 0) {
					label = labels[i - 1];
				}
				if (y > 0) {
					int up = i - width;
					label = merge(parent, label, labels[up]);
					if (eight) {
						if (x > 0) {
							label = merge(parent, label, labels[up - 1]);
						}
						if (x + 1 < width) {
							label = merge(parent, label, labels[up + 1]);
						}
					}
				}
				if (label == 0) {
					provisional++;
					if (provisional == parent.length) {
						parent = Arrays.copyOf(parent, (int) Math.min(Integer.MAX_VALUE - 8,
							2L * parent.length));
					}
					parent[provisional] = provisional;
					label = provisional;
				}
				labels[i] = label;
			}
		}

		// Final ids in ascending order of roots. A root is the smallest provisional label of its
		// set, created at the set's first raster pixel, so this is raster order. Each parent is
		// smaller than its child, hence already turned into a final id when the child is read.
		int count = 0;
		for (int p = 1; p <= provisional; p++) {
			parent[p] = parent[p] == p ? ++count : parent[parent[p]];
		}

		// Pass 2.
		for (int y = 0; y < height; y++) {
			if ((y & 255) == 0) {
				progress.checkCanceled();
				progress.update(0.5 + 0.5 * y / height, "Labelling connected components");
			}
			int row = y * width;
			for (int i = row; i < row + width; i++) {
				labels[i] = parent[labels[i]];
			}
		}
		progress.update(1, "Labelled " + count + " connected components");
		return count;
	}

	/**
	 * Joins the sets of {@code label} (0 for none yet) and {@code other} (0 for background) and
	 * returns the label to use.
	 */
	private static int merge(int[] parent, int label, int other) {
		if (other == 0) {
			return label;
		}
		if (label == 0 || label == other) {
			return other;
		}
		int a = find(parent, label);
		int b = find(parent, other);
		if (a < b) {
			parent[b] = a;
		}
		else if (b < a) {
			parent[a] = b;
		}
		return label;
	}

	/** Root of {@code p}, halving the path on the way. */
	static int find(int[] parent, int p) {
		while (parent[p] != p) {
			parent[p] = parent[parent[p]];
			p = parent[p];
		}
		return p;
	}
}
