package org.pumaseg.annotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.pumaseg.InvalidInputException;

class RealFilesReadTest {

	@Test
	void everyPumaGeoJsonReadsStrictly() throws Exception {
		List<Path> files = SharedData.files("puma", ".geojson");
		assertTrue(files.size() >= 10, "expected the 9 nuclei files and 1 tissue file");
		for (Path file : files) {
			AnnotationFile read = AnnotationFiles.read(file);
			assertEquals(AnnotationFormat.GEOJSON, read.format(), file.toString());
			assertFalse(read.objects().isEmpty(), file.toString());
			assertEquals(0, read.skippedPolygons());
		}
	}

	@Test
	void everyChallengeJsonReadsForEvaluationAndRepair() throws Exception {
		List<Path> files = challengeFiles();
		assertEquals(5, files.size());
		for (Path file : files) {
			AnnotationFile raw = AnnotationFiles.read(file, Validation.EVALUATION);
			assertEquals(AnnotationFormat.CHALLENGE_JSON, raw.format(), file.toString());
			assertFalse(raw.objects().isEmpty(), file.toString());

			AnnotationFile repaired = AnnotationFiles.read(file, Validation.REPAIR);
			for (ClassifiedPolygon object : repaired.objects()) {
				assertTrue(object.geometry().isValid(), file + " " + object);
			}
		}
	}

	@Test
	void organisersSelfIntersectingOutlineRejectedWhenStrict() throws Exception {
		Path file = SharedData.folder("puma_eval_examples/track1/test").resolve(
			"8dc012e4-fad9-439f-a755-abda861b3028/output/melanoma-3-class-nuclei-segmentation.json");
		InvalidInputException error = assertThrows(InvalidInputException.class,
			() -> AnnotationFiles.read(file, Validation.STRICT));
		assertTrue(error.getMessage().contains("melanoma-3-class-nuclei-segmentation.json"), error
			.getMessage());
		assertTrue(error.getMessage().contains("polygon 52 of 321"), error.getMessage());
		assertTrue(error.getMessage().contains("self-intersection"), error.getMessage());
	}

	static List<Path> challengeFiles() throws Exception {
		List<Path> files = new ArrayList<>(SharedData.files("puma_eval_examples",
			"-segmentation.json"));
		files.addAll(SharedData.files("puma_eval_examples/lsm_team_prediction", ".json"));
		return files;
	}

	static org.locationtech.jts.geom.Polygon triangle() {
		org.locationtech.jts.geom.GeometryFactory factory =
			new org.locationtech.jts.geom.GeometryFactory();
		return factory.createPolygon(new org.locationtech.jts.geom.Coordinate[] {
			new org.locationtech.jts.geom.Coordinate(0, 0),
			new org.locationtech.jts.geom.Coordinate(30, 0),
			new org.locationtech.jts.geom.Coordinate(0, 30),
			new org.locationtech.jts.geom.Coordinate(0, 0) });
	}
}
