package org.pumaseg.label;

import java.util.Arrays;

/**
 * A binary min-heap of pixels keyed by (value, insertion order): equal values come out first in,
 * first out, so that flooding a plateau advances as a breadth-first front.
 * <p>
 * Each key is one long, with the sortable value in the high 32 bits and a 32-bit insertion
 * counter in the low ones. Pixel indices are in a parallel int array, so an entry takes 12
 * bytes and nothing is boxed.
 */
final class PixelHeap {

	private long[] keys;
	private int[] pixels;
	private int size;
	private long pushes;

	PixelHeap(int initialCapacity) {
		keys = new long[Math.max(16, initialCapacity)];
		pixels = new int[keys.length];
	}

	boolean isEmpty() {
		return size == 0;
	}

	void push(int pixel, float value) {
		if (size == keys.length) {
			int capacity = (int) Math.min(Integer.MAX_VALUE - 8, 2L * size);
			keys = Arrays.copyOf(keys, capacity);
			pixels = Arrays.copyOf(pixels, capacity);
		}
		if (pushes > 0xFFFFFFFFL) {
			throw new IllegalStateException("More than 2^32 pushes.");
		}
		long key = ((long) FloatKeys.sortable(value) << 32) | pushes++;
		int i = size++;
		while (i > 0) {
			int up = (i - 1) >>> 1;
			if (keys[up] <= key) {
				break;
			}
			keys[i] = keys[up];
			pixels[i] = pixels[up];
			i = up;
		}
		keys[i] = key;
		pixels[i] = pixel;
	}

	/** Removes and returns the pixel with the smallest key. */
	int pop() {
		int top = pixels[0];
		size--;
		if (size > 0) {
			long key = keys[size];
			int pixel = pixels[size];
			int i = 0;
			while (true) {
				int child = 2 * i + 1;
				if (child >= size) {
					break;
				}
				if (child + 1 < size && keys[child + 1] < keys[child]) {
					child++;
				}
				if (key <= keys[child]) {
					break;
				}
				keys[i] = keys[child];
				pixels[i] = pixels[child];
				i = child;
			}
			keys[i] = key;
			pixels[i] = pixel;
		}
		return top;
	}
}
