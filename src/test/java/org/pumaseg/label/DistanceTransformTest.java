package org.pumaseg.label;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

import org.junit.jupiter.api.Test;
import org.pumaseg.Progress;

class DistanceTransformTest {

	@Test
	void rowBetweenBackground() {
		float[] distance = values(DistanceTransform.euclidean(TestImages.mask(".####.")));

		assertArrayEquals(new float[] { 0, 1, 2, 2, 1, 0 }, distance);
	}

	@Test
	void singleBackgroundPixelGivesRadialDistances() {
		boolean[] mask = new boolean[100];
		Arrays.fill(mask, true);
		mask[4 + 10 * 4] = false;

		float[] distance = values(DistanceTransform.euclidean(TestImages.mask(mask, 10, 10)));

		for (int y = 0; y < 10; y++) {
			for (int x = 0; x < 10; x++) {
				assertEquals((float) Math.hypot(x - 4, y - 4), distance[x + 10 * y], "at " + x + ", " +
					y);
			}
		}
	}

	@Test
	void knownSmallImage() {
		float[] distance = values(DistanceTransform.euclidean(TestImages.mask(
			".......",
			".#####.",
			".#####.",
			".#####.",
			".......")));

		float r2 = (float) Math.sqrt(2);
		assertArrayEquals(new float[] {
			0, 0, 0, 0, 0, 0, 0,
			0, 1, 1, 1, 1, 1, 0,
			0, 1, 2, 2, 2, 1, 0,
			0, 1, 1, 1, 1, 1, 0,
			0, 0, 0, 0, 0, 0, 0 }, distance);
		// Pixel (0, 1): background only diagonally, at (1, 0).
		assertEquals(r2, values(DistanceTransform.euclidean(TestImages.mask(
			"#.",
			"##")))[2]);
	}

	@Test
	void objectCutByTheBorderMeasuresOnlyToBackgroundInside() {
		assertArrayEquals(new float[] { 3, 2, 1, 0 }, values(DistanceTransform.euclidean(
			TestImages.mask("###."))));
	}

	@Test
	void noBackgroundIsInfinite() {
		float[] distance = values(DistanceTransform.euclidean(TestImages.mask("##", "##")));

		for (float d : distance) {
			assertEquals(Float.POSITIVE_INFINITY, d);
		}
	}

	@Test
	void anisotropicPixels() {
		float[] distance = values(DistanceTransform.euclidean(TestImages.mask(
			"...",
			".#.",
			".#.",
			".#.",
			"..."), 2.0, 0.5, Progress.none()));

		// Rows are 0.5 apart, columns 2.0: the nearest background is up or down, never aside.
		assertEquals(0.5f, distance[1 + 3 * 1]);
		assertEquals(1.0f, distance[1 + 3 * 2]);
		assertEquals(0.5f, distance[1 + 3 * 3]);
		assertThrows(IllegalArgumentException.class, () -> DistanceTransform.euclidean(TestImages
			.mask("#"), 0, 1, Progress.none()));
	}

	@Test
	void agreesWithBruteForceOnRandomMasks() {
		Random random = new Random(7);
		for (int trial = 0; trial < 100; trial++) {
			int width = 1 + random.nextInt(30);
			int height = 1 + random.nextInt(30);
			double density = 0.5 + 0.5 * random.nextDouble();
			double pixelWidth = trial % 2 == 0 ? 1 : 0.25 + random.nextDouble() * 3;
			double pixelHeight = trial % 2 == 0 ? 1 : 0.25 + random.nextDouble() * 3;
			boolean[] mask = new boolean[width * height];
			for (int i = 0; i < mask.length; i++) {
				mask[i] = random.nextDouble() < density;
			}

			float[] distance = values(DistanceTransform.euclidean(TestImages.mask(mask, width,
				height), pixelWidth, pixelHeight, Progress.none()));

			for (int p = 0; p < mask.length; p++) {
				double expected = Double.POSITIVE_INFINITY;
				for (int q = 0; q < mask.length; q++) {
					if (!mask[q]) {
						double dx = (p % width - q % width) * pixelWidth;
						double dy = (p / width - q / width) * pixelHeight;
						expected = Math.min(expected, Math.sqrt(dx * dx + dy * dy));
					}
				}
				assertEquals((float) expected, distance[p], 1e-5 * Math.max(1, expected),
					"trial " + trial + " pixel " + p);
			}
		}
	}

	private static float[] values(ArrayImg<FloatType, FloatArray> image) {
		return image.update(null).getCurrentStorageArray();
	}
}
