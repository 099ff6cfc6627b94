package org.pumaseg.preprocess;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import ij.IJ;
import ij.ImagePlus;
import ij.process.ColorProcessor;

import org.pumaseg.image.PixelSize;
import org.pumaseg.image.RgbImage;

/** Small images for the preprocessing tests. */
final class TestImages {

	/** The PUMA training ROI training_set_metastatic_roi_094, read-only test data. */
	static final Path PUMA_ROI = Path.of("..", "shared", "data", "puma", "images",
		"training_set_metastatic_roi_094.tif");

	private TestImages() {}

	static int rgb(int r, int g, int b) {
		return 0xff000000 | (r << 16) | (g << 8) | b;
	}

	static RgbImage image(int width, int height, int... packed) {
		return RgbImage.wrap("test", packed, width, height, PixelSize.calibrated(0.25, "test"));
	}

	static RgbImage constant(int width, int height, int packed) {
		int[] pixels = new int[width * height];
		java.util.Arrays.fill(pixels, packed);
		return image(width, height, pixels);
	}

	/**
	 * Beer–Lambert mixture of two stains: each pixel is {@code 255 * 10^-(ch h + ce e)}, rounded,
	 * with concentrations drawn uniformly from [0, maxH] x [0, maxE] (a fixed seed).
	 */
	static RgbImage twoStains(double[] h, double[] e, double maxH, double maxE, int width,
		int height, long seed)
	{
		double[] hu = Vectors3.unit(h);
		double[] eu = Vectors3.unit(e);
		Random random = new Random(seed);
		int[] pixels = new int[width * height];
		for (int i = 0; i < pixels.length; i++) {
			double ch = random.nextDouble() * maxH;
			double ce = random.nextDouble() * maxE;
			int[] c = new int[3];
			for (int k = 0; k < 3; k++) {
				double intensity = 255 * Math.pow(10, -(ch * hu[k] + ce * eu[k]));
				c[k] = (int) Math.max(0, Math.min(255, Math.round(intensity)));
			}
			pixels[i] = rgb(c[0], c[1], c[2]);
		}
		return image(width, height, pixels);
	}

	/** The PUMA ROI read with ImageJ; skips the test when the shared data are absent. */
	static RgbImage pumaRoi() {
		assumeTrue(Files.isRegularFile(PUMA_ROI), "PUMA ROI not found at " + PUMA_ROI
			.toAbsolutePath());
		ImagePlus imp = IJ.openImage(PUMA_ROI.toString());
		if (imp == null || imp.getType() != ImagePlus.COLOR_RGB) {
			throw new AssertionError("ImageJ could not read " + PUMA_ROI + " as RGB.");
		}
		ColorProcessor cp = (ColorProcessor) imp.getProcessor();
		return RgbImage.wrap(imp.getTitle(), (int[]) cp.getPixels(), imp.getWidth(), imp
			.getHeight(), PixelSize.unknown("dpi only"));
	}
}
