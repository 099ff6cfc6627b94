package org.pumaseg.annotation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import org.pumaseg.InvalidInputException;

/** JSON parsing with error messages that name the file and the place of the problem. */
final class JsonInput {

	/**
	 * Accepts the NaN and Infinity tokens that Python's json module writes, so that such a
	 * coordinate is reported as a bad coordinate of a named feature rather than as a parse error.
	 */
	static final ObjectMapper MAPPER = JsonMapper.builder().enable(
		JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

	private JsonInput() {}

	static JsonNode parse(Path file) {
		try (InputStream in = Files.newInputStream(file)) {
			return parse(in, file.toString());
		}
		catch (NoSuchFileException e) {
			throw new InvalidInputException("Annotation file not found: " + file +
				". Check the path.", e);
		}
		catch (IOException e) {
			throw new InvalidInputException("Could not read annotation file " + file + ": " + e
				.getMessage(), e);
		}
	}

	static JsonNode parse(InputStream in, String source) throws IOException {
		try {
			JsonNode root = MAPPER.readTree(in);
			if (root == null || root.isMissingNode()) {
				throw new InvalidInputException("Annotation file " + source +
					" is empty. Write a GeoJSON FeatureCollection (it may have no features) or a " +
					"challenge \"Multiple polygons\" JSON.");
			}
			return root;
		}
		catch (JsonProcessingException e) {
			JsonLocation where = e.getLocation();
			String place = where == null ? "" : " at line " + where.getLineNr() + ", column " +
				where.getColumnNr();
			throw new InvalidInputException("Annotation file " + source + " is not valid JSON" +
				place + ": " + e.getOriginalMessage() +
				". Fix the file (for example re-export it from QuPath).", e);
		}
	}

	/** Names a feature for messages, e.g. "feature 13 of 671 in roi.geojson". */
	static String feature(String noun, int index, int count, String source) {
		return noun + " " + (index + 1) + " of " + count + " in " + source;
	}

	static String describe(JsonNode node) {
		if (node == null || node.isMissingNode()) {
			return "missing";
		}
		if (node.isNull()) {
			return "null";
		}
		String text = node.toString();
		String shortText = text.length() > 60 ? text.substring(0, 57) + "..." : text;
		return node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT) + " " + shortText;
	}
}
