package org.pumaseg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.pumaseg.annotation.ChallengeJsonFormat;
import org.pumaseg.annotation.ClassifiedPolygon;
import org.pumaseg.annotation.GeoJsonFormat;
import org.pumaseg.annotation.ObjectType;
import org.pumaseg.annotation.SharedData;
import org.pumaseg.annotation.TissueMask;
import org.pumaseg.annotation.TissueMaskTiff;
import org.pumaseg.annotation.Track;
import org.pumaseg.image.PixelSize;

/** Runs {@code pumaseg evaluate} through {@link PumaSegCli#run}, on files made here and real ones. */
class EvaluateCommandTest {

	private static final GeometryFactory FACTORY = new GeometryFactory();
	private static final ObjectMapper JSON = new ObjectMapper();


	private static Polygon square(double x, double y, double side) {
		return FACTORY.createPolygon(new Coordinate[] { new Coordinate(x, y), new Coordinate(x +
			side, y), new Coordinate(x + side, y + side), new Coordinate(x, y + side),
			new Coordinate(x, y) });
	}

	private static ClassifiedPolygon nucleus(String className, double x, double y) {
		return ClassifiedPolygon.annotation(className, square(x, y, 8));
	}

	private static ClassifiedPolygon detection(String className, double x, double y) {
		return new ClassifiedPolygon(null, className, square(x, y, 8), ObjectType.DETECTION, 0.9,
			0.9, Map.of());
	}

	/** A 64 x 64 mask whose left {@code columns} columns are tumour, the rest stroma. */
	private static TissueMask mask(int columns) {
		byte[] codes = new byte[64 * 64];
		for (int i = 0; i < codes.length; i++) {
			codes[i] = (byte) (i % 64 < columns ? 3 : 1);
		}
		return new TissueMask(64, 64, codes, PixelSize.unknown("test"));
	}

	/**
	 * Ground truth: roi_a (nuclei GeoJSON + mask), roi_b (nuclei only); predictions: roi_a as
	 * challenge JSON + mask, roi_c (no ground truth).
	 */
	private static Path[] folders(Path root) throws Exception {
		Path truth = Files.createDirectories(root.resolve("truth"));
		Path prediction = Files.createDirectories(root.resolve("prediction"));
		GeoJsonFormat.write(truth.resolve("roi_a_nuclei.geojson"), List.of(nucleus("nuclei_tumor",
			10, 10), nucleus("nuclei_lymphocyte", 50, 10), nucleus("nuclei_histiocyte", 90, 10)));
		GeoJsonFormat.write(truth.resolve("roi_b_nuclei.geojson"), List.of(nucleus("nuclei_tumor",
			10, 10)));
		TissueMaskTiff.write(truth.resolve("roi_a_tissue.tif"), mask(32));
		Files.writeString(truth.resolve("notes.txt"), "not an annotation");

		// Tumour found; lymphocyte found as tumour (wrong class); histiocyte missed.
		ChallengeJsonFormat.write(prediction.resolve("roi_a.json"), List.of(detection(
			"nuclei_tumor", 11, 10), detection("nuclei_tumor", 50, 10)), Track.TRACK1);
		ChallengeJsonFormat.write(prediction.resolve("roi_c.json"), List.of(detection(
			"nuclei_tumor", 10, 10)), Track.TRACK1);
		TissueMaskTiff.write(prediction.resolve("roi_a.tif"), mask(16));
		return new Path[] { truth, prediction };
	}

