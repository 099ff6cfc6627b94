package org.pumaseg.nuclei;

import java.util.Objects;

import org.locationtech.jts.geom.Geometry;

/**
 * One decoded nucleus, in pixels of the decoded maps: x is the column and y the row, pixel
 * (x, y) covering [x, x + 1) × [y, y + 1).
 *
 * @param label the nucleus' value in the label image (1, 2, ...)
 * @param className the voted class name, as the model names it, or null without class maps
 * @param probability share of the voted class in the instance's summed class probabilities,
 *          in [0, 1]; NaN without class maps
 * @param outline the pixel-exact outline (Polygon, or MultiPolygon for several parts)
 * @param centroidX mean x of the pixel centres
 * @param centroidY mean y of the pixel centres
 * @param areaPixels number of pixels
 */
public record NucleusInstance(int label, String className, double probability,
	Geometry outline, double centroidX, double centroidY, long areaPixels)
{

	public NucleusInstance {
		Objects.requireNonNull(outline, "outline");
	}

	/** True when the maps had classes to vote on. */
	public boolean hasClass() {
		return className != null;
	}
}
