package org.pumaseg.model.tiling;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.pumaseg.image.PixelSize;
import org.pumaseg.image.RgbImage;

/** H&E-like test images of flat discs ("nuclei") on a flat background, at 0.25 µm/px. */
final class DiscImages {

	private DiscImages() {}

	/**
	 * Renders a square image of side {@code size} with discs of {@code radius} px at {@code
	 * centres}, in the colour {@code nucleus} on {@code background} (0xRRGGBB), plus uniform
	 * noise of ±10 grey levels drawn with {@code seed}.
	 */
	static RgbImage render(String name, int size, List<double[]> centres, double radius,
		int background, int nucleus, long seed)
	{
		int[] pixels = new int[size * size];
		Arrays.fill(pixels, background);
		for (double[] centre : centres) {
			for (int y = (int) (centre[1] - radius); y <= centre[1] + radius; y++) {
				for (int x = (int) (centre[0] - radius); x <= centre[0] + radius; x++) {
					if (Math.hypot(x + 0.5 - centre[0], y + 0.5 - centre[1]) <= radius) {
						pixels[y * size + x] = nucleus;
					}
				}
			}
		}

		Random random = new Random(seed);
		for (int i = 0; i < pixels.length; i++) {
			int noise = random.nextInt(21) - 10;
			int r = clamp(((pixels[i] >> 16) & 0xff) + noise);
			int g = clamp(((pixels[i] >> 8) & 0xff) + noise);
			int b = clamp((pixels[i] & 0xff) + noise);
			pixels[i] = 0xff000000 | r << 16 | g << 8 | b;
		}
		return RgbImage.wrap(name, pixels, size, size, PixelSize.calibrated(0.25, "test"));
	}

	private static int clamp(int value) {
		return Math.max(0, Math.min(255, value));
	}
}