	@Test
	void foldersPairByImageName(@TempDir Path root) throws Exception {
		Path[] folders = folders(root);
		Path json = root.resolve("scores.json");

		CliRun run = CliRun.run("evaluate", "--truth", folders[0].toString(), "--pred", folders[1]
			.toString(), "--track", "1", "--json", json.toString());

		assertEquals(0, run.exitCode(), run.err());
		// Track 1, one image: tumour P 1/2 R 1 -> F1 2/3; lymphocyte 0; other 0 -> mean 2/9.
		assertTrue(run.out().contains("macro F1 (official)       0.2222"), run.out());
		assertTrue(run.out().contains("Ground truth without prediction (not scored): 1"), run
			.out());
		assertTrue(run.out().contains("roi_b_nuclei.geojson"), run.out());
		assertTrue(run.out().contains("Predictions without ground truth (not scored): 1"), run
			.out());
		assertTrue(run.out().contains("roi_c.json"), run.out());
		assertTrue(run.out().contains("notes.txt"), run.out());
		assertTrue(run.out().contains("Panoptic quality (extra"), run.out());

		JsonNode scores = JSON.readTree(json.toFile());
		assertEquals(1, scores.path("track").asInt());
		assertEquals(2.0 / 9, scores.path("nuclei").path("official").path("macroF1").asDouble(),
			1e-12);
		JsonNode image = scores.path("nuclei").path("images").get(0);
		assertEquals("roi_a", image.path("image").asText());
		assertEquals(1, image.path("classes").path("nuclei_tumor").path("tp").asInt());
		assertEquals(1, image.path("classes").path("nuclei_tumor").path("fp").asInt());
		assertEquals(1, image.path("classes").path("nuclei_lymphocyte").path("fn").asInt());
		// Confusion: the lymphocyte row has its match in the tumour column.
		JsonNode confusion = scores.path("nuclei").path("extras").path("confusionMatrix");
		assertEquals(1, confusion.path("counts").get(1).get(0).asInt());
		assertEquals(1, scores.path("nuclei").path("extras").path("panopticQuality").path(
			"classes").path("nuclei_tumor").path("tp").asInt());

		// Tissue: tumour 32 vs 16 columns: Dice 2*16/(32+16); stroma 32 vs 48: 2*32/80.
		JsonNode dice = scores.path("tissue").path("official").path("microDice");
		assertEquals((2.0 * 16 * 64 * 256 + 1e-5) / (48 * 64 * 256 + 1e-5), dice.path(
			"tissue_tumor").asDouble(), 1e-12);
		assertEquals((2.0 * 32 * 64 * 256 + 1e-5) / (80 * 64 * 256 + 1e-5), dice.path(
			"tissue_stroma").asDouble(), 1e-12);
		assertEquals(List.of(folders[1].resolve("roi_c.json").toString()), strings(scores.path(
			"files").path("unpairedPredictions")));
	}

	@Test
	void existingJsonNotOverwritten(@TempDir Path root) throws Exception {
		Path[] folders = folders(root);
		Path json = Files.writeString(root.resolve("scores.json"), "keep");

		CliRun refused = CliRun.run("evaluate", "--truth", folders[0].toString(), "--pred", folders[1]
			.toString(), "--json", json.toString());
		assertEquals(PumaSegCli.EXIT_INVALID_INPUT, refused.exitCode());
		assertTrue(refused.err().contains("--overwrite"), refused.err());
		assertEquals("keep", Files.readString(json));

		CliRun replaced = CliRun.run("evaluate", "--truth", folders[0].toString(), "--pred", folders[1]
			.toString(), "--json", json.toString(), "--overwrite");
		assertEquals(0, replaced.exitCode(), replaced.err());
		assertTrue(Files.readString(json).contains("\"nuclei\""));
	}

	@Test
	void jsonFolderSuggestsJsonName(@TempDir Path root) throws Exception {
		Path[] folders = folders(root);
		Path folder = Files.createDirectories(root.resolve("reports"));

		CliRun run = CliRun.run("evaluate", "--truth", folders[0].toString(), "--pred", folders[1]
			.toString(), "--json", folder.toString());

		assertEquals(PumaSegCli.EXIT_INVALID_INPUT, run.exitCode(), run.err());
		assertTrue(run.err().contains(folder.resolve("scores.json").toString()), run.err());
		assertFalse(run.err().contains(".tif"), run.err());
	}

	@Test
	void nothingPairedIsInvalidInput(@TempDir Path root) throws Exception {
		Path[] folders = folders(root);
		Path other = Files.createDirectories(root.resolve("other"));
		ChallengeJsonFormat.write(other.resolve("roi_z.json"), List.of(detection("nuclei_tumor",
			10, 10)), Track.TRACK1);
		Path json = root.resolve("scores.json");

		CliRun run = CliRun.run("evaluate", "--truth", folders[0].toString(), "--pred", other.toString(),
			"--json", json.toString());

		assertEquals(PumaSegCli.EXIT_INVALID_INPUT, run.exitCode());
		assertTrue(run.err().contains("roi_z (nuclei)"), run.err());
		assertTrue(run.err().contains("roi_a (nuclei)"), run.err());
		assertFalse(Files.exists(json), "nothing is written when nothing is scored");
	}

