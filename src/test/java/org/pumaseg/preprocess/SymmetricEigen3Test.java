package org.pumaseg.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class SymmetricEigen3Test {

	@Test
	void diagonalMatrixGivesSortedAxes() {
		var eigen = new SymmetricEigen3(new double[][] { { 2, 0, 0 }, { 0, 5, 0 }, { 0, 0, 1 } });
		assertEquals(5, eigen.value(0), 1e-15);
		assertEquals(2, eigen.value(1), 1e-15);
		assertEquals(1, eigen.value(2), 1e-15);
		assertEquals(1, Math.abs(eigen.vector(0)[1]), 1e-15);
		assertEquals(1, Math.abs(eigen.vector(1)[0]), 1e-15);
	}

	@Test
	void knownMatrix() {
		// [[2,1,0],[1,2,0],[0,0,3]]: eigenvalues 3, 3, 1; eigenvector of 1 is (1,-1,0)/sqrt 2.
		var eigen = new SymmetricEigen3(new double[][] { { 2, 1, 0 }, { 1, 2, 0 }, { 0, 0, 3 } });
		assertEquals(3, eigen.value(0), 1e-14);
		assertEquals(3, eigen.value(1), 1e-14);
		assertEquals(1, eigen.value(2), 1e-14);
		double[] v = eigen.vector(2);
		assertEquals(1 / Math.sqrt(2), Math.abs(v[0]), 1e-14);
		assertEquals(-v[0], v[1], 1e-14);
		assertEquals(0, v[2], 1e-14);
	}

	@Test
	void randomMatricesAreReconstructed() {
		Random random = new Random(7);
		for (int trial = 0; trial < 200; trial++) {
			double[][] a = new double[3][3];
			for (int i = 0; i < 3; i++) {
				for (int j = i; j < 3; j++) {
					a[i][j] = a[j][i] = random.nextGaussian();
				}
			}
			var eigen = new SymmetricEigen3(a);
			assertTrue(eigen.value(0) >= eigen.value(1) && eigen.value(1) >= eigen.value(2));
			for (int k = 0; k < 3; k++) {
				assertEquals(1, Vectors3.norm(eigen.vector(k)), 1e-12);
				for (int l = k + 1; l < 3; l++) {
					assertEquals(0, Vectors3.dot(eigen.vector(k), eigen.vector(l)), 1e-12);
				}
				// A v = lambda v
				double[] av = Vectors3.multiply(a, eigen.vector(k));
				for (int i = 0; i < 3; i++) {
					assertEquals(eigen.value(k) * eigen.vector(k)[i], av[i], 1e-12);
				}
			}
		}
	}
}
