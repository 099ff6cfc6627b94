package org.pumaseg.annotation;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.pumaseg.OutputFiles;
import org.pumaseg.InvalidInputException;

/**
 * Reads and writes the PUMA challenge's nuclei output, grand-challenge "Multiple polygons"
 * JSON: {@code {"type": "Multiple polygons", "polygons": [...], "version": {...}}}, each polygon
 * with {@code name} (class), {@code path_points} as an open ring of [x, y, z] points,
 * {@code seed_point}, {@code probability} and optionally {@code score}.
 * <p>
 * The official evaluation ranks candidate matches by {@code score} and ignores
 * {@code probability}, so the writer puts the object's score (when it has one) in
 * {@code score}. The format has no holes and no multi-polygons: each part of a multi-polygon is
 * written as its own polygon and holes are left out.
 */
public final class ChallengeJsonFormat {

	/** The z value of every point in the organisers' example files. */
	static final double Z = 0.5;

	private ChallengeJsonFormat() {}

	/** Reads a challenge JSON file with {@link Validation#STRICT} checks. */
	public static AnnotationFile read(Path file) {
		return read(file, Validation.STRICT);
	}

	public static AnnotationFile read(Path file, Validation validation) {
		return fromJson(JsonInput.parse(file), file.getFileName().toString(), validation);
	}

	static AnnotationFile fromJson(JsonNode root, String source, Validation validation) {
		JsonNode polygons = root.get("polygons");
		if (!root.isObject() || polygons == null || !polygons.isArray()) {
			throw new InvalidInputException("Annotation file " + source + " is not a challenge " +
				"\"Multiple polygons\" JSON: it needs a \"polygons\" array. Write the nuclei with " +
				"PumaSeg's challenge JSON writer or export them as GeoJSON.");
		}
		List<ClassifiedPolygon> objects = new ArrayList<>(polygons.size());
		int skipped = 0;
		for (int i = 0; i < polygons.size(); i++) {
			String where = JsonInput.feature("polygon", i, polygons.size(), source);
			ClassifiedPolygon object = readPolygon(polygons.get(i), where, validation);
			if (object == null) {
				skipped++;
			}
			else {
				objects.add(object);
			}
		}
		return new AnnotationFile(source, AnnotationFormat.CHALLENGE_JSON, objects, skipped);
	}

	/**
	 * Writes nuclei for one track, replacing {@code file} atomically. Class names are mapped to
	 * the track's classes (for track 1, e.g. {@code nuclei_plasma_cell} becomes
	 * {@code nuclei_lymphocyte}).
	 *
	 * @throws InvalidInputException when an object's class is not a nucleus class of the track
	 */
	public static void write(Path file, List<ClassifiedPolygon> objects, Track track) {
		List<ClassifiedPolygon> mapped = toTrack(objects, track, file.getFileName().toString());
		OutputFiles.write(file, out -> writeMapped(out, mapped));
	}

	/** Writes nuclei for one track to a stream, which is left open. */
	public static void writeTo(OutputStream out, List<ClassifiedPolygon> objects, Track track)
		throws IOException
	{
		writeMapped(out, toTrack(objects, track, "the output"));
	}

	private static ClassifiedPolygon readPolygon(JsonNode polygon, String where,
		Validation validation)
	{
		if (!polygon.isObject()) {
			throw new InvalidInputException(where + " is not an object but " + JsonInput.describe(
				polygon) + ". Remove it.");
		}
		JsonNode name = polygon.get("name");
		if (name == null || !name.isTextual()) {
			throw new InvalidInputException(where + " has no class: \"name\" is " + JsonInput
				.describe(name) + ". Set it to one of " + ClassNames.knownNames() + ".");
		}
		String className = name.asText();
		if (!ClassNames.isKnown(className)) {
			throw new InvalidInputException(where + " has the unknown class \"" + className +
				"\". Rename it to one of " + ClassNames.knownNames() + ".");
		}
		double probability = optionalNumber(polygon, "probability", where);
		double score = optionalNumber(polygon, "score", where);

		List<Coordinate> points = PolygonParsing.positions(polygon.get("path_points"), where +
			" (" + className + "), path_points");
		Polygon outline = PolygonParsing.polygon(List.of(points), where + " (" + className + ")",
			validation, false);
		if (outline == null) {
			return null;
		}
		Geometry geometry = PolygonParsing.check(outline, where + " (" + className + ")",
			validation);
		if (geometry == null) {
			return null;
		}
		return new ClassifiedPolygon(null, className, geometry, ObjectType.DETECTION, probability,
			score, null);
	}