	@Test
	void regionScoresOnlyNucleiInside(@TempDir Path root) throws Exception {
		Path truth = root.resolve("roi_nuclei.geojson");
		Path prediction = root.resolve("roi.geojson");
		// Left nucleus matched, right nucleus missed: F1 1 on the left half, 0 on the right.
		GeoJsonFormat.write(truth, List.of(nucleus("nuclei_tumor", 10, 10), nucleus(
			"nuclei_tumor", 80, 10)));
		GeoJsonFormat.write(prediction, List.of(detection("nuclei_tumor", 10, 10)));

		CliRun left = CliRun.run("evaluate", "--truth", truth.toString(), "--pred", prediction.toString(),
			"--region", "0,0,50,100");
		CliRun right = CliRun.run("evaluate", "--truth", truth.toString(), "--pred", prediction.toString(),
			"--region", "50,0,100,100", "--json", root.resolve("right.json").toString());
		CliRun bad = CliRun.run("evaluate", "--truth", truth.toString(), "--pred", prediction.toString(),
			"--region", "50,0,10");

		assertEquals(0, left.exitCode(), left.err());
		assertEquals(0, right.exitCode(), right.err());
		JsonNode scores = JSON.readTree(root.resolve("right.json").toFile());
		assertTrue(scores.toString().contains("\"macro_f1\":0.0") || scores.toString()
			.contains("\"macroF1\":0.0"), scores.toString());
		assertEquals(PumaSegCli.EXIT_INVALID_INPUT, bad.exitCode());
		assertTrue(bad.err().contains("X0,Y0,X1,Y1"), bad.err());
	}

	@Test
	void emptyRegionWarns(@TempDir Path root) throws Exception {
		Path truth = root.resolve("roi_nuclei.geojson");
		Path prediction = root.resolve("roi.geojson");
		GeoJsonFormat.write(truth, List.of(nucleus("nuclei_tumor", 10, 10), nucleus(
			"nuclei_tumor", 80, 80)));
		GeoJsonFormat.write(prediction, List.of(detection("nuclei_tumor", 10, 10)));

		CliRun outside = CliRun.run("evaluate", "--truth", truth.toString(), "--pred", prediction
			.toString(), "--region", "5000,5000,6000,6000", "--json", root.resolve("outside.json")
				.toString());
		CliRun between = CliRun.run("evaluate", "--truth", truth.toString(), "--pred", prediction
			.toString(), "--region", "40,40,60,60");
		CliRun withNuclei = CliRun.run("evaluate", "--truth", truth.toString(), "--pred",
			prediction.toString(), "--region", "0,0,50,50");

		assertEquals(0, outside.exitCode(), outside.err());
		assertTrue(outside.out().contains("Warning: The region 5000,5000,6000,6000 lies outside " +
			"every scored image"), outside.out());
		assertTrue(JSON.readTree(root.resolve("outside.json").toFile()).toString().contains(
			"lies outside every scored image"));
		assertEquals(0, between.exitCode(), between.err());
		assertTrue(between.out().contains("Warning: The region 40,40,60,60 contains no nucleus"),
			between.out());
		assertEquals(0, withNuclei.exitCode(), withNuclei.err());
		assertFalse(withNuclei.out().contains("Warning: The region"), withNuclei.out());
	}

	@Test
	void invalidTrackRejected(@TempDir Path root) throws Exception {
		Path[] folders = folders(root);
		CliRun run = CliRun.run("evaluate", "--truth", folders[0].toString(), "--pred", folders[1]
			.toString(), "--track", "3");
		assertEquals(PumaSegCli.EXIT_INVALID_INPUT, run.exitCode());
		assertTrue(run.err().contains("--track"), run.err());
		assertTrue(run.err().contains("\"3\""), run.err());
		assertTrue(run.err().contains("detection"), run.err());
	}

