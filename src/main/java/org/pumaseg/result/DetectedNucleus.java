package org.pumaseg.result;

import java.util.Objects;

import org.locationtech.jts.geom.Geometry;
import org.pumaseg.annotation.ClassNames;
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
 * @param nucleusClass the predicted class name as the nuclei model names it: one of the 10 PUMA
 *          classes (track 2, e.g. {@code nuclei_plasma_cell}) or the track-1 group
 *          {@value Track#OTHER_NAME}; null when the nuclei model predicts no classes
 * @param probability the probability of the predicted class, in [0, 1]; NaN without a class
 * @param outline the outline in pixel coordinates (a Polygon, or a MultiPolygon when the
 *          instance has several parts)
 * @param centroidX centroid column in pixels (mean of pixel centres)
 * @param centroidY centroid row in pixels (mean of pixel centres)
 * @param areaPixels area in pixels
 * @param tissueClass tissue class of the pixel under the centroid, or null when the result has
 *          no tissue map or that pixel is background
 */
public record DetectedNucleus(int id, String nucleusClass, double probability,
	Geometry outline, double centroidX, double centroidY, long areaPixels,
	TissueClass tissueClass)
{

	public DetectedNucleus {
		if (id < 1) {
			throw new IllegalArgumentException("Nucleus id must be at least 1, got " + id + ".");
		}
		Objects.requireNonNull(outline);
		if (nucleusClass != null && !isValidClass(nucleusClass)) {
			throw new IllegalArgumentException("Nucleus class must be one of the 10 PUMA nucleus " +
				"classes or " + Track.OTHER_NAME + ", got \"" + nucleusClass + "\".");
		}
		boolean valid = nucleusClass == null ? Double.isNaN(probability) : probability >= 0 &&
			probability <= 1;
		if (!valid) {
			throw new IllegalArgumentException("Class probability must be in [0, 1] for a " +
				"classified nucleus and NaN for one without class, got " + probability + ".");
		}
	}

	/**
	 * Tells whether {@code name} is a valid class of a detected nucleus: one of the 10 PUMA
	 * classes or the track-1 group {@value Track#OTHER_NAME}, the names that track 1 scores.
	 */
	public static boolean isValidClass(String name) {
		return Track.TRACK1.toTrackClass(name) != null;
	}

	/** True when the nuclei model predicted a class for this nucleus. */
	public boolean hasClass() {
		return nucleusClass != null;
	}

	/** Returns the predicted class name, or {@value Track#NUCLEUS_NAME} without class. */
	public String className() {
		return nucleusClass == null ? Track.NUCLEUS_NAME : nucleusClass;
	}

	/**
	 * Returns the track-1 class name (tumour, lymphocyte or other), or
	 * {@value Track#NUCLEUS_NAME} without class.
	 */
	public String track1ClassName() {
		return nucleusClass == null ? Track.NUCLEUS_NAME : Track.TRACK1.toTrackClass(
			nucleusClass);
	}

	/**
	 * Returns the default colour of the class (RGB, 0-255), yellow for
	 * {@value Track#NUCLEUS_NAME}.
	 */
	public int[] color() {
		return ClassNames.defaultColor(className());
	}

	/** Returns this nucleus placed in {@code tissue} (null for none). */
	public DetectedNucleus withTissueClass(TissueClass tissue) {
		return new DetectedNucleus(id, nucleusClass, probability, outline, centroidX, centroidY,
			areaPixels, tissue);
	}
}
