package org.pumaseg.model;

import java.util.List;

/**
 * Plain Java versions of what the models of {@link TinySavedModels} compute, to check the
 * TensorFlow results against.
 */
public final class ConvolutionReference {

	private ConvolutionReference() {}

	/**
	 * Runs {@code kernels} (TensorFlow layout {@code [kh][kw][in][out]}) on {@code planes[c][y
	 * * width + x]} with "SAME" zero padding, layer after layer.
	 */
	public static float[][] convolve(float[][] planes, int height, int width,
		List<float[][][][]> kernels)
	{
		float[][] current = planes;
		for (float[][][][] kernel : kernels) {
			current = convolveOnce(current, height, width, kernel);
		}
		return current;
	}

	private static float[][] convolveOnce(float[][] in, int height, int width,
		float[][][][] kernel)
	{
		int kh = kernel.length;
		int kw = kernel[0].length;
		int outChannels = kernel[0][0][0].length;
		float[][] out = new float[outChannels][height * width];
		for (int o = 0; o < outChannels; o++) {
			for (int y = 0; y < height; y++) {
				for (int x = 0; x < width; x++) {
					double sum = 0;
					for (int dy = 0; dy < kh; dy++) {
						int sy = y + dy - kh / 2;
						if (sy < 0 || sy >= height) {
							continue;
						}
						for (int dx = 0; dx < kw; dx++) {
							int sx = x + dx - kw / 2;
							if (sx < 0 || sx >= width) {
								continue;
							}
							for (int c = 0; c < in.length; c++) {
								sum += in[c][sy * width + sx] * kernel[dy][dx][c][o];
							}
						}
					}
					out[o][y * width + x] = (float) sum;
				}
			}
		}
		return out;
	}

	/** Pads {@code planes} by {@code pad} pixels on every side by reflection (edge not repeated). */
	public static float[][] reflectPad(float[][] planes, int height, int width, int pad) {
		int paddedWidth = width + 2 * pad;
		int paddedHeight = height + 2 * pad;
		float[][] padded = new float[planes.length][paddedWidth * paddedHeight];
		for (int c = 0; c < planes.length; c++) {
			for (int y = 0; y < paddedHeight; y++) {
				int sy = reflect(y - pad, height);
				for (int x = 0; x < paddedWidth; x++) {
					padded[c][y * paddedWidth + x] = planes[c][sy * width + reflect(x - pad, width)];
				}
			}
		}
		return padded;
	}

	/** Crops {@code pad} pixels from every side. */
	public static float[][] crop(float[][] planes, int height, int width, int pad) {
		int innerWidth = width - 2 * pad;
		int innerHeight = height - 2 * pad;
		float[][] cropped = new float[planes.length][innerWidth * innerHeight];
		for (int c = 0; c < planes.length; c++) {
			for (int y = 0; y < innerHeight; y++) {
				System.arraycopy(planes[c], (y + pad) * width + pad, cropped[c], y * innerWidth,
					innerWidth);
			}
		}
		return cropped;
	}

	private static int reflect(int position, int length) {
		if (length == 1) {
			return 0;
		}
		int period = 2 * (length - 1);
		int folded = Math.floorMod(position, period);
		return folded < length ? folded : period - folded;
	}
}
