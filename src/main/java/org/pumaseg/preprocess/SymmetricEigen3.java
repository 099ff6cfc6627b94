package org.pumaseg.preprocess;

/**
 * Eigenvalues and eigenvectors of a real symmetric 3x3 matrix by the cyclic Jacobi method.
 * <p>
 * Jacobi rotations converge quadratically and keep the eigenvectors orthonormal to machine
 * precision, which is all Macenko's stain estimation needs (the OD second-moment matrix is
 * 3x3); a general library (EJML) would add a dependency for one 3x3 decomposition.
 */
final class SymmetricEigen3 {

	private final double[] values = new double[3];
	private final double[][] vectors = new double[3][];

	/** Decomposes {@code a}, which must be symmetric; {@code a} is not modified. */
	SymmetricEigen3(double[][] a) {
		double[][] m = { a[0].clone(), a[1].clone(), a[2].clone() };
		double[][] v = { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } };
		for (int sweep = 0; sweep < 64; sweep++) {
			double off = m[0][1] * m[0][1] + m[0][2] * m[0][2] + m[1][2] * m[1][2];
			double scale = m[0][0] * m[0][0] + m[1][1] * m[1][1] + m[2][2] * m[2][2];
			if (off <= 1e-32 * scale || off == 0) {
				break;
			}
			rotate(m, v, 0, 1);
			rotate(m, v, 0, 2);
			rotate(m, v, 1, 2);
		}

		// Sort by decreasing eigenvalue; eigenvectors are the columns of v.
		Integer[] order = { 0, 1, 2 };
		java.util.Arrays.sort(order, (i, j) -> Double.compare(m[j][j], m[i][i]));
		for (int k = 0; k < 3; k++) {
			int i = order[k];
			values[k] = m[i][i];
			vectors[k] = new double[] { v[0][i], v[1][i], v[2][i] };
		}
	}

	/** Applies the Jacobi rotation that zeroes {@code m[p][q]}. */
	private static void rotate(double[][] m, double[][] v, int p, int q) {
		if (m[p][q] == 0) {
			return;
		}
		double theta = (m[q][q] - m[p][p]) / (2 * m[p][q]);
		double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
		if (theta == 0) {
			t = 1;
		}
		double c = 1 / Math.sqrt(t * t + 1);
		double s = t * c;
		for (int k = 0; k < 3; k++) {
			double mkp = m[k][p];
			double mkq = m[k][q];
			m[k][p] = c * mkp - s * mkq;
			m[k][q] = s * mkp + c * mkq;
		}
		for (int k = 0; k < 3; k++) {
			double mpk = m[p][k];
			double mqk = m[q][k];
			m[p][k] = c * mpk - s * mqk;
			m[q][k] = s * mpk + c * mqk;
		}
		for (int k = 0; k < 3; k++) {
			double vkp = v[k][p];
			double vkq = v[k][q];
			v[k][p] = c * vkp - s * vkq;
			v[k][q] = s * vkp + c * vkq;
		}
	}

	/** Eigenvalue {@code k}, sorted from largest ({@code k = 0}) to smallest. */
	double value(int k) {
		return values[k];
	}

	/** Unit eigenvector of {@link #value(int) value(k)} (a copy). */
	double[] vector(int k) {
		return vectors[k].clone();
	}
}
