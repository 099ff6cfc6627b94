package org.pumaseg.label;

import java.util.Arrays;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.BooleanType;
import net.imglib2.type.numeric.RealType;

import org.pumaseg.Progress;

/**
 * Seeded watershed by priority flooding (Meyer, "Topographic distance and watershed lines",
 * Signal Processing 38, 1994): markers grow into a float landscape, lowest values first, until
 * their basins meet.
 * <p>
 * Rules (those of scikit-image's {@code watershed(image, markers, mask=...)} without
 * compactness, apart from how watershed lines are drawn):
 * <ul>
 * <li>Flooding stays in the domain: the true pixels of the mask (the whole image when the mask
 * is null), less NaN pixels. Markers outside the domain are dropped; domain pixels that no
 * marker can reach stay 0.</li>
 * <li>A pixel is claimed by the first basin that reaches it; the queue is ordered by the
 * pixel's own value, then by arrival, so on a plateau the basins advance as breadth-first
 * fronts and meet halfway.</li>
 * <li>Marker ids are kept as given (any positive ints).</li>
 * <li>Watershed lines (off by default): a pixel reached by two different basins before it is
 * flooded is left 0 and floods no further, so that no two basins touch under the chosen
 * connectivity.</li>
 * </ul>
 * To split touching nuclei, flood the negated distance transform (or a negated probability)
 * from {@link Maxima#hMaxima h-maxima} markers, with the foreground as mask.
 * <p>
 * Own code: BoofCV's watershed (Vincent-Soille) needs 8-bit values and cannot take a mask,
 * and OpenCV's {@code cv::watershed} floods an 8-bit colour image. Each pixel enters the
 * binary heap once: O(n log n) time, no recursion.
 */
public final class Watershed {

	private static final int OUTSIDE = -1;
	private static final int QUEUED = -2;
	private static final int LINE = -3;

	private Watershed() {}

	/** Floods the whole image from {@code markers}, 4-connected, without lines. */
	public static LabelImage seeded(RandomAccessibleInterval<? extends RealType<?>> landscape,
		LabelImage markers)
	{
		return seeded(landscape, markers, null, Connectivity.FOUR, false, Progress.none());
	}

	/**
	 * Floods {@code landscape} from {@code markers} inside {@code mask}.
	 *
	 * @param landscape lower values are flooded first
	 * @param markers seeds; 0 is no seed; not modified
	 * @param mask domain, or null for the whole image
	 * @param watershedLines whether to separate basins by lines of 0
	 * @return a new label image
	 */
	public static LabelImage seeded(RandomAccessibleInterval<? extends RealType<?>> landscape,
		LabelImage markers, RandomAccessibleInterval<? extends BooleanType<?>> mask,
		Connectivity connectivity, boolean watershedLines, Progress progress)
	{
		int width = markers.width();
		int height = markers.height();
		Pixels.checkSize(landscape, width, height, "landscape");
		if (mask != null) {
			Pixels.checkSize(mask, width, height, "mask");
		}
		float[] values = Pixels.floats(landscape);
		int[] labels = startLabels(markers, values, mask);
		int[] offsets = connectivity.offsets(width);
		int n = labels.length;

		// Seed the queue with the marker pixels that have somewhere to grow.
		PixelHeap heap = new PixelHeap(1024);
		for (int p = 0; p < n; p++) {
			if (labels[p] > 0 && hasFreeNeighbour(labels, p, width, height, connectivity,
				offsets))
			{
				heap.push(p, values[p]);
			}
		}

		long flooded = 0;
		while (!heap.isEmpty()) {
			if ((++flooded & 0xFFFF) == 0) {
				progress.checkCanceled();
				progress.update((double) flooded / n, "Watershed");
			}
			int p = heap.pop();
			int x = p % width;
			int y = p / width;
			int label = labels[p];
			if (label == QUEUED) {
				label = agreedNeighbourLabel(labels, x, y, p, width, height, connectivity,
					offsets);
				labels[p] = label;
				if (label == LINE) {
					continue;
				}
			}
			for (int k = 0; k < offsets.length; k++) {
				if (connectivity.hasNeighbour(k, x, y, width, height)) {
					int q = p + offsets[k];
					if (labels[q] == 0) {
						// Without lines, the first basin to reach q takes it now. With lines, q
						// is decided when it is flooded, from all basins that reached it by then.
						labels[q] = watershedLines ? QUEUED : label;
						heap.push(q, values[q]);
					}
				}
			}
		}

		for (int p = 0; p < n; p++) {
			if (labels[p] < 0) {
				labels[p] = 0;
			}
		}
		progress.update(1, "Watershed");
		return LabelImage.wrap(labels, width, height);
	}

	/** Marker ids inside the domain, OUTSIDE elsewhere, 0 for free domain pixels. */
	private static int[] startLabels(LabelImage markers, float[] values,
		RandomAccessibleInterval<? extends BooleanType<?>> mask)
	{
		int[] seeds = markers.labels();
		for (int p = 0; p < seeds.length; p++) {
			if (seeds[p] < 0) {
				throw new IllegalArgumentException("Marker " + seeds[p] + " at (" + p % markers
					.width() + ", " + p / markers.width() + ") is negative; markers must be >= 0.");
			}
		}
		int[] labels;
		if (mask == null) {
			labels = seeds.clone();
		}
		else {
			labels = new int[seeds.length];
			Arrays.fill(labels, OUTSIDE);
			Pixels.forEachTrue(mask, i -> labels[i] = seeds[i]);
		}
		for (int p = 0; p < labels.length; p++) {
			if (Float.isNaN(values[p])) {
				labels[p] = OUTSIDE;
			}
		}
		return labels;
	}

	private static boolean hasFreeNeighbour(int[] labels, int p, int width, int height,
		Connectivity connectivity, int[] offsets)
	{
		int x = p % width;
		int y = p / width;
		for (int k = 0; k < offsets.length; k++) {
			if (connectivity.hasNeighbour(k, x, y, width, height) && labels[p + offsets[k]] == 0) {
				return true;
			}
		}
		return false;
	}

	/** The one basin label among the neighbours, or LINE when there are several. */
	private static int agreedNeighbourLabel(int[] labels, int x, int y, int p, int width,
		int height, Connectivity connectivity, int[] offsets)
	{
		int agreed = LINE;
		for (int k = 0; k < offsets.length; k++) {
			if (connectivity.hasNeighbour(k, x, y, width, height)) {
				int label = labels[p + offsets[k]];
				if (label > 0) {
					if (agreed == LINE) {
						agreed = label;
					}
					else if (agreed != label) {
						return LINE;
					}
				}
			}
		}
		return agreed;
	}
}
