package org.pumaseg.label;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayDeque;
import java.util.Random;

import org.junit.jupiter.api.Test;

class ConnectedComponentsTest {

	private static final String[] MASK = {
		"##........",
		"##..#.....",
		"...#.#....",
		"....#.....",
		"..........",
		"######....",
		"#....#..##",
		"#.##.#..#.",
		"#....#....",
		"######...#" };

	@Test
	void fourConnectivityKeepsDiagonalNeighboursApart() {
		LabelImage labels = ConnectedComponents.label(TestImages.mask(MASK), Connectivity.FOUR);

		assertArrayEquals(new String[] {
			"11........",
			"11..2.....",
			"...3.4....",
			"....5.....",
			"..........",
			"666666....",
			"6....6..77",
			"6.88.6..7.",
			"6....6....",
			"666666...9" }, TestImages.text(labels));
	}

	@Test
	void eightConnectivityJoinsDiagonalNeighbours() {
		LabelImage labels = ConnectedComponents.label(TestImages.mask(MASK), Connectivity.EIGHT);

		assertArrayEquals(new String[] {
			"11........",
			"11..2.....",
			"...2.2....",
			"....2.....",
			"..........",
			"333333....",
			"3....3..44",
			"3.55.3..4.",
			"3....3....",
			"333333...6" }, TestImages.text(labels));
	}

	@Test
	void uShapeMergesTwoProvisionalLabels() {
		// The two arms get different provisional labels, joined on the bottom row; the final
		// id must still be 1 and the later object 2.
		LabelImage labels = ConnectedComponents.label(TestImages.mask(
			"#.#.#",
			"#.#.#",
			"###.#",
			"....#"), Connectivity.FOUR);

		assertArrayEquals(new String[] {
			"1.1.2",
			"1.1.2",
			"111.2",
			"....2" }, TestImages.text(labels));
	}

	@Test
	void emptyAndFullMasks() {
		assertEquals(0, ConnectedComponents.label(TestImages.mask("...", "..."), Connectivity.EIGHT)
			.maxLabel());
		assertArrayEquals(new String[] { "111", "111" }, TestImages.text(ConnectedComponents
			.label(TestImages.mask("###", "###"), Connectivity.FOUR)));
		assertEquals(0, ConnectedComponents.label(TestImages.mask(new boolean[0], 0, 0),
			Connectivity.FOUR).labels().length);
	}

	@Test
	void moreThan65535OnePixelObjects() {
		// Isolated pixels at even (x, y): 270 x 270 = 72,900 objects under 8-connectivity.
		int size = 540;
		boolean[] mask = new boolean[size * size];
		for (int y = 0; y < size; y += 2) {
			for (int x = 0; x < size; x += 2) {
				mask[x + y * size] = true;
			}
		}

		LabelImage labels = ConnectedComponents.label(TestImages.mask(mask, size, size),
			Connectivity.EIGHT);

		assertEquals(72_900, labels.maxLabel());
		assertEquals(72_900, Labels.count(labels));
		assertEquals(72_900, labels.get(538, 538));
		assertEquals(270 + 1, labels.get(0, 2)); // raster order of first pixels
	}

	@Test
	void gridOf90000ThreePixelObjects() {
		int size = 1500;
		boolean[] mask = new boolean[size * size];
		for (int y = 0; y < size; y += 5) {
			for (int x = 0; x < size; x += 5) {
				mask[x + y * size] = mask[x + 1 + y * size] = mask[x + 2 + y * size] = true;
			}
		}

		LabelImage labels = ConnectedComponents.label(TestImages.mask(mask, size, size),
			Connectivity.EIGHT);

		assertEquals(90_000, labels.maxLabel());
		assertEquals(90_000, Labels.count(labels));
	}

	@Test
	void agreesWithBreadthFirstSearchOnRandomMasks() {
		Random random = new Random(42);
		for (int trial = 0; trial < 200; trial++) {
			int width = 1 + random.nextInt(40);
			int height = 1 + random.nextInt(40);
			double density = random.nextDouble();
			boolean[] mask = new boolean[width * height];
			for (int i = 0; i < mask.length; i++) {
				mask[i] = random.nextDouble() < density;
			}
			for (Connectivity connectivity : Connectivity.values()) {
				LabelImage labels = ConnectedComponents.label(TestImages.mask(mask, width, height),
					connectivity);
				assertArrayEquals(breadthFirst(mask, width, height, connectivity), labels.labels(),
					"trial " + trial + " " + connectivity);
			}
		}
	}

	/** Reference labelling: flood each new component from its first pixel in raster order. */
	static int[] breadthFirst(boolean[] mask, int width, int height, Connectivity connectivity) {
		int[] labels = new int[mask.length];
		int next = 0;
		ArrayDeque<Integer> queue = new ArrayDeque<>();
		for (int start = 0; start < mask.length; start++) {
			if (!mask[start] || labels[start] != 0) {
				continue;
			}
			labels[start] = ++next;
			queue.add(start);
			while (!queue.isEmpty()) {
				int p = queue.poll();
				for (int k = 0; k < connectivity.count(); k++) {
					int x = p % width + connectivity.dx(k);
					int y = p / width + connectivity.dy(k);
					if (x >= 0 && y >= 0 && x < width && y < height && mask[x + y * width] &&
						labels[x + y * width] == 0)
					{
						labels[x + y * width] = next;
						queue.add(x + y * width);
					}
				}
			}
		}
		return labels;
	}
}
