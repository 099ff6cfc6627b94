package org.pumaseg.tissue;

/**
 * Separable Gaussian blur of a row-major float plane; the outermost pixels are repeated past
 * the border, so a uniform map stays uniform.
 */
final class GaussianSmoothing {

	private GaussianSmoothing() {}

	/** Returns a blurred copy of {@code plane}, with the kernel truncated at 3 sigma. */
	static float[] blur(float[] plane, int width, int height, double sigmaPixels) {
		int radius = Math.max(1, (int) Math.ceil(3 * sigmaPixels));
		float[] kernel = new float[2 * radius + 1];
		double sum = 0;
		for (int i = -radius; i <= radius; i++) {
			double value = Math.exp(-0.5 * i * i / (sigmaPixels * sigmaPixels));
			kernel[i + radius] = (float) value;
			sum += value;
		}
		for (int i = 0; i < kernel.length; i++) {
			kernel[i] /= (float) sum;
		}

		float[] rows = new float[plane.length];
		for (int y = 0; y < height; y++) {
			int row = y * width;
			for (int x = 0; x < width; x++) {
				float value = 0;
				for (int k = -radius; k <= radius; k++) {
					int source = Math.min(width - 1, Math.max(0, x + k));
					value += kernel[k + radius] * plane[row + source];
				}
				rows[row + x] = value;
			}
		}
		float[] blurred = new float[plane.length];
		for (int y = 0; y < height; y++) {
			for (int k = -radius; k <= radius; k++) {
				int source = Math.min(height - 1, Math.max(0, y + k)) * width;
				float weight = kernel[k + radius];
				int row = y * width;
				for (int x = 0; x < width; x++) {
					blurred[row + x] += weight * rows[source + x];
				}
			}
		}
		return blurred;
	}
}
