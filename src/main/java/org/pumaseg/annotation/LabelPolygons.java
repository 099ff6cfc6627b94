package org.pumaseg.annotation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.union.UnaryUnionOp;
import org.locationtech.jts.simplify.DouglasPeuckerSimplifier;

/**
 * Label image to polygons: each label becomes the union of its pixel squares, so outlines run
 * along pixel corners and {@link Rasterization} of the result gives back exactly the same pixels.
 * A label whose pixels touch only at corners, or form several pieces, becomes a multi-polygon;
 * enclosed background becomes holes.
 */
public final class LabelPolygons {

	private LabelPolygons() {}

	/**
	 * Outlines of every label other than 0.
	 *
	 * @param labels row-major, {@code width * height} long
	 * @return polygon or multi-polygon per label, in ascending label order
	 */
	public static Map<Integer, Geometry> fromLabelImage(int[] labels, int width, int height) {
		if ((long) width * height != labels.length) {
			throw new IllegalArgumentException("Label array of length " + labels.length +
				" does not match " + width + " x " + height + ".");
		}
		// Runs of equal labels along rows, as rectangles; far fewer than pixels to union.
		Map<Integer, List<Geometry>> runs = new TreeMap<>();
		for (int y = 0; y < height; y++) {
			int x = 0;
			while (x < width) {
				int label = labels[y * width + x];
				int start = x;
				while (x < width && labels[y * width + x] == label) {
					x++;
				}
				if (label != 0) {
					runs.computeIfAbsent(label, key -> new ArrayList<>()).add(rectangle(start, y, x,
						y + 1));
				}
			}
		}

		Map<Integer, Geometry> outlines = new LinkedHashMap<>();
		for (Map.Entry<Integer, List<Geometry>> entry : runs.entrySet()) {
			Geometry union = UnaryUnionOp.union(entry.getValue());
			// Tolerance 0 removes only the collinear vertices left where runs were joined.
			outlines.put(entry.getKey(), DouglasPeuckerSimplifier.simplify(union, 0));
		}
		return outlines;
	}

	private static Polygon rectangle(double x0, double y0, double x1, double y1) {
		return PolygonParsing.FACTORY.createPolygon(new Coordinate[] {
			new Coordinate(x0, y0),
			new Coordinate(x1, y0),
			new Coordinate(x1, y1),
			new Coordinate(x0, y1),
			new Coordinate(x0, y0) });
	}
}
