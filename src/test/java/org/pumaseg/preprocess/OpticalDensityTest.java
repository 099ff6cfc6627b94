package org.pumaseg.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.pumaseg.preprocess.TestImages.rgb;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.pumaseg.image.FloatImage;
import org.pumaseg.Progress;

class OpticalDensityTest {

	// Hand-computed: log10(255/100) = 0.40654018, log10(255/25) = log10(10.2) = 1.00860017,
	// log10(255/1) = 2.40654018, log10(255/255) = 0, log10(255/51) = log10(5) = 0.69897000.
	private static final double EPS = 1e-6;

	@Test
	void odOfTinyImageMatchesHandComputedValues() {
		var image = TestImages.image(3, 1, rgb(100, 25, 255), rgb(0, 51, 255), rgb(255, 255,
			255));

		FloatImage od = new OpticalDensity().compute(image, Progress.none());

		assertEquals(List.of("od_red", "od_green", "od_blue"), od.channelNames());
		float[] red = od.channel(0);
		float[] green = od.channel(1);
		float[] blue = od.channel(2);
		assertEquals(0.40654018, red[0], EPS);
		assertEquals(1.00860017, green[0], EPS);
		assertEquals(0, blue[0], EPS);
		// A zero intensity is replaced by the floor (1): OD = log10(255).
		assertEquals(2.40654018, red[1], EPS);
		assertEquals(0.69897000, green[1], EPS);
		assertEquals(0, red[2], EPS);
		assertEquals(0, green[2], EPS);
		assertEquals(0, blue[2], EPS);
	}

	@Test
	void statedI0AndFloorAreUsed() {
		var od = new OpticalDensity(240, 0.5);
		// log10(240/0.5) = log10(480) = 2.68124124; log10(240/120) = log10(2) = 0.30103000;
		// brighter than i0: log10(240/255) = -0.02632894.
		assertEquals(2.68124124, od.of(0), EPS);
		assertEquals(0.30103000, od.of(120), EPS);
		assertEquals(-0.02632894, od.of(255), EPS);
	}

	@Test
	void intensityIsInverseOfOpticalDensity() {
		var od = new OpticalDensity();
		for (int v = 1; v < 256; v++) {
			assertEquals(v, od.toIntensity(od.of(v)));
		}
		assertEquals(255, od.toIntensity(-1));
		assertEquals(0, od.toIntensity(10));
	}

	@Test
	void badParametersAreRejected() {
		assertThrows(IllegalArgumentException.class, () -> new OpticalDensity(0, 1));
		assertThrows(IllegalArgumentException.class, () -> new OpticalDensity(255, 0));
	}
}
