package org.pumaseg.annotation;

import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;

import org.pumaseg.InvalidInputException;

/** Reads an annotation file in either supported format, recognised by its content. */
public final class AnnotationFiles {

	private AnnotationFiles() {}

	/** Reads a GeoJSON or challenge JSON file with {@link Validation#STRICT} checks. */
	public static AnnotationFile read(Path file) {
		return read(file, Validation.STRICT);
	}

	/**
	 * Reads a GeoJSON or challenge JSON file. GeoJSON is a FeatureCollection, a Feature or an
	 * array of features; challenge JSON is an object with a {@code polygons} array.
	 */
	public static AnnotationFile read(Path file, Validation validation) {
		JsonNode root = JsonInput.parse(file);
		String source = file.getFileName().toString();
		return switch (detect(root, source)) {
			case GEOJSON -> GeoJsonFormat.fromJson(root, source, validation);
			case CHALLENGE_JSON -> ChallengeJsonFormat.fromJson(root, source, validation);
		};
	}

	static AnnotationFormat detect(JsonNode root, String source) {
		if (root.isArray()) {
			return AnnotationFormat.GEOJSON;
		}
		if (root.isObject()) {
			String type = root.path("type").asText("");
			if ("FeatureCollection".equals(type) || "Feature".equals(type)) {
				return AnnotationFormat.GEOJSON;
			}
			if (root.path("polygons").isArray()) {
				return AnnotationFormat.CHALLENGE_JSON;
			}
		}
		throw new InvalidInputException("Annotation file " + source + " is neither GeoJSON " +
			"(a FeatureCollection) nor challenge JSON (an object with a \"polygons\" array). " +
			"Export the objects from QuPath as GeoJSON, or write them with PumaSeg.");
	}
}
