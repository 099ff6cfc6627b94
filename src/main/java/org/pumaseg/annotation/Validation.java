package org.pumaseg.annotation;

/**
 * How strictly readers check polygons. Both levels reject malformed JSON, wrong types,
 * missing fields, unknown class names and NaN or infinite coordinates.
 */
public enum Validation {

	/**
	 * Rejects polygons with fewer than 3 distinct vertices and geometries that JTS finds
	 * invalid (self-intersections, holes outside their shell). For files that are edited,
	 * rasterised or passed on.
	 */
	STRICT,

	/**
	 * Repairs invalid outlines with JTS's GeometryFixer instead of rejecting them (a
	 * self-intersecting ring may become a multi-polygon) and skips polygons that have fewer than
	 * 3 vertices or no area left. For converting other tools' output, such as challenge JSON
	 * traced from masks, whose rings often double back on themselves along an edge.
	 */
	REPAIR,

	/**
	 * The tolerance of the official PUMA evaluation: polygons whose ring has fewer than 3
	 * vertices (without the closing vertex) are skipped and counted, and other shapes are kept
	 * as they are, even self-intersecting ones, because only their vertices are used.
	 */
	EVALUATION
}
