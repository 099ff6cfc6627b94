package org.pumaseg.annotation;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.pumaseg.OutputFiles;
import org.pumaseg.InvalidInputException;

/**
 * Reads and writes QuPath / PUMA GeoJSON.
 * <p>
 * Read: a FeatureCollection, or a bare array of features as QuPath exports without the
 * "FeatureCollection" option, possibly on a single line. Each feature needs a Polygon or
 * MultiPolygon geometry (holes allowed, coordinates may be fractional) and a class in
 * {@code properties.classification.name}, one of {@link ClassNames#knownNames()}. Colours are
 * ignored because PUMA files give one class different colours. {@code probability} and
 * {@code score} are taken from {@code properties.measurements} (a name-to-number object, or
 * the older list of {name, value}).
 * <p>
 * Write: a FeatureCollection with closed rings, {@code objectType}, {@code classification}
 * {name, color} and {@code measurements}, the structure QuPath 0.5 and 0.6 import. Only valid
 * geometries are written.
 */
public final class GeoJsonFormat {

	static final String PROBABILITY = "probability";
	static final String SCORE = "score";

	private GeoJsonFormat() {}

	/** Reads a GeoJSON file with {@link Validation#STRICT} checks. */
	public static AnnotationFile read(Path file) {
		return read(file, Validation.STRICT);
	}

	public static AnnotationFile read(Path file, Validation validation) {
		return fromJson(JsonInput.parse(file), file.getFileName().toString(), validation);
	}

	/** Reads GeoJSON that was already parsed; {@code source} names it in messages. */
	static AnnotationFile fromJson(JsonNode root, String source, Validation validation) {
		JsonNode features = featureArray(root, source);
		List<ClassifiedPolygon> objects = new ArrayList<>(features.size());
		int skipped = 0;
		for (int i = 0; i < features.size(); i++) {
			String where = JsonInput.feature("feature", i, features.size(), source);
			FeatureReading reading = readFeature(features.get(i), where, validation);
			skipped += reading.skippedPolygons;
			if (reading.object != null) {
				objects.add(reading.object);
			}
		}
		return new AnnotationFile(source, AnnotationFormat.GEOJSON, objects, skipped);
	}

	/** Writes {@code objects} as a FeatureCollection, replacing {@code file} atomically. */
	public static void write(Path file, List<ClassifiedPolygon> objects) {
		checkWritable(objects, file);
		OutputFiles.write(file, out -> writeTo(out, objects));
	}

	/** Writes {@code objects} as a FeatureCollection to a stream, which is left open. */
	public static void writeTo(OutputStream out, List<ClassifiedPolygon> objects)
		throws IOException
	{
		try (JsonGenerator json = JsonInput.MAPPER.getFactory().createGenerator(out,
			JsonEncoding.UTF8))
		{
			json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
			json.writeStartObject();
			json.writeStringField("type", "FeatureCollection");
			json.writeArrayFieldStart("features");
			for (ClassifiedPolygon object : objects) {
				writeFeature(json, object);
			}
			json.writeEndArray();
			json.writeEndObject();
		}
	}

	private static JsonNode featureArray(JsonNode root, String source) {
		if (root.isArray()) {
			return root;
		}
		String type = root.path("type").asText("");
		if ("Feature".equals(type)) {
			return JsonInput.MAPPER.createArrayNode().add(root);
		}
		if (!"FeatureCollection".equals(type) || !root.path("features").isArray()) {
			throw new InvalidInputException("Annotation file " + source + " is not a GeoJSON " +
				"FeatureCollection (its \"type\" is " + JsonInput.describe(root.get("type")) +
				" and it needs a \"features\" array). Export the objects from QuPath as GeoJSON.");
		}
		return root.get("features");
	}

	private record FeatureReading(ClassifiedPolygon object, int skippedPolygons) {}

