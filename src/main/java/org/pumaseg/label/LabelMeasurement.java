package org.pumaseg.label;

/**
 * Measurements of one object of a label image, in pixel units; see {@link LabelMeasurements}.
 *
 * @param label the object's label
 * @param area number of pixels
 * @param centroidX mean of the pixel centres' x, pixel (x, y) having its centre at x + 0.5
 * @param centroidY mean of the pixel centres' y
 * @param xMin leftmost column (pixel index, inclusive)
 * @param yMin top row (inclusive)
 * @param xMax rightmost column (inclusive)
 * @param yMax bottom row (inclusive)
 * @param perimeter Crofton estimate of the outline length, in pixels (see
 *          {@link LabelMeasurements})
 * @param meanIntensity mean of the second image over the object, NaN when there is none
 */
public record LabelMeasurement(int label, long area, double centroidX, double centroidY,
	int xMin, int yMin, int xMax, int yMax, double perimeter, double meanIntensity)
{

	/** Width of the bounding box, in pixels. */
	public int boxWidth() {
		return xMax - xMin + 1;
	}

	/** Height of the bounding box, in pixels. */
	public int boxHeight() {
		return yMax - yMin + 1;
	}
}