	@Test
	void detectionIgnoresClasses(@TempDir Path root) throws Exception {
		Path[] folders = folders(root);
		// Track 1 marks the lymphocyte found as tumour wrong; detection counts it as found.
		// Truth roi_a: 3 nuclei, 2 found; roi_b: 1 nucleus, no prediction file -> unpaired.
		CliRun run = CliRun.run("evaluate", "--truth", folders[0].toString(), "--pred", folders[1]
			.toString(), "--track", "detection", "--json", root.resolve("scores.json").toString());
		assertEquals(0, run.exitCode(), run.err());
		assertTrue(run.out().contains("nucleus detection"), run.out());
		JsonNode scores = JSON.readTree(root.resolve("scores.json").toFile());
		assertEquals("detection", scores.path("track").asText(), scores.toString());
		JsonNode f1 = scores.findValue("classF1");
		assertEquals(1, f1.size(), scores.toString());
		assertTrue(f1.has(Track.NUCLEUS_NAME), scores.toString());
		// 2 true positives, 0 false positives, 1 false negative.
		assertEquals(2 * 2.0 / (2 * 2 + 0 + 1), f1.path(Track.NUCLEUS_NAME).asDouble(), 1e-9);
	}

	@Test
	void moNuSegOutlinesScoreOnlyInDetection() throws Exception {
		List<Path> outlines = SharedData.files("monuseg/annotations", ".xml");
		Path xml = outlines.get(0);
		CliRun same = CliRun.run("evaluate", "--truth", xml.toString(), "--pred", xml.toString(),
			"--track", "detection");
		assertEquals(0, same.exitCode(), same.err());
		assertTrue(same.out().matches("(?s).*nucleus\\s+1\\.0000.*"), same.out());
		CliRun track1 = CliRun.run("evaluate", "--truth", xml.toString(), "--pred", xml.toString());
		assertEquals(PumaSegCli.EXIT_INVALID_INPUT, track1.exitCode());
		assertTrue(track1.err().contains("--track detection"), track1.err());
	}

	@Test
	void tissueGeoJsonIsRasterised(@TempDir Path root) throws Exception {
		// Regions: stroma on the left half of a 64 x 64 ROI, tumour on the right half.
		Path truth = root.resolve("roi_t_tissue.geojson");
		GeoJsonFormat.write(truth, List.of(ClassifiedPolygon.annotation("tissue_stroma", FACTORY
			.createPolygon(new Coordinate[] { new Coordinate(0, 0), new Coordinate(32, 0),
				new Coordinate(32, 64), new Coordinate(0, 64), new Coordinate(0, 0) })),
			ClassifiedPolygon.annotation("tissue_tumor", FACTORY.createPolygon(new Coordinate[] {
				new Coordinate(32, 0), new Coordinate(64, 0), new Coordinate(64, 64),
				new Coordinate(32, 64), new Coordinate(32, 0) }))));
		Path prediction = root.resolve("roi_t.tif");
		TissueMaskTiff.write(prediction, mask(32));
		Path json = root.resolve("scores.json");

		CliRun run = CliRun.run("evaluate", "--truth", truth.toString(), "--pred", prediction.toString(),
			"--json", json.toString());

		assertEquals(0, run.exitCode(), run.err());
		JsonNode dice = JSON.readTree(json.toFile()).path("tissue").path("official").path(
			"microDice");
		// The mask has tumour on the left: the two halves are swapped, so Dice is ~0.
		assertTrue(dice.path("tissue_tumor").asDouble() < 1e-9, dice.toString());

		Path matching = root.resolve("roi_t_matching.tif");
		byte[] codes = new byte[64 * 64];
		for (int i = 0; i < codes.length; i++) {
			codes[i] = (byte) (i % 64 < 32 ? 1 : 3);
		}
		TissueMaskTiff.write(matching, new TissueMask(64, 64, codes, PixelSize.unknown("test")));
		CliRun same = CliRun.run("evaluate", "--truth", truth.toString(), "--pred", matching.toString());
		assertEquals(0, same.exitCode(), same.err());
		assertTrue(same.out().contains("tissue_tumor                1.0000"), same.out());
	}