	private static FeatureReading readFeature(JsonNode feature, String where,
		Validation validation)
	{
		if (!feature.isObject()) {
			throw new InvalidInputException(where + " is not a GeoJSON Feature object but " +
				JsonInput.describe(feature) + ". Remove it.");
		}
		JsonNode properties = feature.path("properties");
		String className = className(properties, where);

		JsonNode geometryNode = feature.get("geometry");
		if (geometryNode == null || !geometryNode.isObject()) {
			throw new InvalidInputException(where + " (" + className + ") has no geometry (" +
				JsonInput.describe(geometryNode) + "). Give it a Polygon or remove it.");
		}
		String geometryType = geometryNode.path("type").asText("");
		JsonNode coordinates = geometryNode.get("coordinates");
		List<Polygon> polygons = new ArrayList<>();
		int requested;
		if ("Polygon".equals(geometryType)) {
			requested = 1;
			addPolygon(polygons, coordinates, where, validation);
		}
		else if ("MultiPolygon".equals(geometryType)) {
			if (coordinates == null || !coordinates.isArray()) {
				throw new InvalidInputException(where + ": MultiPolygon coordinates must be an " +
					"array of polygons but are " + JsonInput.describe(coordinates) + ".");
			}
			requested = coordinates.size();
			for (int part = 0; part < coordinates.size(); part++) {
				addPolygon(polygons, coordinates.get(part), where + ", part " + (part + 1),
					validation);
			}
		}
		else {
			throw new InvalidInputException(where + " (" + className + ") has a " + (geometryType
				.isEmpty() ? "missing" : geometryType) + " geometry; only Polygon and " +
				"MultiPolygon outlines are supported. Convert it to a polygon outline or remove " +
				"it.");
		}
		int skipped = requested - polygons.size();
		if (polygons.isEmpty()) {
			return new FeatureReading(null, skipped);
		}

		Geometry geometry = "Polygon".equals(geometryType) ? polygons.get(0)
			: PolygonParsing.FACTORY.createMultiPolygon(polygons.toArray(new Polygon[0]));
		geometry = PolygonParsing.check(geometry, where + " (" + className + ")", validation);
		if (geometry == null) {
			return new FeatureReading(null, requested);
		}

		Map<String, Double> measurements = measurements(properties.get("measurements"));
		double probability = take(measurements, PROBABILITY);
		double score = take(measurements, SCORE);
		ObjectType objectType = ObjectType.fromJsonName(properties.path("objectType").asText(
			"annotation"));
		String id = feature.path("id").isValueNode() ? feature.get("id").asText() : null;
		ClassifiedPolygon object = new ClassifiedPolygon(id, className, geometry, objectType ==
			null ? ObjectType.ANNOTATION : objectType, probability, score, measurements);
		return new FeatureReading(object, skipped);
	}

	private static String className(JsonNode properties, String where) {
		JsonNode classification = properties.get("classification");
		JsonNode name = classification == null ? null : classification.get("name");
		if (name == null || !name.isTextual() || name.asText().isEmpty()) {
			throw new InvalidInputException(where + " has no class: " +
				"properties.classification.name is " + JsonInput.describe(name) +
				". Classify the object as one of " + ClassNames.knownNames() + ".");
		}
		String className = name.asText();
		if (!ClassNames.isKnown(className)) {
			throw new InvalidInputException(where + " has the unknown class \"" + className +
				"\". Rename it to one of " + ClassNames.knownNames() + ".");
		}
		return className;
	}

	private static void addPolygon(List<Polygon> polygons, JsonNode rings, String where,
		Validation validation)
	{
		if (rings == null || !rings.isArray()) {
			throw new InvalidInputException(where + ": Polygon coordinates must be an array of " +
				"rings but are " + JsonInput.describe(rings) + ". Fix or remove this object.");
		}
		List<List<Coordinate>> coordinates = new ArrayList<>();
		for (int i = 0; i < rings.size(); i++) {
			coordinates.add(PolygonParsing.positions(rings.get(i), where));
		}
		Polygon polygon = PolygonParsing.polygon(coordinates, where, validation, true);
		if (polygon != null) {
			polygons.add(polygon);
		}
	}

	private static Map<String, Double> measurements(JsonNode node) {
		Map<String, Double> measurements = new LinkedHashMap<>();
		if (node == null) {
			return measurements;
		}
		if (node.isObject()) {
			Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
			while (fields.hasNext()) {
				Map.Entry<String, JsonNode> field = fields.next();
				if (field.getValue().isNumber()) {
					measurements.put(field.getKey(), field.getValue().doubleValue());
				}
			}
		}
		else if (node.isArray()) {
			for (JsonNode entry : node) {
				if (entry.path("name").isTextual() && entry.path("value").isNumber()) {
					measurements.put(entry.get("name").asText(), entry.get("value").doubleValue());
				}
			}
		}
		return measurements;
	}

