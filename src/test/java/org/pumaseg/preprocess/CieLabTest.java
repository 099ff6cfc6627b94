package org.pumaseg.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CieLabTest {

	@Test
	void whiteBlackAndGreyAreNeutral() {
		double[] lab = new double[3];
		CieLab.fromRgb(0xffffff, lab);
		assertEquals(100, lab[0], 1e-9);
		assertEquals(0, lab[1], 1e-9);
		assertEquals(0, lab[2], 1e-9);
		CieLab.fromRgb(0x000000, lab);
		assertEquals(0, lab[0], 1e-9);
		CieLab.fromRgb(0x777777, lab);
		assertEquals(0, lab[1], 1e-9);
		assertEquals(0, lab[2], 1e-9);
	}

	@Test
	void pureRedHasItsPublishedLab() {
		// sRGB (255, 0, 0) is L* 53.24, a* 80.09, b* 67.20 under D65.
		double[] lab = new double[3];
		CieLab.fromRgb(0xff0000, lab);
		assertEquals(53.24, lab[0], 0.01);
		assertEquals(80.09, lab[1], 0.01);
		assertEquals(67.20, lab[2], 0.01);
	}

	@Test
	void everyFifthColourRoundTrips() {
		double[] lab = new double[3];
		double[] rgb = new double[3];
		for (int r = 0; r < 256; r += 5) {
			for (int g = 0; g < 256; g += 5) {
				for (int b = 0; b < 256; b += 5) {
					CieLab.fromRgb((r << 16) | (g << 8) | b, lab);
					CieLab.toRgb(lab, rgb);
					assertEquals(r, rgb[0], 1e-9);
					assertEquals(g, rgb[1], 1e-9);
					assertEquals(b, rgb[2], 1e-9);
				}
			}
		}
	}
}
