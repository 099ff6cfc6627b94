package org.pumaseg.til;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pumaseg.Progress;
import org.pumaseg.image.RgbImage;

/** The TIL picture: region tints, dot colours and the chart panel. */
class TilPictureTest {

	private static final int WHITE = 0xffffff;

	@Test
	void pictureShowsRegionsAndTils() {
		TilAnalysis analysis = TilQuantifier.quantify(TilQuantifierTest.squareRoi(), TilParameters
			.defaults().withBandWidthUm(10), Progress.none());

		RgbImage picture = TilPicture.render(analysis, null);

		int width = picture.width();
		int[] pixels = picture.packedRgb();
		assertTrue(width > 200, "no chart panel");
		assertTrue(picture.height() >= 200);
		// Tumour interior away from any dot: white tinted with the tumour colour.
		assertEquals(expectedTint(TilPicture.TUMOUR_TINT_RGB), pixels[85 * width + 110] & 0xffffff);
		// Band: 5 px above the tumour, away from dots.
		assertEquals(expectedTint(TilPicture.BAND_TINT_RGB), pixels[55 * width + 120] & 0xffffff);
		// Far stroma stays white.
		assertEquals(WHITE, pixels[190 * width + 30] & 0xffffff);
		// Dots take the colour of the TIL's location.
		assertEquals(TilPicture.INTRATUMOURAL_RGB, pixels[70 * width + 70] & 0xffffff);
		assertEquals(TilPicture.PERITUMOURAL_RGB, pixels[100 * width + 150] & 0xffffff);
		assertEquals(TilPicture.STROMAL_RGB, pixels[180 * width + 100] & 0xffffff);
	}

	@Test
	void chartPanelHasBars() {
		TilAnalysis analysis = TilQuantifier.quantify(TilQuantifierTest.squareRoi(), TilParameters
			.defaults().withBandWidthUm(10), Progress.none());

		RgbImage picture = TilPicture.render(analysis, null);

		int[] pixels = picture.packedRgb();
		int count = 0;
		for (int y = 0; y < picture.height(); y++) {
			for (int x = 200; x < picture.width(); x++) {
				if ((pixels[y * picture.width() + x] & 0xffffff) == TilPicture.INTRATUMOURAL_RGB) {
					count++;
				}
			}
		}
		assertTrue(count > 500, "intratumoural bar has " + count + " pixels");
	}

	private static int expectedTint(int tint) {
		double opacity = TilPicture.TINT_OPACITY;
		int red = (int) Math.round(255 * (1 - opacity) + ((tint >> 16) & 0xff) * opacity);
		int green = (int) Math.round(255 * (1 - opacity) + ((tint >> 8) & 0xff) * opacity);
		int blue = (int) Math.round(255 * (1 - opacity) + (tint & 0xff) * opacity);
		return (red << 16) | (green << 8) | blue;
	}
}
