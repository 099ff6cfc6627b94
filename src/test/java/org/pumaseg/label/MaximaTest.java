package org.pumaseg.label;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.pumaseg.Progress;

class MaximaTest {

	@Test
	void regionalMaximaIncludePlateaus() {
		LabelImage maxima = Maxima.regional(TestImages.row(1, 3, 3, 3, 1, 2, 2, 4, 0, 0),
			Connectivity.FOUR);

		// 2, 2 is a plateau next to a higher 4, so not a maximum; 0, 0 at the end is no maximum.
		assertArrayEquals(new int[] { 0, 1, 1, 1, 0, 0, 0, 2, 0, 0 }, maxima.labels());
	}

	@Test
	void hMaximaKeepMaximaOfDynamicAtLeastH() {
		// Peak 5 is the highest, so its dynamic is infinite. From peak 4 the way to the 5
		// descends to 3, and from peak 2 the way to the 4 descends to 1: both have dynamic 1.
		float[] values = { 0, 5, 3, 4, 1, 2, 0 };

		assertArrayEquals(new int[] { 0, 1, 0, 2, 0, 3, 0 }, hMaxima(values, 1));
		assertArrayEquals(new int[] { 0, 1, 0, 0, 0, 0, 0 }, hMaxima(values, 1.5));
		assertArrayEquals(new int[] { 0, 1, 0, 0, 0, 0, 0 }, hMaxima(values, 100));
	}

	@Test
	void equalPeaksDoNotSuppressEachOther() {
		assertArrayEquals(new int[] { 0, 1, 0, 2, 0 }, hMaxima(new float[] { 0, 5, 3, 5, 0 }, 3));
	}

	@Test
	void maskSplitsTheDomain() {
		// Without the mask the 4 dies at the 3 against the 5; with the 3 masked out, each side
		// has its own highest maximum.
		LabelImage maxima = Maxima.hMaxima(TestImages.row(0, 5, 3, 4, 0), 2, TestImages.mask(
			"##.##"), Connectivity.FOUR, Progress.none());

		assertArrayEquals(new int[] { 0, 1, 0, 2, 0 }, maxima.labels());
	}

	@Test
	void nanPixelsAreOutsideTheDomain() {
		assertArrayEquals(new int[] { 0, 1, 0, 2, 0 }, hMaxima(new float[] { 0, 5, Float.NaN, 4,
			0 }, 2));
	}

	@Test
	void twoDimensionalPlateauAndDiagonalConnection() {
		float[] values = {
			0, 0, 0, 0, 0,
			0, 2, 0, 0, 0,
			0, 0, 2, 0, 0,
			0, 0, 0, 0, 1,
			0, 0, 0, 0, 0 };

		// 4-connected the two 2s are separate maxima; 8-connected they are one plateau.
		assertArrayEquals(new int[] {
			0, 0, 0, 0, 0,
			0, 1, 0, 0, 0,
			0, 0, 2, 0, 0,
			0, 0, 0, 0, 3,
			0, 0, 0, 0, 0 }, Maxima.regional(TestImages.floats(values, 5, 5), Connectivity.FOUR)
				.labels());
		assertArrayEquals(new int[] {
			0, 0, 0, 0, 0,
			0, 1, 0, 0, 0,
			0, 0, 1, 0, 0,
			0, 0, 0, 0, 2,
			0, 0, 0, 0, 0 }, Maxima.regional(TestImages.floats(values, 5, 5), Connectivity.EIGHT)
				.labels());
	}

	@Test
	void moreThan65535Maxima() {
		// A peak of height 1 at every even (x, y): 270 x 270 = 72,900 maxima of dynamic 1.
		int size = 540;
		float[] values = new float[size * size];
		for (int y = 0; y < size; y += 2) {
			for (int x = 0; x < size; x += 2) {
				values[x + y * size] = 1;
			}
		}

		LabelImage maxima = Maxima.hMaxima(TestImages.floats(values, size, size), 1, null,
			Connectivity.EIGHT, Progress.none());

		assertEquals(72_900, maxima.maxLabel());
		assertEquals(72_900, Labels.count(maxima));
	}

	@Test
	void rejectsNegativeH() {
		assertThrows(IllegalArgumentException.class, () -> hMaxima(new float[] { 1 }, -1));
	}

