package org.pumaseg.nuclei;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.pumaseg.Progress;
import org.pumaseg.bench.SyntheticNucleiMaps;

/** More nuclei than a 16-bit label image can hold. */
class ManyNucleiTest {

	@Test
	void ninetyThousandThreePixelObjects() {
		// A 300 x 300 grid of 5 x 5 cells, each with a horizontal run of three pixels.
		int size = 1500;
		int cells = size / 5;
		int[] truth = new int[size * size];
		int label = 0;
		for (int cellY = 0; cellY < cells; cellY++) {
			for (int cellX = 0; cellX < cells; cellX++) {
				label++;
				int start = cellX * 5 + 1 + (cellY * 5 + 2) * size;
				truth[start] = label;
				truth[start + 1] = label;
				truth[start + 2] = label;
			}
		}
		NucleiDecodingOptions options = NucleiDecodingOptions.defaults().withMinAreaUm2(0);

		for (NucleiMaps maps : List.of(SyntheticNucleiMaps.hoverNet(truth, size, size), SyntheticNucleiMaps
			.foregroundOnly(truth, size, size)))
		{
			DecodedNuclei decoded = NucleiDecoder.decode(maps, options, Progress.none());

			assertEquals(90_000, decoded.count());
			assertEquals(90_000, decoded.labels().maxLabel());
			assertEquals(3, decoded.nuclei().get(89_999).areaPixels());
			// Labels follow raster order here, so each object keeps its true label.
			assertEquals(0, mismatches(truth, decoded.labels().labels()));
		}
	}

	private static int mismatches(int[] truth, int[] decoded) {
		int count = 0;
		for (int p = 0; p < truth.length; p++) {
			if (truth[p] != decoded[p]) {
				count++;
			}
		}
		return count;
	}
}
