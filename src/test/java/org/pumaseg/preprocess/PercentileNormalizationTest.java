package org.pumaseg.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pumaseg.preprocess.TestImages.rgb;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.pumaseg.image.FloatImage;
import org.pumaseg.Progress;
import org.pumaseg.image.PixelSize;

class PercentileNormalizationTest {

	private static FloatImage floats(int width, int height, float[]... channels) {
		List<String> names = new java.util.ArrayList<>();
		for (int c = 0; c < channels.length; c++) {
			names.add("c" + c);
		}
		FloatImage image = FloatImage.create("test", width, height, names, PixelSize.unknown(
			"test"));
		for (int c = 0; c < channels.length; c++) {
			System.arraycopy(channels[c], 0, image.channel(c), 0, channels[c].length);
		}
		return image;
	}

	@Test
	void constantImageGivesZerosNotNaN() {
		var constant = TestImages.constant(16, 16, rgb(200, 200, 200));

		StageImage result = new PercentileNormalization().apply(StageImage.of(constant), Progress
			.none());

		for (int c = 0; c < 3; c++) {
			for (float v : result.floats().channel(c)) {
				assertEquals(0, v);
			}
		}
	}

	@Test
	void blankFloatImageStaysFiniteWithAndWithoutClipping() {
		float[] zeros = new float[100];
		for (boolean clip : new boolean[] { false, true }) {
			var normalised = new PercentileNormalization(1, 99.8, false, clip, 1e-6).apply(floats(
				10, 10, zeros), Progress.none());
			for (float v : normalised.channel(0)) {
				assertTrue(Float.isFinite(v));
			}
		}
	}

	@Test
	void percentilesMatchNumPyLinearDefinition() {
		// np.percentile(np.arange(100), [1, 99.8]) = [0.99, 98.802]
		float[] values = new float[100];
		for (int i = 0; i < 100; i++) {
			values[99 - i] = i;
		}
		double[][] bounds = new PercentileNormalization().percentiles(floats(10, 10, values),
			Progress.none());

		assertEquals(0.99, bounds[0][0], 1e-9);
		assertEquals(98.802, bounds[0][1], 1e-9);
	}

	@Test
	void normalisedValuesAreExact() {
		float[] values = new float[100];
		for (int i = 0; i < 100; i++) {
			values[i] = i;
		}
		FloatImage out = new PercentileNormalization(0, 100, true, false, 1e-6).apply(floats(10,
			10, values), Progress.none());

		assertEquals(0, out.channel(0)[0], 1e-7);
		assertEquals(50 / 99.0, out.channel(0)[50], 1e-7);
		assertEquals(1, out.channel(0)[99], 1e-7);
	}

	@Test
	void randomDataAgreeWithSorting() {
		Random random = new Random(11);
		float[] a = new float[64 * 64];
		float[] b = new float[64 * 64];
		for (int i = 0; i < a.length; i++) {
			a[i] = (float) (random.nextGaussian() * 1000);
			b[i] = random.nextInt(7) - 3; // many ties, negative values
		}
		for (float[] values : List.of(a, b)) {
			float[] sorted = values.clone();
			Arrays.sort(sorted);
			double[] expected = new double[3];
			double[] percents = { 0, 37.5, 99.8 };
			for (int i = 0; i < 3; i++) {
				double rank = (sorted.length - 1) * percents[i] / 100;
				int lo = (int) Math.floor(rank);
				int hi = Math.min(sorted.length - 1, lo + 1);
				expected[i] = sorted[lo] + (rank - lo) * (sorted[hi] - sorted[lo]);
			}

			double[] actual = new OrderStatistics(List.of(values), Progress.none()).percentiles(
				percents, Progress.none());

			assertArrayEquals(expected, actual, 1e-9);
		}
	}

	@Test
	void nanValuesAreSkipped() {
		float[] values = { Float.NaN, 3, 1, Float.NaN, 2 };
		var stats = new OrderStatistics(List.of(values), Progress.none());
		assertEquals(3, stats.count());
		assertArrayEquals(new double[] { 1, 2, 3 }, stats.percentiles(new double[] { 0, 50,
			100 }, Progress.none()), 0);
	}

	@Test
	void jointPercentilesUseAllChannels() {
		float[] low = new float[4];
		float[] high = { 10, 10, 10, 10 };
		FloatImage out = new PercentileNormalization(0, 100, false, false, 1e-6).apply(floats(2,
			2, low, high), Progress.none());

		assertEquals(0, out.channel(0)[0]);
		assertEquals(1, out.channel(1)[0]);
	}

	@Test
	void clippingLimitsToUnitRange() {
		float[] values = new float[100];
		for (int i = 0; i < 100; i++) {
			values[i] = i;
		}
		FloatImage out = new PercentileNormalization(10, 90, true, true, 1e-6).apply(floats(10,
			10, values), Progress.none());

		assertEquals(0, out.channel(0)[0]);
		assertEquals(1, out.channel(0)[99]);
	}

	@Test
	void fixedScaleDividesRgbBy255() {
		var image = TestImages.image(2, 1, rgb(255, 0, 51), rgb(0, 0, 0));

		FloatImage out = new FixedScale().apply(StageImage.of(image), Progress.none()).floats();

		assertEquals(1, out.channel(0)[0], 1e-7);
		assertEquals(0, out.channel(1)[0], 1e-7);
		assertEquals(0.2, out.channel(2)[0], 1e-7);
		assertEquals(List.of("red", "green", "blue"), out.channelNames());
	}
}
