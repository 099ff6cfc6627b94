package org.pumaseg.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pumaseg.preprocess.TestImages.rgb;

import java.util.HashSet;
import java.util.Set;

import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.integer.IntType;

import org.junit.jupiter.api.Test;
import org.pumaseg.image.FloatImage;
import org.pumaseg.InvalidInputException;
import org.pumaseg.Progress;
import org.pumaseg.image.PixelSize;
import org.pumaseg.image.RgbImage;

class ResamplingTest {

	/** A smooth colour image: slow sine waves, periods of 32 pixels and more. */
	private static RgbImage smooth(int size) {
		int[] pixels = new int[size * size];
		for (int y = 0; y < size; y++) {
			for (int x = 0; x < size; x++) {
				int r = (int) Math.round(128 + 100 * Math.sin(2 * Math.PI * x / 48));
				int g = (int) Math.round(128 + 100 * Math.cos(2 * Math.PI * y / 40));
				int b = (int) Math.round(128 + 60 * Math.sin(2 * Math.PI * (x + y) / 64));
				pixels[y * size + x] = rgb(r, g, b);
			}
		}
		return TestImages.image(size, size, pixels);
	}

	@Test
	void halvingThenDoublingASmoothImageIsClose() {
		RgbImage image = smooth(96);

		RgbImage half = Resampling.toPixelSize(image, 0.5, Progress.none());
		RgbImage back = Resampling.toGrid(half, 96, 96, 0.25, Progress.none());

		assertEquals(48, half.width());
		assertEquals(0.5, half.pixelSize().umPerPixel());
		// Amplitude 100 over a period of 40 pixels loses a few levels at the crests (smoothing by
		// the 2-pixel average and linear interpolation); on average the error is about 1 level.
		int worst = 0;
		double sum = 0;
		for (int i = 0; i < image.packedRgb().length; i++) {
			int a = image.packedRgb()[i];
			int b = back.packedRgb()[i];
			for (int shift = 0; shift <= 16; shift += 8) {
				int d = Math.abs(((a >> shift) & 0xff) - ((b >> shift) & 0xff));
				worst = Math.max(worst, d);
				sum += d;
			}
		}
		double mean = sum / (3 * image.packedRgb().length);
		assertTrue(worst <= 8, "largest difference " + worst + " grey levels");
		assertTrue(mean < 1.5, "mean difference " + mean + " grey levels");
	}

	@Test
	void halvingAveragesEachPairOfPixels() {
		// Pixel centres: target pixel j samples the source at 2j + 0.5, between pixels 2j, 2j+1.
		RgbImage image = TestImages.image(4, 2, rgb(0, 0, 0), rgb(100, 10, 2), rgb(200, 200, 200),
			rgb(50, 50, 50), rgb(0, 0, 0), rgb(100, 10, 2), rgb(200, 200, 200), rgb(50, 50, 50));

		RgbImage half = Resampling.toPixelSize(image, 0.5, Progress.none());

		assertEquals(2, half.width());
		assertEquals(1, half.height());
		assertEquals(rgb(50, 5, 1), half.packedRgb()[0]);
		assertEquals(rgb(125, 125, 125), half.packedRgb()[1]);
	}

	@Test
	void floatChannelsAreInterpolatedLinearly() {
		FloatImage ramp = FloatImage.create("ramp", 8, 1, java.util.List.of("v"), PixelSize
			.calibrated(1, "test"));
		for (int x = 0; x < 8; x++) {
			ramp.channel(0)[x] = x;
		}

		FloatImage doubled = Resampling.toPixelSize(ramp, 0.5, Progress.none());

		// Target pixel j samples the source at (j + 0.5) / 2 - 0.5, clamped to the edge.
		assertEquals(16, doubled.width());
		assertEquals(0, doubled.channel(0)[0], 1e-6);
		assertEquals(0.25, doubled.channel(0)[1], 1e-6);
		assertEquals(0.75, doubled.channel(0)[2], 1e-6);
		assertEquals(6.75, doubled.channel(0)[14], 1e-6);
		assertEquals(7, doubled.channel(0)[15], 1e-6);
	}

	@Test
	void nearestKeepsLabelValues() {
		Img<IntType> labels = ArrayImgs.ints(new int[] { 0, 7, 7, 3, 0, 7, 9, 3, 1, 1, 9, 9 }, 4,
			3);

		Img<IntType> up = Resampling.labelsToPixelSize(labels, 0.5, 0.2, Progress.none());
		Img<IntType> back = Resampling.labelsToGrid(up, 0.2, 4, 3, 0.5, Progress.none());

		assertEquals(10, up.dimension(0));
		Set<Integer> values = new HashSet<>();
		up.forEach(v -> values.add(v.get()));
		assertEquals(Set.of(0, 1, 3, 7, 9), values);
		var a = labels.cursor();
		var b = back.cursor();
		while (a.hasNext()) {
			assertEquals(a.next().get(), b.next().get());
		}
	}

	@Test
	void samePixelSizeReturnsTheImage() {
		RgbImage image = smooth(8);
		assertSame(image, Resampling.toPixelSize(image, 0.25, Progress.none()));
	}

	@Test
	void unknownPixelSizeIsRejected() {
		RgbImage image = TestImages.constant(4, 4, rgb(1, 2, 3)).withPixelSize(PixelSize.unknown(
			"no calibration"));

		var e = assertThrows(InvalidInputException.class, () -> Resampling.toPixelSize(image, 0.5,
			Progress.none()));

		assertTrue(e.getMessage().contains("'test'") && e.getMessage().contains("no pixel size"),
			e.getMessage());
	}

	@Test
	void sizesFollowThePixelSizeRatio() {
		assertEquals(512, Resampling.resampledSize(1024, 0.25, 0.5));
		assertEquals(1, Resampling.resampledSize(1, 0.25, 2));
		assertEquals(1229, Resampling.resampledSize(1024, 0.3, 0.25));
	}
}
