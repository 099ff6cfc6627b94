package org.pumaseg.annotation;

import java.nio.file.Path;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

import org.pumaseg.InvalidInputException;

/**
 * Reads an annotation file in any supported format: GeoJSON and challenge JSON are recognised by
 * their content, Aperio ImageScope XML (MoNuSeg) by the {@code .xml} extension.
 */
public final class AnnotationFiles {

	private AnnotationFiles() {}

	/** Reads a GeoJSON or challenge JSON file with {@link Validation#STRICT} checks. */
	public static AnnotationFile read(Path file) {
		return read(file, Validation.STRICT);
	}

	/**
	 * Reads a GeoJSON, challenge JSON or Aperio XML file. GeoJSON is a FeatureCollection, a
	 * Feature or an array of features; challenge JSON is an object with a {@code polygons}
	 * array. Aperio XML outlines all get the class {@link AperioXml#NUCLEUS}, which only
	 * {@link Track#DETECTION} scores; their degenerate regions are skipped whatever the
	 * validation, as {@link AperioXml#read} does for training.
	 */
	public static AnnotationFile read(Path file, Validation validation) {
		String name = file.getFileName().toString();
		if (name.toLowerCase(Locale.ROOT).endsWith(".xml")) {
			AperioXml.Outlines outlines = AperioXml.read(file);
			return new AnnotationFile(name, AnnotationFormat.APERIO_XML, outlines.nuclei(),
				outlines.skippedRegions());
		}
		JsonNode root = JsonInput.parse(file);
		String source = file.getFileName().toString();
		return switch (detect(root, source)) {
			case GEOJSON -> GeoJsonFormat.fromJson(root, source, validation);
			case CHALLENGE_JSON -> ChallengeJsonFormat.fromJson(root, source, validation);
			case APERIO_XML -> throw new IllegalStateException("JSON detected as XML: " + source);
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
