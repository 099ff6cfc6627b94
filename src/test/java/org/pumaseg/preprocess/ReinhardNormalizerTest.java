package org.pumaseg.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pumaseg.preprocess.TestImages.rgb;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.pumaseg.image.FloatImage;
import org.pumaseg.InvalidInputException;
import org.pumaseg.Progress;
import org.pumaseg.image.RgbImage;

class ReinhardNormalizerTest {

	/** A 32x32 image of random mid-range colours: nothing clips after the transfer. */
	private static RgbImage midColours(long seed, int base, int spread) {
		Random random = new Random(seed);
		int[] pixels = new int[32 * 32];
		for (int i = 0; i < pixels.length; i++) {
			pixels[i] = rgb(base + random.nextInt(spread), base - 20 + random.nextInt(spread),
				base + 10 + random.nextInt(spread));
		}
		return TestImages.image(32, 32, pixels);
	}

	@Test
	void matchesReferenceLabMeansAndDeviations() {
		RgbImage source = midColours(1, 90, 60);
		RgbImage reference = midColours(2, 120, 50);
		ReinhardStats target = ReinhardNormalizer.fit(reference, Progress.none());

		FloatImage result = new ReinhardNormalizer(target).normalizeToFloats(source, Progress
			.none());

		double[][] stats = labStats(result);
		assertArrayEquals(target.mean(), stats[0], 1e-3);
		assertArrayEquals(target.std(), stats[1], 1e-3);
	}

	@Test
	void eightBitResultIsCloseToReferenceMeans() {
		RgbImage source = midColours(3, 90, 60);
		RgbImage reference = midColours(4, 120, 50);
		ReinhardStats target = ReinhardNormalizer.fit(reference, Progress.none());

		RgbImage result = ReinhardNormalizer.toReference(reference, Progress.none()).normalize(
			source, Progress.none());

		// Rounding to 8 bits moves each pixel by at most half a level.
		ReinhardStats after = ReinhardNormalizer.fit(result, Progress.none());
		assertArrayEquals(target.mean(), after.mean(), 0.1);
	}

	@Test
	void flatOrBlankImagesAreRejected() {
		RgbImage uniformStain = TestImages.constant(16, 16, rgb(120, 60, 140));
		RgbImage white = TestImages.constant(16, 16, rgb(250, 250, 250));
		RgbImage black = TestImages.constant(16, 16, rgb(0, 0, 0));

		var uniform = assertThrows(InvalidInputException.class, () -> new ReinhardNormalizer()
			.normalize(uniformStain, Progress.none()));
		var blank = assertThrows(InvalidInputException.class, () -> new ReinhardNormalizer()
			.normalize(white, Progress.none()));
		var dark = assertThrows(InvalidInputException.class, () -> ReinhardNormalizer
			.toReference(black, Progress.none()));

		assertTrue(uniform.getMessage().contains("uniform colour"), uniform.getMessage());
		assertTrue(blank.getMessage().contains("0 stained pixel(s)"), blank.getMessage());
		assertTrue(dark.getMessage().contains("uniform colour"), dark.getMessage());
	}

	@Test
	void builtInReferenceIsThePumaRoiStatistics() {
		RgbImage roi = TestImages.pumaRoi();

		ReinhardStats stats = ReinhardNormalizer.fit(roi, Progress.none());

		assertArrayEquals(stats.mean(), ReinhardStats.builtIn().mean(), 1e-9, stats.toString());
		assertArrayEquals(stats.std(), ReinhardStats.builtIn().std(), 1e-9, stats.toString());
	}

	private static double[][] labStats(FloatImage image) {
		int n = image.width() * image.height();
		double[][] lab = new double[n][3];
		for (int i = 0; i < n; i++) {
			CieLab.fromRgb(image.channel(0)[i], image.channel(1)[i], image.channel(2)[i], lab[i]);
		}
		double[] mean = new double[3];
		double[] std = new double[3];
		for (int c = 0; c < 3; c++) {
			for (double[] v : lab) {
				mean[c] += v[c] / n;
			}
			for (double[] v : lab) {
				std[c] += (v[c] - mean[c]) * (v[c] - mean[c]) / n;
			}
			std[c] = Math.sqrt(std[c]);
		}
		return new double[][] { mean, std };
	}
}
