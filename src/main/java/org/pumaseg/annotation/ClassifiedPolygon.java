package org.pumaseg.annotation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;

/**
 * One classified object: a nucleus or a tissue region, as a polygon (with holes) or a
 * multi-polygon, in pixel coordinates (x = column, y = row, origin at the top-left corner of
 * the top-left pixel).
 * <p>
 * {@code probability} and {@code score} are kept apart because the challenge JSON carries both
 * and the official evaluation ranks candidate matches by {@code score} alone (1 when absent);
 * either is NaN when the file does not give it.
 *
 * @param id the feature id (a UUID in QuPath files), or null
 * @param className a PUMA class name such as {@code nuclei_tumor} or {@code tissue_stroma}
 * @param geometry a {@link Polygon} or {@link MultiPolygon}
 * @param objectType detection (nuclei found by a model) or annotation (drawn regions)
 * @param probability class probability in [0, 1], or NaN
 * @param score matching score used by the official evaluation, or NaN
 * @param measurements named measurements (QuPath style), in insertion order; never null
 */
public record ClassifiedPolygon(String id, String className, Geometry geometry,
	ObjectType objectType, double probability, double score, Map<String, Double> measurements)
{

	public ClassifiedPolygon {
		Objects.requireNonNull(className, "className");
		Objects.requireNonNull(geometry, "geometry");
		Objects.requireNonNull(objectType, "objectType");
		if (!(geometry instanceof Polygon) && !(geometry instanceof MultiPolygon)) {
			throw new IllegalArgumentException("Geometry must be a Polygon or MultiPolygon, got " +
				geometry.getGeometryType() + ".");
		}
		measurements = measurements == null ? Map.of() : Collections.unmodifiableMap(
			new LinkedHashMap<>(measurements));
	}

	/** A nucleus found by a model: a detection whose score equals its class probability. */
	public static ClassifiedPolygon detection(String className, Geometry geometry,
		double probability)
	{
		return new ClassifiedPolygon(null, className, geometry, ObjectType.DETECTION, probability,
			probability, Map.of());
	}

	/** A drawn region (or a ground-truth nucleus) without probability or score. */
	public static ClassifiedPolygon annotation(String className, Geometry geometry) {
		return new ClassifiedPolygon(null, className, geometry, ObjectType.ANNOTATION, Double.NaN,
			Double.NaN, Map.of());
	}

	public boolean hasProbability() {
		return !Double.isNaN(probability);
	}

	public boolean hasScore() {
		return !Double.isNaN(score);
	}

	/** The polygons of this object: itself, or each part of a multi-polygon. */
	public List<Polygon> parts() {
		List<Polygon> parts = new ArrayList<>();
		for (int i = 0; i < geometry.getNumGeometries(); i++) {
			parts.add((Polygon) geometry.getGeometryN(i));
		}
		return parts;
	}

	/** The same object with another class name (e.g. mapped to a track-1 class). */
	public ClassifiedPolygon withClassName(String newClassName) {
		return new ClassifiedPolygon(id, newClassName, geometry, objectType, probability, score,
			measurements);
	}
}
