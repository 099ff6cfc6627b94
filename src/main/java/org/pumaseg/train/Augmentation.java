package org.pumaseg.train;

import java.util.SplittableRandom;

import org.pumaseg.preprocess.StainMatrix;

/**
 * Random training crops with augmentation, after the usual recipe for H&amp;E nuclei models:
 * <ul>
 * <li>a random crop, resampled with a random scale in [1 - scaleRange, 1 + scaleRange]
 * (bilinear for the image, nearest neighbour for the targets, which keeps the normalised
 * distance maps valid to within a pixel);</li>
 * <li>one of the 8 flips and 90° rotations (the distance maps change sign or swap with
 * them);</li>
 * <li>HED stain jitter (Tellez et al., IEEE TMI 37, 2018): the haematoxylin, eosin and DAB
 * concentrations of the Ruifrok &amp; Johnston colour deconvolution are each scaled by
 * 1 + U(-stainRange, stainRange) and shifted by U(-stainRange, stainRange);</li>
 * <li>brightness (+ U(-b, b)) and contrast (x U(1 - c, 1 + c) around 0.5) on [0, 1]
 * values.</li>
 * </ul>
 * Crop positions beyond the image border take the nearest border pixel, so images smaller
 * than a crop still work.
 */
public record Augmentation(double scaleRange, boolean flipsAndRotations, double stainRange,
	double brightnessRange, double contrastRange)
{

	/** The defaults used for training. */
	public static final Augmentation DEFAULT = new Augmentation(0.1, true, 0.05, 0.1, 0.1);

	/** No augmentation: plain crops, used for validation. */
	public static final Augmentation NONE = new Augmentation(0, false, 0, 0, 0);

	private static final StainMatrix HED = StainMatrix.hematoxylinEosinDab();
	private static final double[][] HED_VECTORS = HED.rows();
	private static final double LN10 = Math.log(10);

	/**
	 * Writes one augmented crop of {@code image}, with top-left corner {@code (x0, y0)} before
	 * scaling, into {@code batch} at index {@code item}.
	 */
	void crop(TrainingImage image, int x0, int y0, SplittableRandom random, Batch batch,
		int item, ClassWeights weights)
	{
		int size = batch.width();
		double scale = 1 + (scaleRange > 0 ? random.nextDouble(-scaleRange, scaleRange) : 0);
		boolean transpose = flipsAndRotations && random.nextBoolean();
		boolean flipX = flipsAndRotations && random.nextBoolean();
		boolean flipY = flipsAndRotations && random.nextBoolean();
		double[] stainGain = new double[3];
		double[] stainShift = new double[3];
		for (int s = 0; s < 3; s++) {
			stainGain[s] = 1 + (stainRange > 0 ? random.nextDouble(-stainRange, stainRange) : 0);
			stainShift[s] = stainRange > 0 ? random.nextDouble(-stainRange, stainRange) : 0;
		}
		double brightness = brightnessRange > 0 ? random.nextDouble(-brightnessRange,
			brightnessRange) : 0;
		double contrast = 1 + (contrastRange > 0 ? random.nextDouble(-contrastRange,
			contrastRange) : 0);
		boolean stainJitter = stainRange > 0;

		Targets targets = image.targets();
		int offset = item * size * size;
		double[] rgb = new double[3];
		for (int y = 0; y < size; y++) {
			for (int x = 0; x < size; x++) {
				// Output (x, y) -> position (a, b) in the unrotated crop.
				int a = transpose ? y : x;
				int b = transpose ? x : y;
				if (flipX) {
					a = size - 1 - a;
				}
				if (flipY) {
					b = size - 1 - b;
				}
				double sourceX = x0 + (a + 0.5) * scale - 0.5;
				double sourceY = y0 + (b + 0.5) * scale - 0.5;
				int pixel = offset + y * size + x;

				bilinear(image, sourceX, sourceY, rgb);
				if (stainJitter) {
					jitterStains(rgb, stainGain, stainShift);
				}
				for (int c = 0; c < 3; c++) {
					double value = (rgb[c] / 255 - 0.5) * contrast + 0.5 + brightness;
					batch.image()[pixel * 3 + c] = (float) Math.min(1, Math.max(0, value));
				}

				int nearest = clamp((int) Math.floor(sourceY + 0.5), image.height()) * image.width() +
					clamp((int) Math.floor(sourceX + 0.5), image.width());
				if (batch.foreground() != null) {
					batch.foreground()[pixel] = targets.foreground()[nearest];
					float h = targets.horizontal()[nearest];
					float v = targets.vertical()[nearest];
					// Flips negate the map along their axis; a transpose swaps the two maps.
					float flippedH = flipX ? -h : h;
					float flippedV = flipY ? -v : v;
					float outH = transpose ? flippedV : flippedH;
					float outV = transpose ? flippedH : flippedV;
					batch.distance()[pixel * 2] = outH;
					batch.distance()[pixel * 2 + 1] = outV;
				}
				if (batch.nucleusClass() != null) {
					int c = targets.nucleusClass()[nearest];
					batch.nucleusClass()[pixel] = c;
					batch.nucleusWeight()[pixel] = weights.nucleus(c);
				}
				if (batch.tissueClass() != null) {
					int c = targets.tissueClass()[nearest];
					batch.tissueClass()[pixel] = c;
					batch.tissueWeight()[pixel] = weights.tissue(c);
				}
			}
		}
	}

	private static void bilinear(TrainingImage image, double x, double y, double[] rgb) {
		int width = image.width();
		int height = image.height();
		int x1 = (int) Math.floor(x);
		int y1 = (int) Math.floor(y);
		double fx = x - x1;
		double fy = y - y1;
		int[] pixels = image.packedRgb();
		int p00 = pixels[clamp(y1, height) * width + clamp(x1, width)];
		int p10 = pixels[clamp(y1, height) * width + clamp(x1 + 1, width)];
		int p01 = pixels[clamp(y1 + 1, height) * width + clamp(x1, width)];
		int p11 = pixels[clamp(y1 + 1, height) * width + clamp(x1 + 1, width)];
		for (int c = 0; c < 3; c++) {
			int shift = 16 - 8 * c;
			double top = ((p00 >> shift) & 0xff) * (1 - fx) + ((p10 >> shift) & 0xff) * fx;
			double bottom = ((p01 >> shift) & 0xff) * (1 - fx) + ((p11 >> shift) & 0xff) * fx;
			rgb[c] = top * (1 - fy) + bottom * fy;
		}
	}

	/** Jitters the stain concentrations of one pixel (0..255 values), in place. */
	private static void jitterStains(double[] rgb, double[] gain, double[] shift) {
		double[] od = new double[3];
		for (int c = 0; c < 3; c++) {
			od[c] = -Math.log10(Math.max(rgb[c], 1) / 255);
		}
		double[] concentrations = HED.concentrations(od);
		double[] jittered = new double[3];
		for (int s = 0; s < 3; s++) {
			double concentration = concentrations[s] * gain[s] + shift[s];
			double[] stain = HED_VECTORS[s];
			for (int c = 0; c < 3; c++) {
				jittered[c] += concentration * stain[c];
			}
		}
		for (int c = 0; c < 3; c++) {
			rgb[c] = Math.min(255, 255 * Math.exp(-jittered[c] * LN10));
		}
	}

	private static int clamp(int value, int size) {
		return Math.max(0, Math.min(size - 1, value));
	}
}
