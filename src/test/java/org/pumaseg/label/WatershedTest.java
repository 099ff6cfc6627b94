package org.pumaseg.label;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

import org.junit.jupiter.api.Test;
import org.pumaseg.Progress;

class WatershedTest {

	@Test
	void ridgeGoesToTheBasinThatArrivesFirst() {
		LabelImage markers = LabelImage.wrap(new int[] { 1, 0, 0, 0, 0, 0, 2 }, 7, 1);

		LabelImage basins = Watershed.seeded(TestImages.row(0, 1, 2, 3, 2, 1, 0), markers);

		assertArrayEquals(new int[] { 1, 1, 1, 1, 2, 2, 2 }, basins.labels());
		assertArrayEquals(new int[] { 1, 0, 0, 0, 0, 0, 2 }, markers.labels(), "markers kept");
	}

	@Test
	void watershedLineOnTheRidge() {
		LabelImage markers = LabelImage.wrap(new int[] { 1, 0, 0, 0, 0, 0, 2 }, 7, 1);

		LabelImage basins = Watershed.seeded(TestImages.row(0, 1, 2, 3, 2, 1, 0), markers, null,
			Connectivity.FOUR, true, Progress.none());

		assertArrayEquals(new int[] { 1, 1, 1, 0, 2, 2, 2 }, basins.labels());
	}

	@Test
	void flatLandscapeSplitsHalfway() {
		LabelImage markers = TestImages.labels(
			"1.......2",
			".........");

		LabelImage basins = Watershed.seeded(TestImages.floats(new float[18], 9, 2), markers);

		assertArrayEquals(new String[] {
			"111112222",
			"111112222" }, TestImages.text(basins));
	}

	@Test
	void maskLimitsFloodingAndUnreachedPixelsStayZero() {
		LabelImage markers = TestImages.labels(
			"1......",
			".......",
			"......2");

		LabelImage basins = Watershed.seeded(TestImages.floats(new float[21], 7, 3), markers,
			TestImages.mask(
				"###.#..",
				"#.#.#.#",
				"###.#.."), Connectivity.FOUR, false, Progress.none());

		// Marker 2 lies outside the mask and is dropped; the middle column and the right part
		// cannot be reached from marker 1.
		assertArrayEquals(new String[] {
			"111....",
			"1.1....",
			"111...." }, TestImages.text(basins));
	}

	@Test
	void largeMarkerIdsAreKept() {
		LabelImage markers = LabelImage.wrap(new int[] { 2_000_000_000, 0, 0, 70_000 }, 4, 1);

		LabelImage basins = Watershed.seeded(TestImages.row(0, 1, 1, 0), markers);

		assertArrayEquals(new int[] { 2_000_000_000, 2_000_000_000, 70_000, 70_000 }, basins
			.labels());
	}

	@Test
	void nanPixelsAreNotFlooded() {
		LabelImage markers = LabelImage.wrap(new int[] { 1, 0, 0 }, 3, 1);

		assertArrayEquals(new int[] { 1, 0, 0 }, Watershed.seeded(TestImages.row(0, Float.NaN, 0),
			markers).labels());
	}

	@Test
	void rejectsNegativeMarkersAndWrongSizes() {
		assertThrows(IllegalArgumentException.class, () -> Watershed.seeded(TestImages.row(0, 0),
			LabelImage.wrap(new int[] { -1, 0 }, 2, 1)));
		assertThrows(IllegalArgumentException.class, () -> Watershed.seeded(TestImages.row(0, 0,
			0), LabelImage.wrap(new int[] { 1, 0 }, 2, 1)));
	}

	@Test
	void twoTouchingEqualDiscsAreSplitOnTheirMidline() {
		// Centres 15 px apart, radius 10: the midline falls between columns 27 and 28.
		int width = 56;
		int height = 40;
		boolean[] mask = new boolean[width * height];
		TestImages.disc(mask, width, 20, 20, 10);
		TestImages.disc(mask, width, 35, 20, 10);

		LabelImage basins = splitByDistance(mask, width, height, Connectivity.EIGHT, false);

		assertEquals(2, Labels.count(basins));
		int left = basins.get(20, 20);
		int right = basins.get(35, 20);
		assertNotEquals(left, right);
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				int expected = !mask[x + y * width] ? 0 : x <= 27 ? left : right;
				assertEquals(expected, basins.get(x, y), "at " + x + ", " + y);
			}
		}
	}

	@Test
	void unequalDiscsAreSplitAtTheNeck() {
		// Radii 12 and 8, centres 17 px apart: the circles cross at x = 20 + 369 / 34 = 30.85.
		int width = 60;
		int height = 40;
		boolean[] mask = new boolean[width * height];
		TestImages.disc(mask, width, 20, 20, 12);
		TestImages.disc(mask, width, 37, 20, 8);

		LabelImage basins = splitByDistance(mask, width, height, Connectivity.EIGHT, false);

		assertEquals(2, Labels.count(basins));
		int left = basins.get(20, 20);
		int right = basins.get(37, 20);
		// Along the line of centres the split falls at the neck, within a pixel.
		for (int x = 8; x <= 29; x++) {
			assertEquals(left, basins.get(x, 20), "at x = " + x);
		}
		for (int x = 32; x <= 45; x++) {
			assertEquals(right, basins.get(x, 20), "at x = " + x);
		}
		// Each basin is one connected piece.
		for (int label : new int[] { left, right }) {
			boolean[] piece = new boolean[mask.length];
			for (int p = 0; p < mask.length; p++) {
				piece[p] = basins.labels()[p] == label;
			}
			assertEquals(1, ConnectedComponents.label(TestImages.mask(piece, width, height),
				Connectivity.EIGHT).maxLabel());
		}
	}

	@Test
	void watershedLinesSeparateBasinsForTheirConnectivity() {
		int width = 56;
		int height = 40;
		boolean[] mask = new boolean[width * height];
		TestImages.disc(mask, width, 20, 20, 10);
		TestImages.disc(mask, width, 35, 20, 10);

		for (Connectivity connectivity : Connectivity.values()) {
			LabelImage basins = splitByDistance(mask, width, height, connectivity, true);

			int lines = 0;
			for (int y = 0; y < height; y++) {
				for (int x = 0; x < width; x++) {
					int label = basins.get(x, y);
					if (mask[x + y * width] && label == 0) {
						lines++;
					}
					for (int k = 0; k < connectivity.count(); k++) {
						if (label != 0 && connectivity.hasNeighbour(k, x, y, width, height)) {
							int other = basins.get(x + connectivity.dx(k), y + connectivity.dy(k));
							assertTrue(other == 0 || other == label, "basins touch at " + x + ", " + y);
						}
					}
				}
			}
			assertEquals(2, Labels.count(basins));
			assertTrue(lines > 0 && lines < 2 * height, "line pixels: " + lines);
		}
	}

	/** The usual split: h-maxima of the distance transform flooded over its negative. */
	static LabelImage splitByDistance(boolean[] mask, int width, int height,
		Connectivity connectivity, boolean lines)
	{
		ArrayImg<FloatType, FloatArray> distance = DistanceTransform.euclidean(TestImages.mask(
			mask, width, height));
		LabelImage markers = Maxima.hMaxima(distance, 1, TestImages.mask(mask, width, height),
			connectivity, Progress.none());
		float[] negated = distance.update(null).getCurrentStorageArray().clone();
		for (int i = 0; i < negated.length; i++) {
			negated[i] = -negated[i];
		}
		return Watershed.seeded(TestImages.floats(negated, width, height), markers, TestImages.mask(
			mask, width, height), connectivity, lines, Progress.none());
	}
}
