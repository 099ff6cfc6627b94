package org.pumaseg.testimages;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Random;

import org.pumaseg.OutputFiles;
import org.pumaseg.image.ImageFileWriter;
import org.pumaseg.image.PixelSize;
import org.pumaseg.image.RgbImage;

/**
 * Makes the synthetic H&E images of {@code test-images/}: eosin-stained tissue with round and
 * elliptical haematoxylin-stained nuclei, rendered through the Beer-Lambert law with the
 * Ruifrok-Johnston H&E stain vectors, plus a little noise. The content is fully determined by
 * the seed, so a test can check that the committed file is what this class makes.
 */
public final class SyntheticHeImage {

	/** Ruifrok-Johnston optical-density vectors (r, g, b) of haematoxylin and eosin. */
	static final double[] HAEMATOXYLIN = { 0.650, 0.704, 0.286 };
	static final double[] EOSIN = { 0.072, 0.990, 0.105 };

	/** File made by {@link #main}: 512 x 512 px at 0.25 µm/px, about 90 nuclei. */
	public static final String DEFAULT_NAME = "synthetic_he_512.tif";
	public static final long DEFAULT_SEED = 20261204L;

	private SyntheticHeImage() {}

	/** Renders a {@code size x size} image at {@code umPerPixel} from {@code seed}. */
	public static RgbImage render(int size, double umPerPixel, long seed) {
		Random random = new Random(seed);
		double[] haematoxylin = new double[size * size];
		double[] eosin = new double[size * size];

		// Tissue: eosin over the image, weaker in a pale band (loose stroma) and a hole (lumen).
		for (int y = 0; y < size; y++) {
			for (int x = 0; x < size; x++) {
				double band = Math.exp(-Math.pow((x - 0.7 * size) / (0.08 * size), 2));
				double lumen = Math.hypot(x - 0.2 * size, y - 0.8 * size) < 0.08 * size ? 1 : 0;
				eosin[y * size + x] = (0.45 - 0.25 * band) * (1 - lumen);
			}
		}

		// Nuclei: ellipses of 6 to 10 µm, dense haematoxylin with a darker rim.
		int nuclei = (int) Math.round(90.0 * size * size / (512.0 * 512.0));
		for (int n = 0; n < nuclei; n++) {
			double cx = random.nextDouble() * size;
			double cy = random.nextDouble() * size;
			double radiusUm = 3 + 2 * random.nextDouble();
			double a = radiusUm / umPerPixel;
			double b = a * (0.6 + 0.4 * random.nextDouble());
			double angle = random.nextDouble() * Math.PI;
			double strength = 0.6 + 0.5 * random.nextDouble();
			paintNucleus(haematoxylin, size, cx, cy, a, b, angle, strength);
		}

		int[] packed = new int[size * size];
		for (int i = 0; i < packed.length; i++) {
			int rgb = 0xff000000;
			for (int c = 0; c < 3; c++) {
				double od = haematoxylin[i] * HAEMATOXYLIN[c] + eosin[i] * EOSIN[c];
				double value = 240 * Math.pow(10, -od) + random.nextGaussian() * 3;
				int channel = (int) Math.max(0, Math.min(255, Math.round(value)));
				rgb |= channel << (16 - 8 * c);
			}
			packed[i] = rgb;
		}
		return RgbImage.wrap("synthetic_he", packed, size, size, PixelSize.calibrated(umPerPixel,
			"synthetic image"));
	}

	private static void paintNucleus(double[] haematoxylin, int size, double cx, double cy,
		double a, double b, double angle, double strength)
	{
		double cos = Math.cos(angle);
		double sin = Math.sin(angle);
		int reach = (int) Math.ceil(a) + 2;
		for (int y = (int) cy - reach; y <= (int) cy + reach; y++) {
			for (int x = (int) cx - reach; x <= (int) cx + reach; x++) {
				if (x < 0 || y < 0 || x >= size || y >= size) {
					continue;
				}
				double u = ((x - cx) * cos + (y - cy) * sin) / a;
				double v = (-(x - cx) * sin + (y - cy) * cos) / b;
				double r = Math.hypot(u, v);
				if (r <= 1) {
					double rim = 0.25 * Math.exp(-Math.pow((1 - r) / 0.15, 2));
					haematoxylin[y * size + x] = Math.max(haematoxylin[y * size + x], strength *
						(0.8 + rim));
				}
			}
		}
	}

	/** Writes {@value #DEFAULT_NAME} into the folder given as the first argument. */
	public static void main(String[] args) throws Exception {
		Path folder = Paths.get(args.length > 0 ? args[0] : "test-images");
		Path output = folder.resolve(DEFAULT_NAME);
		OutputFiles.checkTarget(output, true, java.util.List.of());
		ImageFileWriter.write(render(512, 0.25, DEFAULT_SEED), output);
		System.out.println("Wrote " + output);
	}
}