	/** Removes and returns a finite measurement, or returns NaN. */
	private static double take(Map<String, Double> measurements, String name) {
		Double value = measurements.remove(name);
		return value == null || !Double.isFinite(value) ? Double.NaN : value;
	}

	private static void checkWritable(List<ClassifiedPolygon> objects, Path file) {
		for (int i = 0; i < objects.size(); i++) {
			ClassifiedPolygon object = objects.get(i);
			String where = JsonInput.feature("object", i, objects.size(), "the objects for " +
				file.getFileName());
			for (Coordinate coordinate : object.geometry().getCoordinates()) {
				if (!Double.isFinite(coordinate.x) || !Double.isFinite(coordinate.y)) {
					throw new InvalidInputException(where + " has a coordinate that is not finite (" +
						coordinate.x + ", " + coordinate.y + "); nothing was written.");
				}
			}
			PolygonParsing.requireValid(object.geometry(), where + " (" + object.className() +
				")");
		}
	}

	private static void writeFeature(JsonGenerator json, ClassifiedPolygon object)
		throws IOException
	{
		json.writeStartObject();
		json.writeStringField("type", "Feature");
		json.writeStringField("id", object.id() != null ? object.id() : UUID.randomUUID()
			.toString());

		json.writeObjectFieldStart("geometry");
		Geometry geometry = object.geometry();
		if (geometry instanceof MultiPolygon) {
			json.writeStringField("type", "MultiPolygon");
			json.writeArrayFieldStart("coordinates");
			for (Polygon part : object.parts()) {
				writeRings(json, part);
			}
			json.writeEndArray();
		}
		else {
			json.writeStringField("type", "Polygon");
			json.writeFieldName("coordinates");
			writeRings(json, (Polygon) geometry);
		}
		json.writeEndObject();

		json.writeObjectFieldStart("properties");
		json.writeStringField("objectType", object.objectType().jsonName());
		json.writeObjectFieldStart("classification");
		json.writeStringField("name", object.className());
		json.writeArrayFieldStart("color");
		for (int channel : ClassNames.defaultColor(object.className())) {
			json.writeNumber(channel);
		}
		json.writeEndArray();
		json.writeEndObject();
		json.writeObjectFieldStart("measurements");
		for (Map.Entry<String, Double> measurement : object.measurements().entrySet()) {
			writeMeasurement(json, measurement.getKey(), measurement.getValue());
		}
		if (object.hasProbability()) {
			writeMeasurement(json, PROBABILITY, object.probability());
		}
		if (object.hasScore()) {
			writeMeasurement(json, SCORE, object.score());
		}
		json.writeEndObject();
		json.writeEndObject();

		json.writeEndObject();
	}

	private static void writeMeasurement(JsonGenerator json, String name, double value)
		throws IOException
	{
		// JSON has no NaN; QuPath reads a missing measurement as NaN.
		if (Double.isFinite(value)) {
			json.writeNumberField(name, value);
		}
	}

	private static void writeRings(JsonGenerator json, Polygon polygon) throws IOException {
		json.writeStartArray();
		writeRing(json, polygon.getExteriorRing());
		for (int i = 0; i < polygon.getNumInteriorRing(); i++) {
			writeRing(json, polygon.getInteriorRingN(i));
		}
		json.writeEndArray();
	}

	private static void writeRing(JsonGenerator json, LineString ring) throws IOException {
		json.writeStartArray();
		for (Coordinate coordinate : ring.getCoordinates()) {
			json.writeStartArray();
			writeCoordinate(json, coordinate.x);
			writeCoordinate(json, coordinate.y);
			json.writeEndArray();
		}
		json.writeEndArray();
	}

	/** Writes whole numbers without a fraction, as PUMA files do, and others exactly. */
	static void writeCoordinate(JsonGenerator json, double value) throws IOException {
		if (value == Math.rint(value) && Math.abs(value) < 1e15) {
			json.writeNumber((long) value);
		}
		else {
			json.writeNumber(value);
		}
	}
}
