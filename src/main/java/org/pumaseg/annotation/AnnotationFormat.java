package org.pumaseg.annotation;

/** File formats for classified polygons. */
public enum AnnotationFormat {

	/** QuPath / PUMA GeoJSON: a FeatureCollection (or a bare array of features). */
	GEOJSON,

	/** The PUMA challenge's grand-challenge "Multiple polygons" JSON. */
	CHALLENGE_JSON,

	/** Aperio ImageScope XML outlines without classes, the MoNuSeg annotation format. */
	APERIO_XML
}
