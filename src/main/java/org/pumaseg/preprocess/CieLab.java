package org.pumaseg.preprocess;

/**
 * Conversion between 8-bit sRGB and CIE L*a*b* (D65 white), the colour space of
 * {@link ReinhardNormalizer}.
 * <p>
 * sRGB values are linearised with the sRGB transfer curve (IEC 61966-2-1), taken to XYZ with
 * the sRGB/D65 matrix, and to L*a*b* relative to the white the matrix gives for RGB (1, 1, 1),
 * so that grey stays at a* = b* = 0 exactly. Inputs and outputs of {@link #toRgb} are
 * unclamped doubles on the 0..255 scale.
 */
final class CieLab {

	private static final double[][] RGB_TO_XYZ = { { 0.4124564, 0.3575761, 0.1804375 }, {
		0.2126729, 0.7151522, 0.0721750 }, { 0.0193339, 0.1191920, 0.9503041 } };
	private static final double[][] XYZ_TO_RGB = Vectors3.inverse(RGB_TO_XYZ);
	private static final double[] WHITE = { RGB_TO_XYZ[0][0] + RGB_TO_XYZ[0][1] +
		RGB_TO_XYZ[0][2], RGB_TO_XYZ[1][0] + RGB_TO_XYZ[1][1] + RGB_TO_XYZ[1][2],
		RGB_TO_XYZ[2][0] + RGB_TO_XYZ[2][1] + RGB_TO_XYZ[2][2] };
	private static final double DELTA = 6.0 / 29;

	private static final double[] LINEAR = new double[256];

	static {
		for (int v = 0; v < 256; v++) {
			LINEAR[v] = linear(v / 255.0);
		}
	}

	private CieLab() {}

	/** L*a*b* of an 8-bit colour 0xRRGGBB, into {@code lab}. */
	static void fromRgb(int colour, double[] lab) {
		fromLinear(LINEAR[(colour >> 16) & 0xff], LINEAR[(colour >> 8) & 0xff], LINEAR[colour &
			0xff], lab);
	}

	/** L*a*b* of a colour given as doubles on the 0..255 scale, into {@code lab}. */
	static void fromRgb(double red, double green, double blue, double[] lab) {
		fromLinear(linear(red / 255), linear(green / 255), linear(blue / 255), lab);
	}

	/** sRGB (0..255 scale, not clamped) of {@code lab}, into {@code rgb}. */
	static void toRgb(double[] lab, double[] rgb) {
		double fy = (lab[0] + 16) / 116;
		double fx = fy + lab[1] / 500;
		double fz = fy - lab[2] / 200;
		double[] xyz = { WHITE[0] * fInverse(fx), WHITE[1] * fInverse(fy), WHITE[2] * fInverse(
			fz) };
		for (int c = 0; c < 3; c++) {
			rgb[c] = 255 * gamma(Vectors3.dot(XYZ_TO_RGB[c], xyz));
		}
	}

	private static void fromLinear(double r, double g, double b, double[] lab) {
		double[] rgb = { r, g, b };
		double fx = f(Vectors3.dot(RGB_TO_XYZ[0], rgb) / WHITE[0]);
		double fy = f(Vectors3.dot(RGB_TO_XYZ[1], rgb) / WHITE[1]);
		double fz = f(Vectors3.dot(RGB_TO_XYZ[2], rgb) / WHITE[2]);
		lab[0] = 116 * fy - 16;
		lab[1] = 500 * (fx - fy);
		lab[2] = 200 * (fy - fz);
	}

	private static double linear(double v) {
		if (v <= 0.04045) {
			return v / 12.92;
		}
		return Math.pow((v + 0.055) / 1.055, 2.4);
	}

	private static double gamma(double v) {
		if (v <= 0.0031308) {
			return 12.92 * v;
		}
		return 1.055 * Math.pow(v, 1 / 2.4) - 0.055;
	}

	private static double f(double t) {
		if (t > DELTA * DELTA * DELTA) {
			return Math.cbrt(t);
		}
		return t / (3 * DELTA * DELTA) + 4.0 / 29;
	}

	private static double fInverse(double f) {
		if (f > DELTA) {
			return f * f * f;
		}
		return 3 * DELTA * DELTA * (f - 4.0 / 29);
	}
}