	@Test
	void agreesWithReconstructionDefinitionOnRandomImages() {
		Random random = new Random(3);
		for (int trial = 0; trial < 300; trial++) {
			int width = 1 + random.nextInt(16);
			int height = 1 + random.nextInt(16);
			int levels = 1 + random.nextInt(6);
			float[] values = new float[width * height];
			boolean[] mask = new boolean[values.length];
			for (int i = 0; i < values.length; i++) {
				values[i] = trial % 3 == 0 ? random.nextFloat() * 4 : random.nextInt(levels);
				mask[i] = trial % 2 == 0 || random.nextDouble() < 0.8;
			}
			double h = trial % 4 == 0 ? 0 : random.nextInt(4) * 0.5 + 0.5;
			for (Connectivity connectivity : Connectivity.values()) {
				LabelImage maxima = Maxima.hMaxima(TestImages.floats(values, width, height), h,
					TestImages.mask(mask, width, height), connectivity, Progress.none());

				boolean[] expected = h == 0 ? regionalMaxima(values, mask, width, height,
					connectivity) : hMaximaByReconstruction(values, mask, width, height, h,
						connectivity);
				assertArrayEquals(ConnectedComponentsTest.breadthFirst(expected, width, height,
					connectivity), maxima.labels(), "trial " + trial + " " + connectivity + " h " +
						h);
			}
		}
	}

	private static int[] hMaxima(float[] values, double h) {
		return Maxima.hMaxima(TestImages.row(values), h, null, Connectivity.FOUR, Progress.none())
			.labels();
	}

	/**
	 * Pixels where the reconstruction by dilation of f - h under f equals f - h, computed by
	 * iterating geodesic dilations until nothing changes.
	 */
	private static boolean[] hMaximaByReconstruction(float[] values, boolean[] mask, int width,
		int height, double h, Connectivity connectivity)
	{
		double[] reconstruction = new double[values.length];
		for (int i = 0; i < values.length; i++) {
			reconstruction[i] = values[i] - h;
		}
		boolean changed = true;
		while (changed) {
			changed = false;
			for (int p = 0; p < values.length; p++) {
				if (!mask[p]) {
					continue;
				}
				double best = reconstruction[p];
				for (int k = 0; k < connectivity.count(); k++) {
					int x = p % width + connectivity.dx(k);
					int y = p / width + connectivity.dy(k);
					if (x >= 0 && y >= 0 && x < width && y < height && mask[x + y * width]) {
						best = Math.max(best, reconstruction[x + y * width]);
					}
				}
				best = Math.min(best, values[p]);
				if (best > reconstruction[p]) {
					reconstruction[p] = best;
					changed = true;
				}
			}
		}
		boolean[] selected = new boolean[values.length];
		for (int p = 0; p < values.length; p++) {
			selected[p] = mask[p] && reconstruction[p] <= values[p] - h;
		}
		return selected;
	}

	/** Plateaus (equal-value components) with no higher neighbour. */
	private static boolean[] regionalMaxima(float[] values, boolean[] mask, int width,
		int height, Connectivity connectivity)
	{
		boolean[] selected = new boolean[values.length];
		int[] plateau = new int[values.length];
		int plateaus = 0;
		for (int start = 0; start < values.length; start++) {
			if (!mask[start] || plateau[start] != 0) {
				continue;
			}
			plateaus++;
			ArrayDeque<Integer> queue = new ArrayDeque<>();
			List<Integer> members = new ArrayList<>();
			plateau[start] = plateaus;
			queue.add(start);
			boolean maximum = true;
			while (!queue.isEmpty()) {
				int p = queue.poll();
				members.add(p);
				for (int k = 0; k < connectivity.count(); k++) {
					int x = p % width + connectivity.dx(k);
					int y = p / width + connectivity.dy(k);
					if (x < 0 || y < 0 || x >= width || y >= height || !mask[x + y * width]) {
						continue;
					}
					int q = x + y * width;
					if (values[q] > values[p]) {
						maximum = false;
					}
					else if (values[q] == values[p] && plateau[q] == 0) {
						plateau[q] = plateaus;
						queue.add(q);
					}
				}
			}
			for (int p : members) {
				selected[p] = maximum;
			}
		}
		return selected;
	}
}
