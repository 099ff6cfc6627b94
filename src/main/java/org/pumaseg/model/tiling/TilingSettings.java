package org.pumaseg.model.tiling;

import org.pumaseg.InvalidInputException;

/**
 * How an image is cut into tiles.
 *
 * @param tileSize requested tile length in pixels for y and x; raised to the next length the
 *          model accepts, and lowered for images smaller than one tile
 * @param batchSize tiles per model call (1 for models without a batch axis)
 * @param blendOverlap pixels by which the kept parts of neighbouring tiles overlap and are
 *          blended, on top of the halo that is cropped; -1 chooses the halo (at least 8 px),
 *          at most half the kept part of a tile
 */
public record TilingSettings(int tileSize, int batchSize, int blendOverlap) {

	/** 256 px tiles, 4 per call, automatic overlap. */
	public static final TilingSettings DEFAULT = new TilingSettings(256, 4, -1);

	public TilingSettings {
		if (tileSize < 1) {
			throw new InvalidInputException("The tile size is " + tileSize + " px. Fix: give a " +
				"positive tile size, e.g. 256 (--tile on the command line, tile_size in Fiji and " +
				"macros).");
		}
		if (batchSize < 1) {
			throw new InvalidInputException("The batch size is " + batchSize + ". Fix: give 1 " +
				"or more tiles per batch.");
		}
		if (blendOverlap < -1) {
			throw new InvalidInputException("The blend overlap is " + blendOverlap + " px. Fix: " +
				"give 0 or more pixels, or -1 for automatic.");
		}
	}

	public TilingSettings withTileSize(int size) {
		return new TilingSettings(size, batchSize, blendOverlap);
	}

	public TilingSettings withBatchSize(int size) {
		return new TilingSettings(tileSize, size, blendOverlap);
	}

	public TilingSettings withBlendOverlap(int pixels) {
		return new TilingSettings(tileSize, batchSize, pixels);
	}
}