	@Test
	void tissueRegionsInNucleiFileNamed(@TempDir Path root) throws Exception {
		Path regions = root.resolve("roi_r_regions.geojson");
		GeoJsonFormat.write(regions, List.of(ClassifiedPolygon.annotation("tissue_stroma", square(
			0, 0, 64))));

		CliRun run = CliRun.run("evaluate", "--truth", regions.toString(), "--pred", regions.toString());

		assertEquals(PumaSegCli.EXIT_INVALID_INPUT, run.exitCode());
		assertTrue(run.err().contains("roi_r_regions.geojson contains tissue regions"), run.err());
		assertTrue(run.err().contains("_tissue.geojson"), run.err());
	}

	@Test
	void groundTruthAgainstItselfScoresOne() throws Exception {
		Path puma = SharedData.folder("puma");
		for (String track : List.of("1", "2")) {
			CliRun run = CliRun.run("evaluate", "--truth", puma.toString(), "--pred", puma.toString(),
				"--track", track);
			assertEquals(0, run.exitCode(), run.err());
			assertTrue(run.out().contains("Files: 10 pair(s), 9 nuclei and 1 tissue"), run.out());
			assertPerfectImages(run.out(), "training_set_");
			assertTrue(run.out().contains("all nuclei, any class     1.0000    1.0000    1.0000"),
				run.out());
			assertTrue(run.out().contains("Ignored (not annotations or tissue masks): 1"), run
				.out());
		}
	}

	@Test
	void challengeExamplesPairThroughJobList() throws Exception {
		for (String track : List.of("1", "2")) {
			Path examples = SharedData.folder("puma_eval_examples/track" + track);
			CliRun run = CliRun.run("evaluate", "--truth", examples.toString(), "--pred", examples
				.toString(), "--track", track);
			assertEquals(0, run.exitCode(), run.err());
			assertTrue(run.out().contains("Files: 4 pair(s), 2 nuclei and 2 tissue"), run.out());
			assertTrue(run.out().contains("preliminary_test_set_"), "named by their input images: " +
				run.out());
			assertPerfectImages(run.out(), "preliminary_test_set_");
			// Track 2: epithelium occurs in one of the two images, so it scores (1 + 0) / 2 and
			// the mean over 7 classes is 6.5 / 7. Track 1's three classes occur in both.
			String macroF1 = track.equals("1") ? "1.0000" : "0.9286";
			assertTrue(run.out().contains("macro F1 (official)       " + macroF1), run.out());
		}
	}

	@Test
	void organisersExamplesAgainstEachOther(@TempDir Path root) throws Exception {
		List<Path> nuclei = SharedData.files("puma_eval_examples/track1",
			"-segmentation.json");
		Path json = root.resolve("scores.json");
		CliRun run = CliRun.run("evaluate", "--truth", nuclei.get(0).toString(), "--pred", nuclei.get(1)
			.toString(), "--json", json.toString());
		assertEquals(0, run.exitCode(), run.err());
		double macroF1 = JSON.readTree(json.toFile()).path("nuclei").path("official").path(
			"macroF1").asDouble();
		assertTrue(macroF1 > 0, "some nuclei match by chance: " + macroF1);
		assertTrue(macroF1 < 0.5, "two different images barely match: " + macroF1);

		List<Path> masks = SharedData.files("puma_eval_examples/track1", ".tif");
		CliRun tissue = CliRun.run("evaluate", "--truth", masks.get(0).toString(), "--pred", masks.get(1)
			.toString());
		assertEquals(0, tissue.exitCode(), tissue.err());
		assertTrue(tissue.out().contains("Tissue: 1 mask pair(s)"), tissue.out());
	}

	/** Checks that every score on the per-image lines of images named {@code prefix}... is 1. */
	private static void assertPerfectImages(String out, String prefix) {
		int lines = 0;
		for (String line : out.split("\n")) {
			if (line.startsWith(prefix)) {
				lines++;
				Matcher scores = Pattern.compile("\\d\\.\\d{4}").matcher(line);
				assertTrue(scores.find(), line);
				do {
					assertEquals("1.0000", scores.group(), line);
				}
				while (scores.find());
			}
		}
		assertTrue(lines >= 2, out);
	}

	private static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach(value -> values.add(value.asText()));
		return values;
	}
}
