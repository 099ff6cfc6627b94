package org.pumaseg.nuclei;

/**
 * Where the HoVer-Net distance maps fall instead of rise.
 * <p>
 * Inside a nucleus the horizontal map rises with x and the vertical map with y. Where two
 * nuclei touch, the offsets flip from one centre to the other, so the map falls across the
 * contact by up to 2, from about 1 to about -1. At a nucleus' left or top edge it falls from
 * the background's 0 to about -1. The energy of a pixel is the largest such fall between it
 * and its neighbour along the map's axis: max(0, h(x - 1) - h(x), h(x) - h(x + 1), and the same
 * for v along y), in map units. It is 0 inside nuclei however small or thin, and positive on
 * every boundary pixel, even where two nuclei meet at a slant and the offsets flip only
 * partly. Differences along one axis only, rather than a Sobel kernel, keep the background
 * above and below a slanted edge out of the interior pixels. At the image border there is no
 * neighbour outside, so a nucleus cut by the border keeps its inside there.
 */
final class BoundaryEnergy {

	private BoundaryEnergy() {}

	/** Computes the energy of each pixel, +Infinity where a map is NaN nearby. */
	static float[] compute(float[] horizontal, float[] vertical, int width, int height) {
		float[] energy = new float[width * height];
		for (int y = 0; y < height; y++) {
			int row = y * width;
			for (int x = 0; x < width; x++) {
				int p = row + x;
				float fall = 0;
				if (x > 0) {
					fall = Math.max(fall, horizontal[p - 1] - horizontal[p]);
				}
				if (x + 1 < width) {
					fall = Math.max(fall, horizontal[p] - horizontal[p + 1]);
				}
				if (y > 0) {
					fall = Math.max(fall, vertical[p - width] - vertical[p]);
				}
				if (y + 1 < height) {
					fall = Math.max(fall, vertical[p] - vertical[p + width]);
				}
				energy[p] = Float.isNaN(fall) || Float.isNaN(horizontal[p]) || Float.isNaN(
					vertical[p]) ? Float.POSITIVE_INFINITY : fall;
			}
		}
		return energy;
	}
}
