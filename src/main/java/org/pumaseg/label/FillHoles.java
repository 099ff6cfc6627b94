package org.pumaseg.label;

import java.util.Arrays;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.BooleanArray;
import net.imglib2.type.BooleanType;
import net.imglib2.type.logic.NativeBoolType;

import org.pumaseg.Progress;

/**
 * Fills holes: background regions enclosed by an object.
 * <p>
 * A hole is a connected component of background that does not touch the image border.
 * Background is connected with the {@link Connectivity#complement() complement} of the
 * objects' connectivity, which is what makes a closed outline closed: an 8-connected ring
 * encloses a 4-connected hole even where the ring only touches at corners, while a 4-connected
 * ring with a corner gap lets 8-connected background leak out. Same definition as MorphoLibJ's
 * and SciPy's {@code binary_fill_holes} (for 8-connected objects).
 * <p>
 * Own code: a linear breadth-first flood with an int queue (no recursion), or one
 * connected-components pass for label images.
 */
public final class FillHoles {

	private FillHoles() {}

	/**
	 * The mask with its holes set to true.
	 *
	 * @param objects connectivity of the objects (true pixels)
	 */
	public static ArrayImg<NativeBoolType, BooleanArray> binary(
		RandomAccessibleInterval<? extends BooleanType<?>> mask, Connectivity objects)
	{
		int[] size = Pixels.size2d(mask);
		int width = size[0];
		int height = size[1];
		boolean[] filled = new boolean[width * height];
		Pixels.forEachTrue(mask, i -> filled[i] = true);

		// Flood the background from the border; what it cannot reach is a hole.
		Connectivity background = objects.complement();
		int[] offsets = background.offsets(width);
		boolean[] outside = new boolean[filled.length];
		int[] queue = new int[Math.max(1, 2 * (width + height))];
		int head = 0;
		int tail = 0;
		for (int p = 0; p < filled.length; p++) {
			int x = p % width;
			int y = p / width;
			boolean border = x == 0 || y == 0 || x == width - 1 || y == height - 1;
			if (border && !filled[p] && !outside[p]) {
				outside[p] = true;
				queue = ensureCapacity(queue, tail);
				queue[tail++] = p;
			}
			if (y > 0 && y < height - 1 && x == 0 && width > 1) {
				p += width - 2; // skip to the last pixel of the row
			}
		}
		while (head < tail) {
			int p = queue[head++];
			int x = p % width;
			int y = p / width;
			for (int k = 0; k < offsets.length; k++) {
				if (background.hasNeighbour(k, x, y, width, height)) {
					int q = p + offsets[k];
					if (!filled[q] && !outside[q]) {
						outside[q] = true;
						queue = ensureCapacity(queue, tail);
						queue[tail++] = q;
					}
				}
			}
		}
		for (int p = 0; p < filled.length; p++) {
			filled[p] = !outside[p];
		}
		return ArrayImgs.booleans(filled, width, height);
	}

	/**
	 * A copy of {@code labels} where each background hole whose neighbours all carry the same
	 * label takes that label. A hole that touches two labels, or that encloses another object
	 * (so that its neighbours include that object's label), is left as it is.
	 *
	 * @param objects connectivity of the objects
	 */
	public static LabelImage perLabel(LabelImage labels, Connectivity objects) {
		int width = labels.width();
		int height = labels.height();
		int[] source = labels.labels();
		int[] result = source.clone();

		// Background components, with the connectivity of background.
		Connectivity background = objects.complement();
		int[] holes = new int[source.length];
		for (int p = 0; p < source.length; p++) {
			holes[p] = source[p] == 0 ? 1 : 0;
		}
		int count = ConnectedComponents.labelNonZero(holes, width, height, background,
			Progress.none());

		// Per component: the one neighbouring label, 0 while none seen, -1 for none possible.
		int[] enclosing = new int[count + 1];
		int[] offsets = background.offsets(width);
		for (int p = 0; p < source.length; p++) {
			int hole = holes[p];
			if (hole == 0 || enclosing[hole] < 0) {
				continue;
			}
			int x = p % width;
			int y = p / width;
			if (x == 0 || y == 0 || x == width - 1 || y == height - 1) {
				enclosing[hole] = -1;
				continue;
			}
			for (int k = 0; k < offsets.length; k++) {
				int label = source[p + offsets[k]];
				if (label != 0) {
					if (enclosing[hole] == 0) {
						enclosing[hole] = label;
					}
					else if (enclosing[hole] != label) {
						enclosing[hole] = -1;
						break;
					}
				}
			}
		}
		for (int p = 0; p < source.length; p++) {
			int hole = holes[p];
			if (hole != 0 && enclosing[hole] > 0) {
				result[p] = enclosing[hole];
			}
		}
		return LabelImage.wrap(result, width, height);
	}

	private static int[] ensureCapacity(int[] queue, int size) {
		if (size < queue.length) {
			return queue;
		}
		return Arrays.copyOf(queue, (int) Math.min(Integer.MAX_VALUE - 8, 2L *
			queue.length));
	}
}
