package org.pumaseg.model.tiling;

/**
 * Preprocessed input tiles for one model call: tile {@code k} is at row {@code rows[k]} and
 * column {@code columns[k]} of the tile grid, with planes {@code tiles[k][c][y * width + x]}.
 */
record TileBatch(int[] rows, int[] columns, float[][][] tiles) {

	int size() {
		return tiles.length;
	}
}
