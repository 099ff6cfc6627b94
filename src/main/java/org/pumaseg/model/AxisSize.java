package org.pumaseg.model;

import java.util.Objects;

/**
 * The length of a tensor axis in the bioimage.io model format: a fixed number, a series
 * {@code min + n * step}, or the length of another axis (scaled by the ratio of the two axes'
 * {@code scale} and shifted by {@code offset}).
 */
public sealed interface AxisSize {

	/** Exactly {@code size} elements. */
	record Fixed(int size) implements AxisSize {}

	/** Any of {@code min}, {@code min + step}, {@code min + 2 step}, ... elements. */
	record Parameterized(int min, int step) implements AxisSize {

		/** The smallest valid size that is at least {@code size}. */
		public int atLeast(int size) {
			if (size <= min) {
				return min;
			}
			int steps = (size - min + step - 1) / step;
			return min + steps * step;
		}

		public boolean isValid(int size) {
			return size >= min && (size - min) % step == 0;
		}
	}

	/**
	 * As long as axis {@code axisId} of tensor {@code tensorId}:
	 * {@code size = reference size * reference scale / this scale + offset}.
	 */
	record Reference(String tensorId, String axisId, int offset) implements AxisSize {

		public Reference {
			Objects.requireNonNull(tensorId, "tensorId");
			Objects.requireNonNull(axisId, "axisId");
		}
	}
}
