package org.pumaseg.result;

import java.util.Objects;

import org.locationtech.jts.geom.Geometry;
import org.pumaseg.annotation.NucleusClass;
import org.pumaseg.annotation.TissueClass;
import org.pumaseg.annotation.Track;

/**
 * One segmented nucleus of a {@link PanopticResult}.
 * <p>
 * Coordinates are in pixels of the input image: x is the column and y the row, origin at the
 * top-left corner of the top-left pixel, so the centre of pixel (x, y) is (x + 0.5, y + 0.5).
 * Physical values come from the result's pixel size.
 *
 * @param id the nucleus id, equal to its value in the result's label image (1, 2, ...)
 * @param nucleusClass the predicted class (track 2; the track-1 group follows from it), or
 *          null when the nuclei model predicts no classes
 * @param probability the probability of the predicted class, in [0, 1]; NaN without a class
 * @param outline the outline in pixel coordinates (a Polygon, or a MultiPolygon when the
 *          instance has several parts)
 * @param centroidX centroid column in pixels (mean of pixel centres)
 * @param centroidY centroid row in pixels (mean of pixel centres)
 * @param areaPixels area in pixels
 * @param tissueClass tissue class of the pixel under the centroid, or null when the result has
 *          no tissue map or that pixel is background
 */
public record DetectedNucleus(int id, NucleusClass nucleusClass, double probability,
	Geometry outline, double centroidX, double centroidY, long areaPixels,
	TissueClass tissueClass)
{

	public DetectedNucleus {
		if (id < 1) {
			throw new IllegalArgumentException("Nucleus id must be at least 1, got " + id + ".");
		}
		Objects.requireNonNull(outline);
		boolean valid = nucleusClass == null ? Double.isNaN(probability) : probability >= 0 &&
			probability <= 1;
		if (!valid) {
			throw new IllegalArgumentException("Class probability must be in [0, 1] for a " +
				"classified nucleus and NaN for one without class, got " + probability + ".");
		}
	}

	/** Colour (RGB, 0-255) of nuclei without class in overlays and ROIs: yellow. */
	public static final int[] UNCLASSIFIED_COLOR = { 255, 255, 0 };

	/** True when the nuclei model predicted a class for this nucleus. */
	public boolean hasClass() {
		return nucleusClass != null;
	}

	/** Returns the track-2 class name, or {@value Track#NUCLEUS_NAME} without class. */
	public String className() {
		return nucleusClass == null ? Track.NUCLEUS_NAME : nucleusClass.className();
	}

	/** Returns the track-1 class name, or {@value Track#NUCLEUS_NAME} without class. */
	public String track1ClassName() {
		return nucleusClass == null ? Track.NUCLEUS_NAME : nucleusClass.track1ClassName();
	}

	/** Returns the class colour (RGB, 0-255), or {@link #UNCLASSIFIED_COLOR} without class. */
	public int[] color() {
		return nucleusClass == null ? UNCLASSIFIED_COLOR.clone() : nucleusClass.color();
	}

	/** Returns this nucleus placed in {@code tissue} (null for none). */
	public DetectedNucleus withTissueClass(TissueClass tissue) {
		return new DetectedNucleus(id, nucleusClass, probability, outline, centroidX, centroidY,
			areaPixels, tissue);
	}
}
