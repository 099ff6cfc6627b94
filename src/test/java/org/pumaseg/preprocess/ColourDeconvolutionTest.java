package org.pumaseg.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pumaseg.preprocess.TestImages.rgb;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.pumaseg.image.FloatImage;
import org.pumaseg.InvalidInputException;
import org.pumaseg.Progress;

class ColourDeconvolutionTest {

	@Test
	void identityStainsGiveTheOpticalDensity() {
		StainMatrix rgbAxes = StainMatrix.of(List.of("r", "g", "b"), new double[][] { { 1, 0,
			0 }, { 0, 2, 0 }, { 0, 0, 3 } });
		var image = TestImages.image(2, 1, rgb(100, 25, 255), rgb(0, 51, 255));

		FloatImage c = new ColourDeconvolution(rgbAxes, new OpticalDensity()).compute(image,
			Progress.none());

		assertEquals(0.40654018, c.channel(0)[0], 1e-6);
		assertEquals(1.00860017, c.channel(1)[0], 1e-6);
		assertEquals(0, c.channel(2)[0], 1e-6);
		assertEquals(2.40654018, c.channel(0)[1], 1e-6);
		assertEquals(0.69897000, c.channel(1)[1], 1e-6);
	}

	@Test
	void builtInHeMatrixIsRuifrokJohnstonNormalised() {
		StainMatrix he = StainMatrix.hematoxylinEosin();
		double n = Math.sqrt(0.65 * 0.65 + 0.70 * 0.70 + 0.29 * 0.29);
		assertEquals(0.65 / n, he.stain(0)[0], 1e-12);
		assertEquals(0.70 / n, he.stain(0)[1], 1e-12);
		assertEquals(0.29 / n, he.stain(0)[2], 1e-12);
		// The residual is orthogonal to both stains.
		assertEquals(0, Vectors3.dot(he.stain(2), he.stain(0)), 1e-12);
		assertEquals(0, Vectors3.dot(he.stain(2), he.stain(1)), 1e-12);
		assertEquals(List.of("hematoxylin", "eosin", "residual"), he.names());
	}

	@Test
	void pureStainPixelsDeconvolveToTheirStain() {
		StainMatrix he = StainMatrix.hematoxylinEosin();
		// 255 * 10^-(c * stain) rounded, for c = 1.
		double[] h = he.stain(0);
		double[] e = he.stain(1);
		var image = TestImages.image(2, 1, mix(h, 1), mix(e, 1));

		FloatImage c = new ColourDeconvolution("he", new OpticalDensity()).compute(image,
			Progress.none());

		// 8-bit rounding limits the precision to about 0.01.
		assertEquals(1, c.channel(0)[0], 0.02);
		assertEquals(0, c.channel(1)[0], 0.02);
		assertEquals(0, c.channel(2)[0], 0.02);
		assertEquals(0, c.channel(0)[1], 0.02);
		assertEquals(1, c.channel(1)[1], 0.02);
		assertEquals(0, c.channel(2)[1], 0.02);
	}

	@Test
	void concentrationsReconstructTheOpticalDensity() {
		StainMatrix hed = StainMatrix.hematoxylinEosinDab();
		double[] od = { 0.3, 0.9, 0.5 };
		double[] c = hed.concentrations(od);
		for (int k = 0; k < 3; k++) {
			double sum = 0;
			for (int s = 0; s < 3; s++) {
				sum += c[s] * hed.stain(s)[k];
			}
			assertEquals(od[k], sum, 1e-12);
		}
	}

	@Test
	void parallelStainsAreRejected() {
		var e = assertThrows(InvalidInputException.class, () -> StainMatrix.of(List.of("a", "b",
			"c"), new double[][] { { 1, 1, 1 }, { 2, 2, 2 } }));
		assertTrue(e.getMessage().contains("parallel"), e.getMessage());
		assertThrows(InvalidInputException.class, () -> StainMatrix.of(List.of("a", "b", "c"),
			new double[][] { { 0, 0, 0 }, { 1, 0, 0 } }));
	}

	private static int mix(double[] stain, double c) {
		int[] v = new int[3];
		for (int k = 0; k < 3; k++) {
			v[k] = (int) Math.round(255 * Math.pow(10, -c * stain[k]));
		}
		return rgb(v[0], v[1], v[2]);
	}
}
