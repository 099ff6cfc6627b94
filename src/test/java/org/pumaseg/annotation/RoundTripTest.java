package org.pumaseg.annotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoundTripTest {

	private static void assertSameObjects(List<ClassifiedPolygon> expected,
		List<ClassifiedPolygon> actual, String file)
	{
		assertEquals(expected.size(), actual.size(), file);
		for (int i = 0; i < expected.size(); i++) {
			ClassifiedPolygon a = expected.get(i);
			ClassifiedPolygon b = actual.get(i);
			assertEquals(a.className(), b.className(), file + " object " + i);
			assertTrue(a.geometry().equalsExact(b.geometry()), file + " object " + i);
			assertEquals(a.objectType(), b.objectType(), file + " object " + i);
			assertEquals(a.probability(), b.probability(), file + " object " + i);
			assertEquals(a.score(), b.score(), file + " object " + i);
		}
	}

	@Test
	void pumaGeoJsonRoundTrips(@TempDir Path folder) throws Exception {
		for (Path file : SharedData.files("puma", ".geojson")) {
			AnnotationFile original = GeoJsonFormat.read(file);
			Path written = folder.resolve(file.getFileName());
			GeoJsonFormat.write(written, original.objects());
			AnnotationFile again = AnnotationFiles.read(written);
			assertSameObjects(original.objects(), again.objects(), file.toString());
			assertEquals(original.objects().get(0).id(), again.objects().get(0).id());
		}
	}

	@Test
	void writtenGeoJsonHasQuPathFields(@TempDir Path folder) throws Exception {
		Path file = SharedData.folder("puma/nuclei_geojson_no_image").resolve(
			"training_set_primary_roi_052_nuclei.geojson");
		List<ClassifiedPolygon> objects = GeoJsonFormat.read(file).objects();
		Path written = folder.resolve("out.geojson");
		GeoJsonFormat.write(written, objects);
		String text = Files.readString(written);
		assertTrue(text.startsWith("{\"type\":\"FeatureCollection\""), text.substring(0, 40));
		assertTrue(text.contains("\"objectType\":\"annotation\""));
		assertTrue(text.contains("\"classification\":{\"name\":\"nuclei_lymphocyte\",\"color\":["));
		assertTrue(text.contains("\"measurements\":{"));
		assertTrue(text.contains("\"MultiPolygon\""));
		for (ClassifiedPolygon object : AnnotationFiles.read(written).objects()) {
			assertTrue(object.geometry().isValid());
		}
	}

	@Test
	void challengeJsonRoundTrips(@TempDir Path folder) throws Exception {
		for (Path file : RealFilesReadTest.challengeFiles()) {
			AnnotationFile original = AnnotationFiles.read(file, Validation.EVALUATION);
			Track track = original.objects().stream().anyMatch(object -> object.className().equals(
				Track.OTHER_NAME)) ? Track.TRACK1 : Track.TRACK2;
			Path written = folder.resolve("out.json");
			ChallengeJsonFormat.write(written, original.objects(), track);
			AnnotationFile again = AnnotationFiles.read(written, Validation.EVALUATION);
			assertEquals(AnnotationFormat.CHALLENGE_JSON, again.format());
			assertSameObjects(original.objects(), again.objects(), file.toString());
		}
	}

	@Test
	void detectionsWriteScoreAndProbability(@TempDir Path folder) throws Exception {
		ClassifiedPolygon nucleus = ClassifiedPolygon.detection("nuclei_plasma_cell",
			RealFilesReadTest.triangle(), 0.75);
		Path written = folder.resolve("t1.json");
		ChallengeJsonFormat.write(written, List.of(nucleus), Track.TRACK1);
		String text = Files.readString(written);
		assertTrue(text.contains("\"name\":\"nuclei_lymphocyte\""), text);
		assertTrue(text.contains("\"probability\":0.75"), text);
		assertTrue(text.contains("\"score\":0.75"), text);
		assertTrue(text.contains("\"seed_point\":[0.0,0.0,0.5]"), text);
		assertTrue(text.contains("\"path_points\":[[0.0,0.0,0.5],[30.0,0.0,0.5],[0.0,30.0,0.5]]"),
			"open ring: " + text);
		assertTrue(text.contains("\"version\":{\"major\":1,\"minor\":0}"), text);

		ClassifiedPolygon read = AnnotationFiles.read(written).objects().get(0);
		assertEquals(0.75, read.score());
		assertEquals(0.75, read.probability());

		Path geojson = folder.resolve("t.geojson");
		GeoJsonFormat.write(geojson, List.of(nucleus));
		ClassifiedPolygon fromGeoJson = AnnotationFiles.read(geojson).objects().get(0);
		assertEquals(ObjectType.DETECTION, fromGeoJson.objectType());
		assertEquals(0.75, fromGeoJson.score());
	}

	@Test
	void emptyFeatureCollectionIsValid(@TempDir Path folder) throws Exception {
		Path file = folder.resolve("empty.geojson");
		Files.writeString(file, "{\"type\": \"FeatureCollection\", \"features\": []}");
		assertTrue(AnnotationFiles.read(file).objects().isEmpty());
		Path written = folder.resolve("written.geojson");
		GeoJsonFormat.write(written, List.of());
		assertTrue(AnnotationFiles.read(written).objects().isEmpty());
	}
}
