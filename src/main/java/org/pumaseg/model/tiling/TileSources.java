package org.pumaseg.model.tiling;

import org.pumaseg.image.FloatImage;
import org.pumaseg.image.RgbImage;

/** {@link TileSource}s over images held in memory. */
public final class TileSources {

	private TileSources() {}

	/** Red, green and blue of an 8-bit RGB image as 0..255. */
	public static TileSource of(RgbImage image) {
		int[] pixels = image.packedRgb();
		int imageWidth = image.width();
		return new TileSource() {

			@Override
			public int width() {
				return imageWidth;
			}

			@Override
			public int height() {
				return image.height();
			}

			@Override
			public int channelCount() {
				return 3;
			}

			@Override
			public void read(int x, int y, int width, int height, float[][] planes) {
				for (int row = 0; row < height; row++) {
					int from = (y + row) * imageWidth + x;
					int to = row * width;
					for (int column = 0; column < width; column++) {
						int rgb = pixels[from + column];
						planes[0][to + column] = (rgb >> 16) & 0xff;
						planes[1][to + column] = (rgb >> 8) & 0xff;
						planes[2][to + column] = rgb & 0xff;
					}
				}
			}
		};
	}

	/** Every channel of a float image. */
	public static TileSource of(FloatImage image) {
		int imageWidth = image.width();
		return new TileSource() {

			@Override
			public int width() {
				return imageWidth;
			}

			@Override
			public int height() {
				return image.height();
			}

			@Override
			public int channelCount() {
				return image.numChannels();
			}

			@Override
			public void read(int x, int y, int width, int height, float[][] planes) {
				for (int c = 0; c < planes.length; c++) {
					float[] plane = image.channel(c);
					for (int row = 0; row < height; row++) {
						System.arraycopy(plane, (y + row) * imageWidth + x, planes[c], row * width,
							width);
					}
				}
			}
		};
	}
}
