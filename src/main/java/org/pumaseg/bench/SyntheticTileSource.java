package org.pumaseg.bench;

import org.pumaseg.model.tiling.TileSource;

/**
 * An RGB texture of any size computed from the pixel position, so that the input of a tiled
 * prediction takes no heap and the pipeline's own memory can be measured.
 */
final class SyntheticTileSource implements TileSource {

	private final int width;
	private final int height;

	SyntheticTileSource(int width, int height) {
		this.width = width;
		this.height = height;
	}

	@Override
	public int width() {
		return width;
	}

	@Override
	public int height() {
		return height;
	}

	@Override
	public int channelCount() {
		return 3;
	}

	@Override
	public void read(int x, int y, int w, int h, float[][] planes) {
		for (int row = 0; row < h; row++) {
			for (int column = 0; column < w; column++) {
				int px = x + column;
				int py = y + row;
				int i = row * w + column;
				planes[0][i] = (px * 7 + py * 3) & 0xff;
				planes[1][i] = (px ^ py) & 0xff;
				planes[2][i] = (px * py) & 0xff;
			}
		}
	}
}
