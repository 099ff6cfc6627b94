package org.pumaseg.preprocess;

/** Small exact 3-vector and 3x3-matrix arithmetic for stain vectors and colour spaces. */
final class Vectors3 {

	private Vectors3() {}

	static double dot(double[] a, double[] b) {
		return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
	}

	static double norm(double[] a) {
		return Math.sqrt(dot(a, a));
	}

	static double[] cross(double[] a, double[] b) {
		return new double[] { a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] -
			a[1] * b[0] };
	}

	/** {@code a / |a|}; {@code a} must not be zero. */
	static double[] unit(double[] a) {
		double n = norm(a);
		return new double[] { a[0] / n, a[1] / n, a[2] / n };
	}

	/** Angle between two vectors, in degrees, 0..180. */
	static double angleDegrees(double[] a, double[] b) {
		double c = dot(a, b) / (norm(a) * norm(b));
		return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, c))));
	}

	static double determinant(double[][] m) {
		return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] -
			m[1][2] * m[2][0]) + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
	}

	/** Inverse of a 3x3 matrix by cofactors; the caller checks the determinant first. */
	static double[][] inverse(double[][] m) {
		double det = determinant(m);
		double[][] inv = new double[3][3];
		inv[0][0] = (m[1][1] * m[2][2] - m[1][2] * m[2][1]) / det;
		inv[0][1] = (m[0][2] * m[2][1] - m[0][1] * m[2][2]) / det;
		inv[0][2] = (m[0][1] * m[1][2] - m[0][2] * m[1][1]) / det;
		inv[1][0] = (m[1][2] * m[2][0] - m[1][0] * m[2][2]) / det;
		inv[1][1] = (m[0][0] * m[2][2] - m[0][2] * m[2][0]) / det;
		inv[1][2] = (m[0][2] * m[1][0] - m[0][0] * m[1][2]) / det;
		inv[2][0] = (m[1][0] * m[2][1] - m[1][1] * m[2][0]) / det;
		inv[2][1] = (m[0][1] * m[2][0] - m[0][0] * m[2][1]) / det;
		inv[2][2] = (m[0][0] * m[1][1] - m[0][1] * m[1][0]) / det;
		return inv;
	}

	static double[] multiply(double[][] m, double[] v) {
		return new double[] { dot(m[0], v), dot(m[1], v), dot(m[2], v) };
	}
}
