package org.pumaseg.annotation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pumaseg.InvalidInputException;

class BadInputTest {

	@TempDir
	Path folder;

	private static final String GOOD = "{\"type\": \"Feature\", \"geometry\": {\"type\": " +
		"\"Polygon\", \"coordinates\": [[[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]]]}, " +
		"\"properties\": {\"classification\": {\"name\": \"nuclei_tumor\"}}}";

	private String collection(String secondFeature) {
		return "{\"type\": \"FeatureCollection\", \"features\": [" + GOOD + ", " + secondFeature +
			"]}";
	}

	private InvalidInputException rejected(String content) throws Exception {
		Path file = folder.resolve("roi_9.geojson");
		Files.writeString(file, content);
		return assertThrows(InvalidInputException.class, () -> AnnotationFiles.read(file));
	}

	private static void assertMentions(InvalidInputException error, String... parts) {
		for (String part : parts) {
			assertTrue(error.getMessage().contains(part), "missing \"" + part + "\" in: " + error
				.getMessage());
		}
	}

	@Test
	void malformedJson() throws Exception {
		assertMentions(rejected("{\"type\": \"FeatureCollection\", \"features\": [" + GOOD), 
			"roi_9.geojson", "not valid JSON", "line 1");
	}

	@Test
	void pointGeometry() throws Exception {
		assertMentions(rejected(collection(GOOD.replace("\"Polygon\", \"coordinates\": [[[0, 0], " +
			"[4, 0], [4, 4], [0, 4], [0, 0]]]", "\"Point\", \"coordinates\": [1, 2]"))),
			"feature 2 of 2", "roi_9.geojson", "Point", "Polygon");
	}

	@Test
	void lineStringGeometry() throws Exception {
		assertMentions(rejected(collection(GOOD.replace("\"Polygon\", \"coordinates\": [[[0, 0], " +
			"[4, 0], [4, 4], [0, 4], [0, 0]]]", "\"LineString\", \"coordinates\": [[1, 2], [3, " +
				"4]]"))), "feature 2 of 2", "LineString");
	}

	@Test
	void nanAndInfiniteCoordinates() throws Exception {
		assertMentions(rejected(collection(GOOD.replace("[4, 4]", "[NaN, 4]"))), "feature 2 of 2",
			"vertex 3", "not a finite number");
		assertMentions(rejected(collection(GOOD.replace("[4, 4]", "[4, Infinity]"))),
			"feature 2 of 2", "not a finite number");
	}

	@Test
	void missingClassification() throws Exception {
		assertMentions(rejected(collection(GOOD.replace("\"classification\": {\"name\": " +
			"\"nuclei_tumor\"}", "\"objectType\": \"annotation\""))), "feature 2 of 2",
			"no class", "nuclei_lymphocyte");
	}

	@Test
	void unknownClassListsKnownNames() throws Exception {
		InvalidInputException error = rejected(collection(GOOD.replace("nuclei_tumor",
			"Tumor")));
		assertMentions(error, "feature 2 of 2", "\"Tumor\"", "nuclei_tumor", "tissue_necrosis");
	}

	@Test
	void wrongTypes() throws Exception {
		assertMentions(rejected(collection(GOOD.replace("[4, 4]", "[\"4\", 4]"))),
			"feature 2 of 2", "vertex 3");
		assertMentions(rejected(collection(GOOD.replace("[[[0, 0], [4, 0], [4, 4], [0, 4], [0, " +
			"0]]]", "\"square\""))), "feature 2 of 2", "array of rings");
		assertMentions(rejected("{\"type\": \"Topology\"}"), "roi_9.geojson", "neither GeoJSON");
	}

	@Test
	void tooFewVertices() throws Exception {
		assertMentions(rejected(collection(GOOD.replace("[[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]]",
			"[[0, 0], [4, 0], [0, 0]]"))), "feature 2 of 2", "2 vertices", "at least 3");
	}

	@Test
	void selfIntersection() throws Exception {
		// A bow tie: edges (4,0)-(0,4) and (4,4)-(0,0) cross at (2,2).
		assertMentions(rejected(collection(GOOD.replace("[[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]]",
			"[[0, 0], [4, 0], [0, 4], [4, 4], [0, 0]]"))), "feature 2 of 2", "self-intersection",
			"(2.0, 2.0)");
	}

	@Test
	void repairAndEvaluationTolerateWhatStrictRejects() throws Exception {
		Path file = folder.resolve("bowtie.geojson");
		Files.writeString(file, collection(GOOD.replace("[[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]]",
			"[[0, 0], [4, 0], [0, 4], [4, 4], [0, 0]]")));
		AnnotationFile repaired = AnnotationFiles.read(file, Validation.REPAIR);
		assertTrue(repaired.objects().get(1).geometry().isValid());
		AnnotationFile evaluation = AnnotationFiles.read(file, Validation.EVALUATION);
		assertFalse(evaluation.objects().get(1).geometry().isValid(), "kept as given");
	}

	@Test
	void challengeJsonErrorsNamePolygon() throws Exception {
		Path file = folder.resolve("pred.json");
		Files.writeString(file, "{\"type\": \"Multiple polygons\", \"polygons\": [{\"name\": " +
			"\"nuclei_tumor\", \"path_points\": [[0, 0, 0.5], [4, 0, 0.5], [0, 4, 0.5]], " +
			"\"score\": \"high\"}]}");
		InvalidInputException error = assertThrows(InvalidInputException.class,
			() -> AnnotationFiles.read(file));
		assertMentions(error, "polygon 1 of 1", "pred.json", "\"score\"");
	}

	@Test
	void writerRejectsClassOutsideTrack() {
		ClassifiedPolygon other = ClassifiedPolygon.annotation("nuclei_other", RealFilesReadTest
			.triangle());
		Path file = folder.resolve("t2.json");
		assertThrows(InvalidInputException.class, () -> ChallengeJsonFormat.write(file, List.of(
			other), Track.TRACK2));
		assertFalse(Files.exists(file), "nothing written");
	}
}
