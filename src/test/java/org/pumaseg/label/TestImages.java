package org.pumaseg.label;

import java.util.Arrays;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.BooleanArray;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.logic.NativeBoolType;
import net.imglib2.type.numeric.real.FloatType;

/** Tiny images written as text, and large synthetic ones. */
final class TestImages {

	private TestImages() {}

	/** A mask from rows of '#' (true) and '.' (false). */
	static ArrayImg<NativeBoolType, BooleanArray> mask(String... rows) {
		int width = rows[0].length();
		boolean[] values = new boolean[width * rows.length];
		for (int y = 0; y < rows.length; y++) {
			for (int x = 0; x < width; x++) {
				values[x + y * width] = rows[y].charAt(x) == '#';
			}
		}
		return ArrayImgs.booleans(values, width, rows.length);
	}

	/** A label image from rows of '.' (0), '1'..'9' and 'a'..'z' (10..35). */
	static LabelImage labels(String... rows) {
		int width = rows[0].length();
		int[] values = new int[width * rows.length];
		for (int y = 0; y < rows.length; y++) {
			for (int x = 0; x < width; x++) {
				char c = rows[y].charAt(x);
				values[x + y * width] = c == '.' ? 0 : Character.digit(c, 36);
			}
		}
		return LabelImage.wrap(values, width, rows.length);
	}

	/** The label image as rows of text, the inverse of {@link #labels(String...)}. */
	static String[] text(LabelImage labels) {
		String[] rows = new String[labels.height()];
		for (int y = 0; y < labels.height(); y++) {
			StringBuilder row = new StringBuilder();
			for (int x = 0; x < labels.width(); x++) {
				int label = labels.get(x, y);
				row.append(label == 0 ? '.' : Character.forDigit(label, 36));
			}
			rows[y] = row.toString();
		}
		return rows;
	}

	static ArrayImg<NativeBoolType, BooleanArray> mask(boolean[] values, int width, int height) {
		return ArrayImgs.booleans(values, width, height);
	}

	static ArrayImg<FloatType, FloatArray> floats(float[] values, int width, int height) {
		return ArrayImgs.floats(values, width, height);
	}

	/** A one-row float image. */
	static ArrayImg<FloatType, FloatArray> row(float... values) {
		return ArrayImgs.floats(values.clone(), values.length, 1);
	}

	/**
	 * A one-pixel-wide path that zigzags through the whole image: every even row is full, and
	 * odd rows connect them alternately at the right and left end. A flood fill that recurses
	 * per pixel overflows the stack on it.
	 */
	static boolean[] serpentine(int width, int height) {
		boolean[] values = new boolean[width * height];
		for (int y = 0; y < height; y++) {
			if (y % 2 == 0) {
				Arrays.fill(values, y * width, (y + 1) * width, true);
			}
			else {
				int x = (y / 2) % 2 == 0 ? width - 1 : 0;
				values[x + y * width] = true;
			}
		}
		return values;
	}

	/** Pixels whose centre is within {@code radius} of (cx + 0.5, cy + 0.5). */
	static void disc(boolean[] values, int width, int cx, int cy, double radius) {
		int height = values.length / width;
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				double dx = x - cx;
				double dy = y - cy;
				if (dx * dx + dy * dy <= radius * radius) {
					values[x + y * width] = true;
				}
			}
		}
	}
}
