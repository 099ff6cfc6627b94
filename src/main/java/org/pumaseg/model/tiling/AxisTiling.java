package org.pumaseg.model.tiling;

/**
 * Tile positions along one image axis, and their blending weights.
 * <p>
 * Each tile is {@code tileSize} long; its first and last {@code halo} pixels are cropped, the
 * {@code core = tileSize - 2 * halo} pixels between are kept. Cores cover the image: the
 * first starts at 0, the last ends at the image end, and those between are spread evenly, so
 * neighbouring cores overlap by at least the requested overlap. Pixels before 0 or after the
 * end are reflection padding. In an overlap the earlier tile's weight falls along a half
 * cosine while the later one's rises, the two summing to 1; a pixel's blended value is the
 * weighted sum divided by the summed weights ({@link #weightSum}), so every weight only
 * needs to be positive.
 */
final class AxisTiling {

	final int length;
	final int tileSize;
	final int halo;
	final int core;
	private final int[] coreStarts;
	private final float[][] weights;
	private final double[] weightSums;

	AxisTiling(int length, int tileSize, int halo, int overlap) {
		if (tileSize <= 2 * halo) {
			throw new IllegalArgumentException("Tile size " + tileSize + " leaves no core with halo " +
				halo + ".");
		}
		this.length = length;
		this.tileSize = tileSize;
		this.halo = halo;
		this.core = tileSize - 2 * halo;
		this.coreStarts = coreStarts(length, core, Math.max(0, Math.min(overlap, core - 1)));
		this.weights = new float[coreStarts.length][];
		for (int i = 0; i < coreStarts.length; i++) {
			weights[i] = weights(i);
		}
		this.weightSums = new double[length];
		for (int i = 0; i < coreStarts.length; i++) {
			for (int k = 0; k < core && coreStarts[i] + k < length; k++) {
				weightSums[coreStarts[i] + k] += weights[i][k];
			}
		}
	}

	private static int[] coreStarts(int length, int core, int overlap) {
		if (length <= core) {
			return new int[] { 0 };
		}
		int stride = core - overlap;
		int tiles = 1 + (int) Math.ceil((double) (length - core) / stride);
		int[] starts = new int[tiles];
		for (int i = 0; i < tiles; i++) {
			starts[i] = (int) Math.round((double) i * (length - core) / (tiles - 1));
		}
		return starts;
	}

	private float[] weights(int tile) {
		float[] weight = new float[core];
		java.util.Arrays.fill(weight, 1f);
		if (tile > 0) {
			int overlap = coreStarts[tile - 1] + core - coreStarts[tile];
			for (int k = 0; k < overlap; k++) {
				weight[k] *= rise(k, overlap);
			}
		}
		if (tile < coreStarts.length - 1) {
			int overlap = coreStarts[tile] + core - coreStarts[tile + 1];
			for (int k = 0; k < overlap; k++) {
				weight[core - overlap + k] *= 1 - rise(k, overlap);
			}
		}
		return weight;
	}

	/** Half-cosine ramp over {@code overlap} pixels, strictly between 0 and 1. */
	private static float rise(int k, int overlap) {
		return (float) (0.5 - 0.5 * Math.cos(Math.PI * (k + 0.5) / overlap));
	}

	int tileCount() {
		return coreStarts.length;
	}

	/** Image position of the first kept pixel of tile {@code i}. */
	int coreStart(int i) {
		return coreStarts[i];
	}

	/** Image position of the first pixel of tile {@code i} (negative in the padding). */
	int tileStart(int i) {
		return coreStarts[i] - halo;
	}

	/** Weight of the {@code k}-th kept pixel of tile {@code i}. */
	float weight(int i, int k) {
		return weights[i][k];
	}

	/** The weights of the kept pixels of tile {@code i}; the caller must not change them. */
	float[] tileWeights(int i) {
		return weights[i];
	}

	double weightSum(int position) {
		return weightSums[position];
	}

	/** Image position read for tile position {@code position}: reflection without repeating the edge pixel. */
	int reflect(int position) {
		if (length == 1) {
			return 0;
		}
		int period = 2 * (length - 1);
		int folded = Math.floorMod(position, period);
		return folded < length ? folded : period - folded;
	}
}
