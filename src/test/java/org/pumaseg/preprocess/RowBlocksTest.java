package org.pumaseg.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.pumaseg.image.FloatImage;
import org.pumaseg.CanceledException;
import org.pumaseg.Progress;
import org.pumaseg.image.RgbImage;

/** Images larger than one row block: blocks join without gaps and cancel between blocks. */
class RowBlocksTest {

	private static RgbImage randomImage(int width, int height) {
		Random random = new Random(1);
		int[] pixels = new int[width * height];
		for (int i = 0; i < pixels.length; i++) {
			pixels[i] = 0xff000000 | random.nextInt(1 << 24);
		}
		return TestImages.image(width, height, pixels);
	}

	@Test
	void opticalDensityOfAMultiBlockImageMatchesPixelByPixel() {
		RgbImage image = randomImage(3001, 1500);
		assertTrue(image.height() > RowBlocks.rowsPerBlock(image.width()));
		OpticalDensity od = new OpticalDensity();

		FloatImage result = od.compute(image, Progress.none());

		int[] pixels = image.packedRgb();
		for (int i = 0; i < pixels.length; i++) {
			assertEquals((float) od.of((pixels[i] >> 16) & 0xff), result.channel(0)[i]);
			assertEquals((float) od.of((pixels[i] >> 8) & 0xff), result.channel(1)[i]);
			assertEquals((float) od.of(pixels[i] & 0xff), result.channel(2)[i]);
		}
	}

	@Test
	void progressRisesToOneAndCancelStopsBetweenBlocks() {
		RgbImage image = randomImage(3001, 1500);
		List<Double> fractions = new ArrayList<>();
		new OpticalDensity().compute(image, Progress.of((f, m) -> fractions.add(f), () -> false));
		assertTrue(fractions.size() >= 2);
		assertEquals(1, fractions.get(fractions.size() - 1), 1e-12);
		for (int i = 1; i < fractions.size(); i++) {
			assertTrue(fractions.get(i) >= fractions.get(i - 1));
		}

		AtomicBoolean cancel = new AtomicBoolean();
		Progress cancelAfterFirstBlock = Progress.of((f, m) -> cancel.set(true), cancel::get);
		assertThrows(CanceledException.class, () -> new OpticalDensity().compute(image,
			cancelAfterFirstBlock));
	}
}
