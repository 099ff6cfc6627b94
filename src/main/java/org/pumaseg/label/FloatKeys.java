package org.pumaseg.label;

/** Floats as ints whose signed order is the floats' numeric order, for sorting and heaps. */
final class FloatKeys {

	private FloatKeys() {}

	/**
	 * A key with {@code sortable(a) < sortable(b)} exactly when {@code a < b}, for non-NaN
	 * floats; -0 and +0 get the same key.
	 */
	static int sortable(float value) {
		int bits = Float.floatToIntBits(value + 0.0f);
		return bits ^ ((bits >> 31) & 0x7FFFFFFF);
	}
}
