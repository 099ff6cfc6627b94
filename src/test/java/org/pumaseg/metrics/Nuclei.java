package org.pumaseg.metrics;

import java.util.Map;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.pumaseg.annotation.ClassifiedPolygon;
import org.pumaseg.annotation.ObjectType;

/** Builds test nuclei: squares of side 2 whose vertex mean is the given centre. */
final class Nuclei {

	private static final GeometryFactory FACTORY = new GeometryFactory();

	private Nuclei() {}

	static Polygon square(double cx, double cy) {
		return FACTORY.createPolygon(new Coordinate[] { new Coordinate(cx - 1, cy - 1),
			new Coordinate(cx + 1, cy - 1), new Coordinate(cx + 1, cy + 1), new Coordinate(cx - 1,
				cy + 1), new Coordinate(cx - 1, cy - 1) });
	}

	static ClassifiedPolygon truth(String className, double cx, double cy) {
		return ClassifiedPolygon.annotation(className, square(cx, cy));
	}

	/** A prediction without score (the official evaluation then uses 1). */
	static ClassifiedPolygon prediction(String className, double cx, double cy) {
		return new ClassifiedPolygon(null, className, square(cx, cy), ObjectType.DETECTION,
			Double.NaN, Double.NaN, Map.of());
	}

	static ClassifiedPolygon prediction(String className, double cx, double cy, double score) {
		return new ClassifiedPolygon(null, className, square(cx, cy), ObjectType.DETECTION,
			Double.NaN, score, Map.of());
	}
}
