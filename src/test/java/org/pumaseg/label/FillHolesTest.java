package org.pumaseg.label;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.BooleanArray;
import net.imglib2.type.logic.NativeBoolType;

import org.junit.jupiter.api.Test;

class FillHolesTest {

	@Test
	void ringWithHoleIsFilled() {
		assertArrayEquals(new String[] {
			"......",
			".####.",
			".####.",
			".####.",
			".####.",
			"......" }, text(FillHoles.binary(TestImages.mask(
				"......",
				".####.",
				".#..#.",
				".#..#.",
				".####.",
				"......"), Connectivity.EIGHT)));
	}

	@Test
	void diagonalRingEnclosesOnlyForEightConnectedObjects() {
		String[] diamond = {
			"..#..",
			".#.#.",
			"#...#",
			".#.#.",
			"..#.." };

		assertArrayEquals(new String[] {
			"..#..",
			".###.",
			"#####",
			".###.",
			"..#.." }, text(FillHoles.binary(TestImages.mask(diamond), Connectivity.EIGHT)));
		assertArrayEquals(diamond, text(FillHoles.binary(TestImages.mask(diamond),
			Connectivity.FOUR)));
	}

	@Test
	void backgroundTouchingTheBorderIsNoHole() {
		String[] open = {
			"#####",
			"#...#",
			"#...#",
			"#...." };

		assertArrayEquals(open, text(FillHoles.binary(TestImages.mask(open),
			Connectivity.EIGHT)));
	}

	@Test
	void perLabelFillsOnlyHolesEnclosedByOneLabel() {
		LabelImage labels = TestImages.labels(
			"1111.2222.3333.",
			"1..1.2..2.3333.",
			"1111.2..3.3..3.",
			".....2223.3.43.",
			"..........3..3.",
			"..........3333.");

		assertArrayEquals(new String[] {
			"1111.2222.3333.",
			"1111.2..2.3333.",
			"1111.2..3.3..3.",
			".....2223.3.43.",
			"..........3..3.",
			"..........3333." }, TestImages.text(FillHoles.perLabel(labels, Connectivity.EIGHT)));
	}

	private static String[] text(ArrayImg<NativeBoolType, BooleanArray> mask) {
		boolean[] values = mask.update(null).getCurrentStorageArray();
		int width = (int) mask.dimension(0);
		String[] rows = new String[(int) mask.dimension(1)];
		for (int y = 0; y < rows.length; y++) {
			StringBuilder row = new StringBuilder();
			for (int x = 0; x < width; x++) {
				row.append(values[x + y * width] ? '#' : '.');
			}
			rows[y] = row.toString();
		}
		return rows;
	}
}
