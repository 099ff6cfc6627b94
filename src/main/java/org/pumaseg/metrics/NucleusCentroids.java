package org.pumaseg.metrics;

import java.util.ArrayList;
import java.util.List;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Polygon;
import org.pumaseg.InvalidInputException;
import org.pumaseg.annotation.ClassifiedPolygon;
import org.pumaseg.annotation.Track;

/**
 * Reduces objects to nuclei as the official PUMA evaluation does: each polygon (each part of a
 * multi-polygon counts as its own nucleus) becomes the arithmetic mean of its outer ring's
 * vertices, listed once (without the closing vertex) and holes ignored; polygons with fewer
 * than 3 vertices are dropped; the score is the object's {@code score}, or 1 when it has none
 * ({@code probability} is not used).
 */
final class NucleusCentroids {

	private NucleusCentroids() {}

	static List<Nucleus> of(List<ClassifiedPolygon> objects, Track track, String image,
		String role)
	{
		List<Nucleus> nuclei = new ArrayList<>(objects.size());
		for (int i = 0; i < objects.size(); i++) {
			ClassifiedPolygon object = objects.get(i);
			String className = trackClass(object, i, track, image, role);
			double score = object.hasScore() ? object.score() : 1.0;
			for (Polygon part : object.parts()) {
				Coordinate[] ring = part.getExteriorRing().getCoordinates();
				int vertexCount = ring.length - 1;
				if (vertexCount < 3) {
					continue;
				}
				// Sequential sum then division, as numpy's mean along axis 0 computes it.
				double sumX = 0;
				double sumY = 0;
				for (int k = 0; k < vertexCount; k++) {
					sumX += ring[k].x;
					sumY += ring[k].y;
				}
				nuclei.add(new Nucleus(className, sumX / vertexCount, sumY / vertexCount, score,
					nuclei.size()));
			}
		}
		return nuclei;
	}

	/**
	 * The track's class of object {@code index} (0-based) of an image.
	 *
	 * @throws InvalidInputException when the track does not score the object's class
	 */
	static String trackClass(ClassifiedPolygon object, int index, Track track, String image,
		String role)
	{
		String className = track.toTrackClass(object.className());
		if (className == null) {
			throw new InvalidInputException("Image " + image + ", " + role + " object " + (index +
				1) + " has the class \"" + object.className() + "\", which " + track.label() +
					" does not score. Its classes: " + track.classNames() + ". Evaluate nuclei " +
					"files only, with the matching track (--track detection for outlines without " +
					"classes).");
		}
		return className;
	}
}
