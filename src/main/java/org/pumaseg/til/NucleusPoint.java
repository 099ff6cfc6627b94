package org.pumaseg.til;

import java.util.Objects;

/**
 * A nucleus reduced to its centroid, in pixel coordinates of the ROI (x is the column and y the
 * row, origin at the top-left corner of the top-left pixel).
 *
 * @param className the PUMA class name, e.g. {@code nuclei_plasma_cell} or {@code nuclei_other}
 * @param type the TIL role of that class
 * @param x centroid column in pixels
 * @param y centroid row in pixels
 */
public record NucleusPoint(String className, CellType type, double x, double y) {

	public NucleusPoint {
		Objects.requireNonNull(className);
		Objects.requireNonNull(type);
		if (!Double.isFinite(x) || !Double.isFinite(y)) {
			throw new IllegalArgumentException("Nucleus centroid must be finite, got (" + x + ", " +
				y + ").");
		}
	}
}
