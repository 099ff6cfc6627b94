package org.pumaseg.model.tiling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AxisTilingTest {

	@ParameterizedTest(name = "length {0}, tile {1}, halo {2}, overlap {3}")
	@CsvSource({ "1, 32, 4, 8", "37, 32, 4, 8", "1000, 64, 8, 8", "300, 48, 4, 0", "24, 32, 4, 8",
		"5120, 256, 16, 16" })
	void coresCoverTheAxisWithPositiveWeights(int length, int tile, int halo, int overlap) {
		AxisTiling tiling = new AxisTiling(length, tile, halo, overlap);

		assertEquals(0, tiling.coreStart(0));
		int last = tiling.tileCount() - 1;
		assertTrue(tiling.coreStart(last) + tiling.core >= length);
		for (int i = 1; i < tiling.tileCount(); i++) {
			int previousEnd = tiling.coreStart(i - 1) + tiling.core;
			assertTrue(previousEnd - tiling.coreStart(i) >= Math.min(overlap, tiling.core / 2),
				"overlap of tiles " + (i - 1) + " and " + i);
		}
		for (int position = 0; position < length; position++) {
			assertTrue(tiling.weightSum(position) > 0, "weight at " + position);
		}
	}

	@ParameterizedTest(name = "length {0}")
	@CsvSource({ "100", "1000", "333" })
	void twoTileOverlapsSumToOne(int length) {
		AxisTiling tiling = new AxisTiling(length, 48, 4, 10);

		for (int position = 0; position < length; position++) {
			assertEquals(1.0, tiling.weightSum(position), 1e-6, "position " + position);
		}
	}

	@ParameterizedTest(name = "length {0}")
	@CsvSource({ "1", "2", "5" })
	void reflectionStaysInsideAndMirrorsWithoutEdge(int length) {
		AxisTiling tiling = new AxisTiling(length, 32, 4, 8);

		for (int position = -40; position < 40; position++) {
			int reflected = tiling.reflect(position);
			assertTrue(reflected >= 0 && reflected < length, position + " -> " + reflected);
		}
		if (length == 5) {
			assertEquals(1, tiling.reflect(-1));
			assertEquals(3, tiling.reflect(5));
			assertEquals(4, tiling.reflect(4));
		}
	}
}
