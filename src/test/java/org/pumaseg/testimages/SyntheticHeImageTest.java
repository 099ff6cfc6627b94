package org.pumaseg.testimages;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.nio.file.Paths;

import org.junit.jupiter.api.Test;
import org.pumaseg.image.ImageFileReader;
import org.pumaseg.image.RgbImage;

class SyntheticHeImageTest {

	@Test
	void committedImageMatchesGenerator() {
		Path committed = Paths.get("test-images", SyntheticHeImage.DEFAULT_NAME);

		RgbImage read = new ImageFileReader().read(committed);
		RgbImage rendered = SyntheticHeImage.render(512, 0.25, SyntheticHeImage.DEFAULT_SEED);

		assertArrayEquals(rendered.packedRgb(), read.packedRgb());
		assertTrue(read.pixelSize().calibrated());
		assertEquals(0.25, read.pixelSize().umPerPixel(), 1e-9);
	}

	@Test
	void nucleiAreDarkerThanTissue() {
		RgbImage image = SyntheticHeImage.render(128, 0.25, 1);
		int dark = 0;
		for (int pixel : image.packedRgb()) {
			if ((pixel >> 16 & 0xff) < 100) {
				dark++;
			}
		}

		assertTrue(dark > 100, "pixels of nuclei: " + dark);
		assertTrue(dark < 128 * 128 / 2, "pixels of nuclei: " + dark);
	}
}
