package org.pumaseg.nuclei;

/**
 * Slope of the HoVer-Net distance maps, from 3 × 3 Sobel derivatives.
 * <p>
 * The Sobel kernels are divided by 8, so a map that rises by s per pixel gives s. At the image
 * border the outermost row or column is repeated.
 */
final class DistanceMapGradient {

	private DistanceMapGradient() {}

	/**
	 * The larger of the gradient magnitudes of the two maps at each pixel, in map units per
	 * pixel; +Infinity where either map is NaN nearby.
	 */
	static float[] steepestSlope(float[] horizontal, float[] vertical, int width, int height) {
		float[] slope = new float[width * height];
		for (int y = 0; y < height; y++) {
			int above = Math.max(0, y - 1) * width;
			int row = y * width;
			int below = Math.min(height - 1, y + 1) * width;
			for (int x = 0; x < width; x++) {
				int left = Math.max(0, x - 1);
				int right = Math.min(width - 1, x + 1);
				float h = magnitude(horizontal, above, row, below, left, x, right);
				float v = magnitude(vertical, above, row, below, left, x, right);
				float steepest = Math.max(h, v);
				slope[row + x] = Float.isNaN(steepest) ? Float.POSITIVE_INFINITY : steepest;
			}
		}
		return slope;
	}

	private static float magnitude(float[] map, int above, int row, int below, int left, int x,
		int right)
	{
		float dx = (map[above + right] + 2 * map[row + right] + map[below + right] -
			map[above + left] - 2 * map[row + left] - map[below + left]) / 8;
		float dy = (map[below + left] + 2 * map[below + x] + map[below + right] -
			map[above + left] - 2 * map[above + x] - map[above + right]) / 8;
		return (float) Math.sqrt(dx * dx + dy * dy);
	}
}
