package org.pumaseg.annotation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.PolygonExtracter;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;
import org.pumaseg.InvalidInputException;

/**
 * Turns JSON position arrays into JTS polygons with the checks of a {@link Validation} level.
 * <p>
 * Rings are stored closed. A ring given open (the challenge JSON always is) gets a copy of its
 * first vertex appended, so removing the last vertex of a stored ring gives back exactly the
 * vertices of the file, which is what the official centroid is computed from.
 */
final class PolygonParsing {

	static final GeometryFactory FACTORY = new GeometryFactory();

	private PolygonParsing() {}

	/** Reads {@code [[x, y], ...]} or {@code [[x, y, z], ...]}; z is ignored. */
	static List<Coordinate> positions(JsonNode array, String where) {
		if (array == null || !array.isArray()) {
			throw new InvalidInputException(where + ": expected an array of [x, y] positions but " +
				"found " + JsonInput.describe(array) + ". Fix or remove this object.");
		}
		List<Coordinate> coordinates = new ArrayList<>(array.size());
		for (int i = 0; i < array.size(); i++) {
			JsonNode position = array.get(i);
			if (!position.isArray() || position.size() < 2 || !position.get(0).isNumber() ||
				!position.get(1).isNumber())
			{
				throw new InvalidInputException(where + ": vertex " + (i + 1) +
					" is not a position [x, y] of numbers but " + JsonInput.describe(position) +
					". Fix or remove this object.");
			}
			double x = position.get(0).doubleValue();
			double y = position.get(1).doubleValue();
			if (!Double.isFinite(x) || !Double.isFinite(y)) {
				throw new InvalidInputException(where + ": vertex " + (i + 1) + " has coordinate (" +
					x + ", " + y + "), which is not a finite number. Fix the coordinate or " +
					"remove this object.");
			}
			coordinates.add(new Coordinate(x, y));
		}
		return coordinates;
	}

	/**
	 * Builds a polygon from an outer ring and holes.
	 *
	 * @param dropClosingVertex true when a ring whose last vertex repeats its first is closed
	 *        (GeoJSON); false when every given vertex counts (challenge JSON, whose rings are open
	 *        and where the official centroid averages every listed vertex)
	 * @return the polygon, or null when {@link Validation#EVALUATION} skips it for having fewer
	 *         than 3 vertices
	 */
	static Polygon polygon(List<List<Coordinate>> rings, String where, Validation validation,
		boolean dropClosingVertex)
	{
		if (rings.isEmpty()) {
			throw new InvalidInputException(where + ": the polygon has no rings. Give it an outer " +
				"ring of at least 3 vertices or remove it.");
		}
		LinearRing shell = ring(rings.get(0), where, "outer ring", validation,
			dropClosingVertex);
		if (shell == null) {
			return null;
		}
		List<LinearRing> holes = new ArrayList<>();
		for (int i = 1; i < rings.size(); i++) {
			LinearRing hole = ring(rings.get(i), where, "hole " + i, validation,
				dropClosingVertex);
			// A degenerate hole covers no area, so the evaluation can ignore it.
			if (hole != null) {
				holes.add(hole);
			}
		}
		return FACTORY.createPolygon(shell, holes.toArray(new LinearRing[0]));
	}

	/**
	 * Applies a validation level to a parsed polygon or multi-polygon.
	 *
	 * @return the geometry, repaired for {@link Validation#REPAIR}; null when repair leaves no
	 *         area
	 */
	static Geometry check(Geometry geometry, String where, Validation validation) {
		switch (validation) {
			case STRICT:
				requireValid(geometry, where);
				return geometry;
			case REPAIR:
				if (geometry.isValid()) {
					return geometry;
				}
				Geometry fixed = polygonal(GeometryFixer.fix(geometry));
				return fixed.isEmpty() || fixed.getArea() == 0 ? null : fixed;
			default:
				return geometry;
		}
	}

	/** Keeps the polygons of a geometry, as a Polygon or a MultiPolygon. */
	private static Geometry polygonal(Geometry geometry) {
		if (geometry instanceof Polygon || geometry instanceof MultiPolygon) {
			return geometry;
		}
		List<Polygon> polygons = new ArrayList<>();
		PolygonExtracter.getPolygons(geometry, polygons);
		if (polygons.size() == 1) {
			return polygons.get(0);
		}
		return FACTORY.createMultiPolygon(polygons.toArray(new Polygon[0]));
	}

	/**
	 * Throws when {@code geometry} is not valid in the JTS (OGC) sense, except for a ring that
	 * touches itself at a vertex: contour tracers produce those (the organisers' example outputs
	 * contain them), QuPath opens them, and they still enclose a well-defined area.
	 */
	static void requireValid(Geometry geometry, String where) {
		TopologyValidationError error = new IsValidOp(geometry).getValidationError();
		if (error != null && error.getErrorType() != TopologyValidationError.RING_SELF_INTERSECTION) {
			Coordinate at = error.getCoordinate();
			String place = at == null ? "" : " near (" + at.x + ", " + at.y + ")";
			throw new InvalidInputException(where + ": the outline is not a valid polygon (" +
				error.getMessage().toLowerCase(java.util.Locale.ROOT) + place +
				"). Redraw the outline so that it does not cross itself, or remove this object.");
		}
	}

	private static LinearRing ring(List<Coordinate> given, String where, String ringName,
		Validation validation, boolean dropClosingVertex)
	{
		List<Coordinate> open = new ArrayList<>(given);
		if (dropClosingVertex && open.size() > 1 && open.get(0).equals2D(open.get(open.size() - 1))) {
			open.remove(open.size() - 1);
		}
		if (open.size() < 3) {
			if (validation != Validation.STRICT) {
				return null;
			}
			throw new InvalidInputException(where + ": the " + ringName + " has " + open.size() +
				" vertices; a polygon needs at least 3. Remove this object or redraw it.");
		}
		if (validation == Validation.STRICT && distinctCount(open) < 3) {
			throw new InvalidInputException(where + ": the " + ringName + " has fewer than 3 " +
				"distinct vertices, so it encloses no area. Remove this object or redraw it.");
		}
		Coordinate[] closed = new Coordinate[open.size() + 1];
		for (int i = 0; i < open.size(); i++) {
			closed[i] = open.get(i);
		}
		closed[open.size()] = new Coordinate(open.get(0));
		return FACTORY.createLinearRing(closed);
	}

	private static int distinctCount(List<Coordinate> coordinates) {
		Set<Coordinate> distinct = new HashSet<>(coordinates);
		return distinct.size();
	}
}