	private static double optionalNumber(JsonNode polygon, String field, String where) {
		JsonNode value = polygon.get(field);
		if (value == null) {
			return Double.NaN;
		}
		if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
			throw new InvalidInputException(where + ": \"" + field + "\" must be a finite number " +
				"but is " + JsonInput.describe(value) + ". Fix it or leave the field out.");
		}
		return value.doubleValue();
	}

	private static List<ClassifiedPolygon> toTrack(List<ClassifiedPolygon> objects, Track track,
		String target)
	{
		List<ClassifiedPolygon> mapped = new ArrayList<>(objects.size());
		for (int i = 0; i < objects.size(); i++) {
			ClassifiedPolygon object = objects.get(i);
			String trackClass = track.toTrackClass(object.className());
			if (trackClass == null) {
				throw new InvalidInputException(JsonInput.feature("object", i, objects.size(),
					"the nuclei for " + target) + " has the class \"" + object.className() +
					"\", which PUMA track " + track.number() + " does not score. Track " + track
						.number() + " classes: " + track.classNames() + "; nothing was written.");
			}
			for (Coordinate coordinate : object.geometry().getCoordinates()) {
				if (!Double.isFinite(coordinate.x) || !Double.isFinite(coordinate.y)) {
					throw new InvalidInputException(JsonInput.feature("object", i, objects.size(),
						"the nuclei for " + target) + " has a coordinate that is not finite; " +
						"nothing was written.");
				}
			}
			mapped.add(object.withClassName(trackClass));
		}
		return mapped;
	}

	private static void writeMapped(OutputStream out, List<ClassifiedPolygon> objects)
		throws IOException
	{
		try (JsonGenerator json = JsonInput.MAPPER.getFactory().createGenerator(out,
			JsonEncoding.UTF8))
		{
			json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
			json.writeStartObject();
			json.writeStringField("type", "Multiple polygons");
			json.writeArrayFieldStart("polygons");
			for (ClassifiedPolygon object : objects) {
				for (Polygon part : object.parts()) {
					writePolygon(json, object, part);
				}
			}
			json.writeEndArray();
			json.writeObjectFieldStart("version");
			json.writeNumberField("major", 1);
			json.writeNumberField("minor", 0);
			json.writeEndObject();
			json.writeEndObject();
		}
	}

	private static void writePolygon(JsonGenerator json, ClassifiedPolygon object, Polygon part)
		throws IOException
	{
		Coordinate[] ring = part.getExteriorRing().getCoordinates();
		// The stored ring is closed; the challenge format lists each vertex once (open ring).
		int vertexCount = ring.length - 1;

		json.writeStartObject();
		json.writeStringField("name", object.className());
		json.writeFieldName("seed_point");
		writePoint(json, ring[0]);
		json.writeArrayFieldStart("path_points");
		for (int i = 0; i < vertexCount; i++) {
			writePoint(json, ring[i]);
		}
		json.writeEndArray();
		json.writeStringField("sub_type", "");
		json.writeArrayFieldStart("groups");
		json.writeEndArray();
		json.writeNumberField("probability", object.hasProbability() ? object.probability() : 1.0);
		if (object.hasScore()) {
			json.writeNumberField("score", object.score());
		}
		json.writeEndObject();
	}

	private static void writePoint(JsonGenerator json, Coordinate coordinate)
		throws IOException
	{
		json.writeStartArray();
		json.writeNumber(coordinate.x);
		json.writeNumber(coordinate.y);
		json.writeNumber(Z);
		json.writeEndArray();
	}
}
