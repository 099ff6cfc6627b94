package org.pumaseg.label;

import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.BooleanType;
import net.imglib2.type.numeric.real.FloatType;

import org.pumaseg.Progress;

/**
 * Exact Euclidean distance transform of a binary mask: for every true (foreground) pixel, the
 * distance from its centre to the centre of the nearest false (background) pixel; 0 on
 * background.
 * <p>
 * Pixels outside the image are not background, as in SciPy's {@code distance_transform_edt}:
 * an object cut by the image border keeps growing distances towards it, and a mask with no
 * background at all gives +Infinity everywhere.
 * <p>
 * Own code: BoofCV has no Euclidean distance transform, and OpenCV's (exact with
 * {@code DIST_MASK_PRECISE}) would need an 8-bit native copy of the mask and a native bundle
 * per platform. Algorithm: Felzenszwalb and Huttenlocher, "Distance transforms of sampled
 * functions", Theory of Computing 8 (2012). A first pass gives, per column, the distance in
 * rows to the nearest background pixel, as exact integers from two row sweeps. A second pass
 * takes the lower envelope of parabolas along each row, which makes the result exact in 2-D.
 * The physical pixel width and height weight the two passes for anisotropic pixels. Time is
 * linear, and the row pass runs on all cores because rows are independent.
 */
public final class DistanceTransform {

	private static final int ROWS_PER_BLOCK = 32;

	private DistanceTransform() {}

	/** Distance to the nearest background pixel, in pixels. */
	public static ArrayImg<FloatType, FloatArray> euclidean(
		RandomAccessibleInterval<? extends BooleanType<?>> mask)
	{
		return euclidean(mask, 1, 1, Progress.none());
	}

	/**
	 * Distance to the nearest background pixel, in the units of {@code pixelWidth} (along x)
	 * and {@code pixelHeight} (along y), for example micrometres.
	 */
	public static ArrayImg<FloatType, FloatArray> euclidean(
		RandomAccessibleInterval<? extends BooleanType<?>> mask, double pixelWidth,
		double pixelHeight, Progress progress)
	{
		if (!(pixelWidth > 0 && pixelHeight > 0 && Double.isFinite(pixelWidth) && Double
			.isFinite(pixelHeight)))
		{
			throw new IllegalArgumentException("Pixel size must be positive and finite, got " +
				pixelWidth + " x " + pixelHeight + ".");
		}
		int[] size = Pixels.size2d(mask);
		int width = size[0];
		int height = size[1];
		float[] distance = new float[width * height];

		// Pass 1: rows to the nearest background pixel in the same column, as exact integers
		// (at most 46,000, well inside float's 24-bit mantissa), +Infinity when none.
		Arrays.fill(distance, Float.POSITIVE_INFINITY);
		Pixels.forEachTrue(mask, i -> distance[i] = -1);
		for (int x = 0; x < width; x++) {
			distance[x] = distance[x] == -1 ? Float.POSITIVE_INFINITY : 0;
		}
		for (int y = 1; y < height; y++) {
			int row = y * width;
			for (int i = row; i < row + width; i++) {
				distance[i] = distance[i] == -1 ? distance[i - width] + 1 : 0;
			}
		}
		progress.update(0.2, "Distance transform");
		for (int y = height - 2; y >= 0; y--) {
			int row = y * width;
			for (int i = row; i < row + width; i++) {
				float below = distance[i + width] + 1;
				if (below < distance[i]) {
					distance[i] = below;
				}
			}
		}
		progress.checkCanceled();
		progress.update(0.4, "Distance transform");

		// Pass 2: lower envelope of parabolas along each row. Rows are independent, so blocks
		// of rows run in parallel; progress and cancellation are handled between batches, on
		// the caller's thread only.
		int blocks = (height + ROWS_PER_BLOCK - 1) / ROWS_PER_BLOCK;
		int batch = 4 * Math.max(1, ForkJoinPool.getCommonPoolParallelism());
		for (int first = 0; first < blocks; first += batch) {
			progress.checkCanceled();
			progress.update(0.4 + 0.6 * first / blocks, "Distance transform");
			IntStream.range(first, Math.min(blocks, first + batch)).parallel().forEach(block -> {
				RowScratch scratch = new RowScratch(width);
				int end = Math.min(height, (block + 1) * ROWS_PER_BLOCK);
				for (int y = block * ROWS_PER_BLOCK; y < end; y++) {
					transformRow(distance, y * width, width, pixelWidth, pixelHeight, scratch);
				}
			});
		}
		progress.update(1, "Distance transform");
		return ArrayImgs.floats(distance, width, height);
	}

	/** Work arrays of one row, reused across the rows of a task. */
	private static final class RowScratch {

		final double[] f;
		final int[] sites;
		final double[] boundaries;

		RowScratch(int width) {
			f = new double[width];
			sites = new int[width];
			boundaries = new double[width + 1];
		}
	}

	/**
	 * In place along one row: replaces the column distances g (in rows) by
	 * sqrt(min over q of ((x - q) * pixelWidth)² + (g(q) * pixelHeight)²).
	 */
	private static void transformRow(float[] distance, int row, int width, double pixelWidth,
		double pixelHeight, RowScratch scratch)
	{
		double[] f = scratch.f;
		int[] sites = scratch.sites;
		double[] boundaries = scratch.boundaries;
		double w2 = pixelWidth * pixelWidth;

		// Lower envelope of the parabolas x -> w2 (x - q)² + f(q) over finite f(q).
		int k = -1;
		for (int q = 0; q < width; q++) {
			float g = distance[row + q];
			if (g == Float.POSITIVE_INFINITY) {
				continue;
			}
			double gh = g * pixelHeight;
			f[q] = gh * gh;
			double s = Double.NEGATIVE_INFINITY;
			while (k >= 0) {
				int v = sites[k];
				s = ((f[q] + w2 * q * q) - (f[v] + w2 * (double) v * v)) / (2 * w2 * (q - v));
				if (s > boundaries[k]) {
					break;
				}
				k--;
			}
			k++;
			sites[k] = q;
			boundaries[k] = k == 0 ? Double.NEGATIVE_INFINITY : s;
		}
		if (k < 0) {
			return; // no background in this row's reach: all +Infinity already
		}

		// Evaluate: boundaries[j + 1] is where parabola j + 1 takes over from parabola j.
		int j = 0;
		for (int x = 0; x < width; x++) {
			while (j < k && boundaries[j + 1] < x) {
				j++;
			}
			int q = sites[j];
			double dx = (x - q) * pixelWidth;
			distance[row + x] = (float) Math.sqrt(dx * dx + f[q]);
		}
	}
}
