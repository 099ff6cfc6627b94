package org.pumaseg.label;

import java.util.Objects;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;

/**
 * The outline of one object: a {@link Polygon}, or a {@link MultiPolygon} when its pixels
 * form several pieces or touch only at corners. Coordinates are in pixels, with pixel corners
 * at integers (see {@link LabelImage}).
 *
 * @param label the object's label, > 0
 * @param geometry a Polygon or MultiPolygon
 */
public record LabelPolygon(int label, Geometry geometry) {

	public LabelPolygon {
		Objects.requireNonNull(geometry);
		if (label <= 0) {
			throw new IllegalArgumentException("Label must be > 0, got " + label + ".");
		}
		if (!(geometry instanceof Polygon || geometry instanceof MultiPolygon)) {
			throw new IllegalArgumentException("Label " + label + " has a " + geometry
				.getGeometryType() + "; only Polygon and MultiPolygon are outlines.");
		}
	}
}
