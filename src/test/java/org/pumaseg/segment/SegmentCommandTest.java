package org.pumaseg.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pumaseg.InvalidInputException;
import org.pumaseg.annotation.AnnotationFiles;
import org.pumaseg.annotation.ClassifiedPolygon;
import org.pumaseg.annotation.TissueMaskTiff;
import org.pumaseg.annotation.Track;
import org.pumaseg.cli.CliRun;
import org.pumaseg.export.TissueGeoJsonCheck;
import org.pumaseg.image.ImageFileWriter;
import org.pumaseg.image.PixelSize;
import org.pumaseg.image.RgbImage;
import org.pumaseg.metrics.ImagePair;
import org.pumaseg.metrics.NucleiEvaluation;
import org.pumaseg.model.OfflineMode;
import org.pumaseg.testimages.SyntheticHeImage;
import org.pumaseg.train.TestModels;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ij.IJ;
import ij.ImagePlus;

/** {@code pumaseg segment} end to end with models trained by the test itself. */
class SegmentCommandTest {

	@TempDir
	static Path models;

	private static Path nucleiModel;
	private static Path tissueModel;

	@BeforeAll
	static void trainModels() {
		OfflineMode.enable();
		nucleiModel = TestModels.nuclei(models.resolve("nuclei"));
		tissueModel = TestModels.tissue(models.resolve("tissue"));
	}

	@Test
	void everyOutputFileAgrees(@TempDir Path folder) throws Exception {
		Path image = folder.resolve("roi 1.tif");
		ImageFileWriter.write(SyntheticHeImage.render(160, 0.25, 11), image);
		Path output = folder.resolve("results");

		CliRun run = CliRun.run("segment", image.toString(), "--out", output.toString(), "--nuclei-model",
			nucleiModel.toString(), "--tissue-model", tissueModel.toString(), "--tile", "64",
			"--track", "1");

		assertEquals(0, run.exitCode(), run.err());
		Path result = output.resolve("roi 1");
		List<ClassifiedPolygon> geojson = AnnotationFiles.read(result.resolve("nuclei.geojson"))
			.objects();
		List<String> csv = Files.readAllLines(result.resolve("nuclei.csv"));
		ImagePlus labels = IJ.openImage(result.resolve("nuclei-labels.tif").toString());
		JsonNode summary = new ObjectMapper().readTree(result.resolve("summary.json").toFile());
		List<ClassifiedPolygon> challenge = AnnotationFiles.read(result.resolve(Track.TRACK1
			.outputSlug() + ".json")).objects();

		int nuclei = summary.get("nuclei").asInt();
		assertTrue(nuclei > 0, "no nuclei found: " + run.err());
		assertEquals(nuclei, geojson.size());
		assertEquals(nuclei + 1, csv.size());
		assertEquals(nuclei, (int) labels.getStatistics().max);
		assertEquals(1.0, NucleiEvaluation.evaluate(List.of(new ImagePair("roi", geojson
			.stream().map(object -> object.withClassName(Track.TRACK1.toTrackClass(object
				.className()))).toList(), challenge)), Track.TRACK1).macroF1(), 1e-9);
		assertTrue(Files.exists(result.resolve("tissue-mask.tif")));
		TissueGeoJsonCheck.assertMatchesMask(result);
		assertTrue(Files.exists(result.resolve("overlay.png")));
		assertTrue(summary.get("til").has("compartments"), summary.toString());
		assertTrue(run.out().contains("Wrote " + result), run.out());

		Path til = folder.resolve("til");
		CliRun tilRun = CliRun.run("til", "--nuclei", result.toString(), "--out", til.toString());
		assertEquals(0, tilRun.exitCode(), tilRun.err());
		JsonNode tilReport = new ObjectMapper().readTree(til.resolve("til.json").toFile());
		assertEquals(summary.get("til").get("tilCount").asInt(), tilReport.get("tilCount")
			.asInt());
	}

	@Test
	void batchGoesOnAfterBadImage(@TempDir Path folder) throws Exception {
		Path inputs = Files.createDirectory(folder.resolve("inputs"));
		ImageFileWriter.write(SyntheticHeImage.render(96, 0.25, 12), inputs.resolve("a.tif"));
		Files.writeString(inputs.resolve("b.tif"), "not an image");
		ImageFileWriter.write(SyntheticHeImage.render(96, 0.25, 13), inputs.resolve("c.png"));
		Path output = folder.resolve("results");

		CliRun run = CliRun.run("segment", inputs.toString(), "--out", output.toString(), "--nuclei-model",
			nucleiModel.toString(), "--no-tissue", "--tile", "64");

		assertEquals(1, run.exitCode(), run.err());
		assertTrue(Files.exists(output.resolve("a/summary.json")));
		assertTrue(Files.exists(output.resolve("c/summary.json")));
		assertFalse(Files.exists(output.resolve("b")), "a folder for the failed image");
		List<String> batch = Files.readAllLines(output.resolve("batch-summary.csv"));
		assertEquals(4, batch.size());
		assertTrue(batch.get(2).startsWith("b.tif,failed"), batch.get(2));
		assertTrue(run.err().contains("b.tif"), run.err());
	}

	@Test
	void existingResultsNeedOverwrite(@TempDir Path folder) throws Exception {
		Path image = folder.resolve("roi.tif");
		ImageFileWriter.write(SyntheticHeImage.render(64, 0.25, 14), image);
		Path output = folder.resolve("results");
		String[] args = { "segment", image.toString(), "--out", output.toString(),
			"--nuclei-model", nucleiModel.toString(), "--no-tissue", "--tile", "64" };

		CliRun first = CliRun.run(args);
		CliRun second = CliRun.run(args);
		List<String> overwriteArgs = new java.util.ArrayList<>(List.of(args));
		overwriteArgs.add("--overwrite");
		CliRun third = CliRun.run(overwriteArgs.toArray(new String[0]));

		assertEquals(0, first.exitCode(), first.err());
		assertEquals(2, second.exitCode(), second.err());
		assertTrue(second.err().contains("--overwrite"), second.err());
		assertEquals(0, third.exitCode(), third.err());
		assertTrue(third.err().contains("Replaced the result folder " + output.resolve("roi")),
			third.err());
	}

	@Test
	void overwriteNeverDeletesInputs(@TempDir Path folder) throws Exception {
		Path caseFolder = Files.createDirectory(folder.resolve("roi"));
		Path image = caseFolder.resolve("roi.tif");
		ImageFileWriter.write(SyntheticHeImage.render(64, 0.25, 21), image);
		Path other = caseFolder.resolve("other.tif");
		ImageFileWriter.write(SyntheticHeImage.render(64, 0.25, 22), other);
		byte[] imageBytes = Files.readAllBytes(image);
		byte[] otherBytes = Files.readAllBytes(other);

		CliRun fromImage = CliRun.run("segment", image.toString(), "--out", folder.toString(),
			"--nuclei-model", nucleiModel.toString(), "--no-tissue", "--tile", "64",
			"--overwrite");
		CliRun fromFolder = CliRun.run("segment", caseFolder.toString(), "--out", folder
			.toString(), "--nuclei-model", nucleiModel.toString(), "--no-tissue", "--tile", "64",
			"--overwrite");

		assertEquals(2, fromImage.exitCode(), fromImage.err());
		assertTrue(fromImage.err().contains("For roi.tif, the result folder " + caseFolder +
			" contains the input " + image), fromImage.err());
		assertTrue(fromImage.err().contains("--out"), fromImage.err());
		assertEquals(2, fromFolder.exitCode(), fromFolder.err());
		assertTrue(fromFolder.err().contains(caseFolder + " contains the input "), fromFolder.err());
		assertTrue(java.util.Arrays.equals(imageBytes, Files.readAllBytes(image)));
		assertTrue(java.util.Arrays.equals(otherBytes, Files.readAllBytes(other)));
		assertFalse(Files.exists(caseFolder.resolve("summary.json")));
	}

	@Test
	void overwriteKeepsFolderPumaSegDidNotWrite(@TempDir Path folder) throws Exception {
		ImageFileWriter.write(SyntheticHeImage.render(64, 0.25, 23), folder.resolve("roi.tif"));
		Path userFolder = Files.createDirectory(folder.resolve("roi"));
		Path annotations = Files.writeString(userFolder.resolve("roi_nuclei.geojson"),
			"{\"important\": \"annotations\"}");

		CliRun run = CliRun.run("segment", folder.toString(), "--out", folder.toString(),
			"--nuclei-model", nucleiModel.toString(), "--no-tissue", "--tile", "64",
			"--overwrite");

		assertEquals(2, run.exitCode(), run.err());
		assertTrue(run.err().contains(userFolder + " is not a PumaSeg result folder"), run
			.err());
		assertTrue(run.err().contains("roi_nuclei.geojson"), run.err());
		assertEquals("{\"important\": \"annotations\"}", Files.readString(annotations));
		assertFalse(Files.exists(userFolder.resolve("summary.json")));
	}

	@Test
	void skipExistingGoesOnPastIncompleteFolder(@TempDir Path folder) throws Exception {
		Path inputs = Files.createDirectory(folder.resolve("inputs"));
		for (String name : List.of("a", "b", "c", "d")) {
			ImageFileWriter.write(SyntheticHeImage.render(64, 0.25, 24 + name.charAt(0)), inputs
				.resolve(name + ".tif"));
		}
		Path output = folder.resolve("results");
		CliRun first = CliRun.run("segment", inputs.resolve("a.tif").toString(), inputs.resolve(
			"b.tif").toString(), inputs.resolve("c.tif").toString(), "--out", output.toString(),
			"--nuclei-model", nucleiModel.toString(), "--tissue-model", tissueModel.toString(),
			"--tile", "64");
		assertEquals(0, first.exitCode(), first.err());
		List<String> firstRows = Files.readAllLines(output.resolve("batch-summary.csv"));
		Files.delete(output.resolve("b/nuclei.geojson"));
		Files.createDirectory(output.resolve("d"));

		CliRun resumed = CliRun.run("segment", inputs.toString(), "--out", output.toString(),
			"--nuclei-model", nucleiModel.toString(), "--tissue-model", tissueModel.toString(),
			"--tile", "64", "--skip-existing");

		assertEquals(1, resumed.exitCode(), resumed.err());
		List<String> rows = Files.readAllLines(output.resolve("batch-summary.csv"));
		assertEquals(5, rows.size(), String.join("\n", rows));
		assertTrue(rows.get(2).startsWith("b.tif,failed,"), rows.get(2));
		assertTrue(rows.get(2).contains(output.resolve("b") + " is an incomplete result " +
			"folder: nuclei.geojson is missing."), rows.get(2));
		assertTrue(resumed.err().contains("nuclei.geojson is missing"), resumed.err());
		assertTrue(Files.exists(output.resolve("b/summary.json")), "incomplete folder changed");
		assertTrue(rows.get(4).startsWith("d.tif,ok,"), rows.get(4));
		assertTrue(Files.exists(output.resolve("d/summary.json")));
		for (int row : List.of(1, 3)) {
			List<String> before = List.of(firstRows.get(row).split(",", -1));
			List<String> after = List.of(rows.get(row).split(",", -1));
			assertEquals("skipped", after.get(1), rows.get(row));
			assertFalse(after.get(2).isEmpty(), "no seconds: " + rows.get(row));
			assertEquals(before.subList(3, before.size()), after.subList(3, after.size()),
				"kept row differs from the first run's row");
		}
	}

	@Test
	void badOptionsAreNamed(@TempDir Path folder) throws Exception {
		Path image = folder.resolve("roi.tif");
		ImageFileWriter.write(SyntheticHeImage.render(64, 0.25, 15), image);

		CliRun track = CliRun.run("segment", image.toString(), "--out", folder.resolve("o").toString(),
			"--nuclei-model", nucleiModel.toString(), "--track", "3");
		CliRun missing = CliRun.run("segment", folder.resolve("none.tif").toString(), "--out", folder
			.resolve("o").toString(), "--nuclei-model", nucleiModel.toString());
		CliRun wrongModel = CliRun.run("segment", image.toString(), "--out", folder.resolve("o")
			.toString(), "--nuclei-model", tissueModel.toString(), "--no-tissue");

		assertEquals(2, track.exitCode());
		assertTrue(track.err().contains("--track 3"), track.err());
		assertEquals(2, missing.exitCode());
		assertTrue(missing.err().contains("none.tif"), missing.err());
		assertEquals(2, wrongModel.exitCode());
		assertTrue(wrongModel.err().contains("predicts no nuclei"), wrongModel.err());
		assertFalse(Files.exists(folder.resolve("o/roi")));
	}

	@Test
	void assumedPixelSizeStaysAssumed(@TempDir Path folder) throws Exception {
		Path inputs = Files.createDirectory(folder.resolve("inputs"));
		ImageFileWriter.write(SyntheticHeImage.render(96, 0.25, 16).withPixelSize(PixelSize
			.unknown("written without calibration")), inputs.resolve("plain.tif"));
		ImageFileWriter.write(SyntheticHeImage.render(96, 0.25, 17), inputs.resolve(
			"calibrated.tif"));
		Path output = folder.resolve("results");

		CliRun run = CliRun.run("segment", inputs.toString(), "--out", output.toString(),
			"--nuclei-model", nucleiModel.toString(), "--tissue-model", tissueModel.toString(),
			"--tile", "64");

		assertEquals(0, run.exitCode(), run.err());
		JsonNode plain = new ObjectMapper().readTree(output.resolve("plain/summary.json")
			.toFile());
		assertFalse(plain.get("pixel_size_calibrated").asBoolean(), plain.toString());
		assertTrue(plain.get("pixel_size_origin").asText().startsWith("assumed"), plain
			.toString());
		assertTrue(plain.get("til").get("pixelSizeAssumed").asBoolean(), plain.toString());
		JsonNode calibrated = new ObjectMapper().readTree(output.resolve(
			"calibrated/summary.json").toFile());
		assertTrue(calibrated.get("pixel_size_calibrated").asBoolean(), calibrated.toString());
		String origin = calibrated.get("pixel_size_origin").asText();
		assertTrue(origin.contains("calibrated.tif"), origin);
		assertFalse(origin.contains("model"), origin);
		assertFalse(calibrated.get("til").get("pixelSizeAssumed").asBoolean());

		List<String> batch = Files.readAllLines(output.resolve("batch-summary.csv"));
		int column = List.of(batch.get(0).split(",")).indexOf("til_pixel_size_assumed");
		assertTrue(column >= 0, batch.get(0));
		for (String row : batch.subList(1, batch.size())) {
			String expected = row.startsWith("plain") ? "true" : "false";
			assertEquals(expected, row.split(",")[column], row);
		}
		PixelSize maskPixelSize = TissueMaskTiff.read(output.resolve("plain/tissue-mask.tif"))
			.pixelSize();
		assertFalse(maskPixelSize.isKnown(), maskPixelSize.toString());

		List<String> warnings = run.err().lines().filter(line -> line.contains("uncalibrated"))
			.toList();
		assertEquals(1, warnings.size(), run.err());
		assertTrue(warnings.get(0).contains("--pixel-size"), warnings.get(0));
	}

	@Test
	void pixelSizeOptionReachesSummary(@TempDir Path folder) throws Exception {
		Path inputs = Files.createDirectory(folder.resolve("inputs"));
		Path dpiOnly = inputs.resolve("dpi.tif");
		ImageFileWriter.write(SyntheticHeImage.render(96, 0.25, 19).withPixelSize(PixelSize
			.unknown("written without calibration")), dpiOnly);
		ImagePlus printResolution = IJ.openImage(dpiOnly.toString());
		printResolution.getCalibration().setUnit("inch");
		printResolution.getCalibration().pixelWidth = 1.0 / 300;
		printResolution.getCalibration().pixelHeight = 1.0 / 300;
		IJ.saveAsTiff(printResolution, dpiOnly.toString());
		ImageFileWriter.write(SyntheticHeImage.render(96, 0.25, 20), inputs.resolve(
			"calibrated.tif"));
		Path output = folder.resolve("results");

		CliRun run = CliRun.run("segment", inputs.toString(), "--out", output.toString(),
			"--nuclei-model", nucleiModel.toString(), "--tissue-model", tissueModel.toString(),
			"--tile", "64", "--pixel-size", "0.5");

		assertEquals(0, run.exitCode(), run.err());
		JsonNode dpiSummary = new ObjectMapper().readTree(output.resolve("dpi/summary.json").toFile());
		assertEquals(0.5, dpiSummary.get("pixel_size_um").asDouble(), 1e-12, dpiSummary.toString());
		assertFalse(dpiSummary.get("pixel_size_calibrated").asBoolean(), dpiSummary.toString());
		String origin = dpiSummary.get("pixel_size_origin").asText();
		assertTrue(origin.contains("--pixel-size"), origin);
		assertTrue(origin.contains("dpi.tif"), origin);
		JsonNode til = dpiSummary.get("til");
		assertEquals(0.5, til.get("umPerPixel").asDouble(), 1e-12, til.toString());
		assertTrue(til.get("pixelSizeAssumed").asBoolean(), til.toString());
		assertEquals(96 * 96 * 0.25 / 1e6, til.get("roiAreaMm2").asDouble(), 1e-9);

		JsonNode calibrated = new ObjectMapper().readTree(output.resolve(
			"calibrated/summary.json").toFile());
		assertEquals(0.25, calibrated.get("pixel_size_um").asDouble(), 1e-6);
		assertTrue(calibrated.get("pixel_size_calibrated").asBoolean(), calibrated.toString());
		List<String> differs = run.err().lines().filter(line -> line.contains("calibrated.tif") &&
			line.contains("differs")).toList();
		assertEquals(1, differs.size(), run.err());
		assertTrue(differs.get(0).contains("0.25"), differs.get(0));
		assertTrue(differs.get(0).contains("--pixel-size 0.5"), differs.get(0));
		long uncalibratedLines = run.err().lines().filter(line -> line.contains("uncalibrated")).count();
		assertEquals(1, uncalibratedLines, run.err());
	}

	@Test
	void badPixelSizeRejectedBeforeWork(@TempDir Path folder) throws Exception {
		Path image = folder.resolve("roi.tif");
		ImageFileWriter.write(SyntheticHeImage.render(64, 0.25, 21), image);
		Path output = folder.resolve("results");

		for (String value : List.of("0", "-0.25", "NaN", "1000", "Infinity", "abc")) {
			CliRun run = CliRun.run("segment", image.toString(), "--out", output.toString(),
				"--nuclei-model", nucleiModel.toString(), "--tissue-model", tissueModel
					.toString(), "--tile", "64", "--pixel-size", value);

			assertEquals(2, run.exitCode(), value + ": " + run.err());
			assertTrue(run.err().contains("--pixel-size"), run.err());
			assertTrue(run.err().contains(value), run.err());
			assertFalse(Files.exists(output), value + " created " + output);
		}
		CliRun tooLarge = CliRun.run("segment", image.toString(), "--out", output.toString(),
			"--nuclei-model", nucleiModel.toString(), "--tissue-model", tissueModel.toString(),
			"--tile", "64", "--pixel-size", "1000");
		assertTrue(tooLarge.err().contains("from 0.02 to 50"), tooLarge.err());
	}

	@Test
	void tilOnResultFolderKeepsAssumption(@TempDir Path folder) throws Exception {
		Path image = folder.resolve("plain.tif");
		ImageFileWriter.write(SyntheticHeImage.render(96, 0.25, 18).withPixelSize(PixelSize
			.unknown("written without calibration")), image);
		Path output = folder.resolve("results");
		CliRun segment = CliRun.run("segment", image.toString(), "--out", output.toString(),
			"--nuclei-model", nucleiModel.toString(), "--tissue-model", tissueModel.toString(),
			"--tile", "64");
		assertEquals(0, segment.exitCode(), segment.err());
		Path result = output.resolve("plain");

		CliRun fromFolder = CliRun.run("til", "--nuclei", result.toString(), "--out", folder
			.resolve("til").toString());
		CliRun overridden = CliRun.run("til", "--nuclei", result.toString(), "--pixel-size",
			"0.5", "--out", folder.resolve("til-0.5").toString());

		assertEquals(0, fromFolder.exitCode(), fromFolder.err());
		JsonNode report = new ObjectMapper().readTree(folder.resolve("til/til.json").toFile());
		assertTrue(report.get("pixelSizeAssumed").asBoolean(), report.toString());
		assertEquals(0.25, report.get("umPerPixel").asDouble(), 1e-9);
		assertTrue(report.get("pixelSizeOrigin").asText().startsWith("assumed"), report
			.toString());
		assertEquals(0, overridden.exitCode(), overridden.err());
		JsonNode half = new ObjectMapper().readTree(folder.resolve("til-0.5/til.json").toFile());
		assertEquals(0.5, half.get("umPerPixel").asDouble(), 1e-9);
		assertTrue(half.get("pixelSizeAssumed").asBoolean(), half.toString());
	}

	@Test
	void memoryEstimateCountsModelPixels() {
		try (PanopticSegmenter segmenter = new PanopticSegmenter(nucleiModel, null,
			SegmentationOptions.defaults()))
		{
			RgbImage atModelSize = SyntheticHeImage.render(100, 0.25, 19);
			RgbImage coarser = atModelSize.withPixelSize(PixelSize.calibrated(0.5, "test"));
			RgbImage uncalibrated = atModelSize.withPixelSize(PixelSize.unknown("test"));

			long perPixel = PanopticSegmenter.ESTIMATED_BYTES_PER_PIXEL;
			assertEquals(perPixel * 100 * 100, segmenter.estimatedMemoryBytes(atModelSize));
			assertEquals(perPixel * 200 * 200, segmenter.estimatedMemoryBytes(coarser));
			assertEquals(perPixel * 100 * 100, segmenter.estimatedMemoryBytes(uncalibrated));
		}
	}

	@Test
	void imageAboveHeapRejectedBeforeSegmenting() {
		try (PanopticSegmenter segmenter = new PanopticSegmenter(nucleiModel, null,
			SegmentationOptions.defaults()))
		{
			RgbImage image = SyntheticHeImage.render(100, 0.25, 20);

			InvalidInputException error = assertThrows(InvalidInputException.class,
				() -> segmenter.checkMemory(image, 100_000));
			segmenter.checkMemory(image, 64L << 20);

			assertTrue(error.getMessage().contains("about 1 MB"), error.getMessage());
			assertTrue(error.getMessage().contains("JAVA_OPTS=-Xmx1g"), error.getMessage());
			assertTrue(error.getMessage().contains("crop"), error.getMessage());
		}
	}

	@Test
	void smallTileRejectedOnceBeforeBatch(@TempDir Path folder) throws Exception {
		Path inputs = Files.createDirectory(folder.resolve("inputs"));
		ImageFileWriter.write(SyntheticHeImage.render(64, 0.25, 16), inputs.resolve("a.tif"));
		ImageFileWriter.write(SyntheticHeImage.render(64, 0.25, 17), inputs.resolve("b.tif"));
		Path output = folder.resolve("results");

		// The test models accept tiles of 64 + n * 2 px.
		for (String tile : List.of("47", "49", "63")) {
			CliRun run = CliRun.run("segment", inputs.toString(), "--out", output.toString(),
				"--nuclei-model", nucleiModel.toString(), "--tissue-model", tissueModel.toString(),
				"--tile", tile);

			assertEquals(2, run.exitCode(), run.err());
			assertTrue(run.err().contains("Invalid tile size " + tile + " px"), run.err());
			assertTrue(run.err().contains("at least 64 px"), run.err());
			assertEquals(1, run.err().lines().filter(line -> line.contains("tile size")).count(),
				run.err());
			assertFalse(Files.exists(output.resolve("batch-summary.csv")));
			assertFalse(Files.exists(output.resolve("a")));
		}
	}

	@Test
	void summaryRecordsTileSizeUsed(@TempDir Path folder) throws Exception {
		Path image = folder.resolve("roi.tif");
		ImageFileWriter.write(SyntheticHeImage.render(96, 0.25, 18), image);
		Path output = folder.resolve("results");

		CliRun run = CliRun.run("segment", image.toString(), "--out", output.toString(),
			"--nuclei-model", nucleiModel.toString(), "--no-tissue", "--tile", "65");

		assertEquals(0, run.exitCode(), run.err());
		JsonNode summary = new ObjectMapper().readTree(output.resolve("roi/summary.json")
			.toFile());
		JsonNode tileSize = summary.get("provenance").get("tile_size_px");
		assertTrue(tileSize.isInt(), summary.toString());
		assertEquals(66, tileSize.intValue(), summary.toString());
	}

	@Test
	void noTissueWithTissueModelRejected(@TempDir Path folder) throws Exception {
		Path image = folder.resolve("roi.tif");
		ImageFileWriter.write(SyntheticHeImage.render(96, 0.25, 18), image);
		Path output = folder.resolve("results");

		CliRun run = CliRun.run("segment", image.toString(), "--out", output.toString(),
			"--nuclei-model", nucleiModel.toString(), "--no-tissue", "--tissue-model",
			nucleiModel.toString());

		assertEquals(2, run.exitCode(), run.err());
		assertTrue(run.err().contains("--no-tissue or --tissue-model " + nucleiModel), run.err());
		assertFalse(Files.exists(output));
	}

	@Test
	void summaryRecordsTileOfSmallImage(@TempDir Path folder) throws Exception {
		Path image = folder.resolve("roi.tif");
		ImageFileWriter.write(SyntheticHeImage.render(96, 0.25, 18), image);
		Path output = folder.resolve("results");

		CliRun run = CliRun.run("segment", image.toString(), "--out", output.toString(),
			"--nuclei-model", nucleiModel.toString(), "--no-tissue", "--tile", "99999");

		assertEquals(0, run.exitCode(), run.err());
		JsonNode provenance = new ObjectMapper().readTree(output.resolve("roi/summary.json")
			.toFile()).get("provenance");
		JsonNode tileSize = provenance.get("tile_size_px");
		assertTrue(tileSize.isInt(), provenance.toString());
		assertTrue(tileSize.intValue() >= 96, provenance.toString());
		assertTrue(tileSize.intValue() < 300, "not the tile that ran on a 96-px image: " +
			provenance);
		assertTrue(provenance.get("pixel_size_um").isNumber(), provenance.toString());
		assertEquals(0.25, provenance.get("pixel_size_um").doubleValue(), 1e-9);
	}

	@Test
	void missingOutputParentsAreCreated(@TempDir Path folder) throws Exception {
		Path image = folder.resolve("roi.tif");
		ImageFileWriter.write(SyntheticHeImage.render(64, 0.25, 19), image);
		Path output = folder.resolve("a/b/c");

		CliRun run = CliRun.run("segment", image.toString(), "--out", output.toString(),
			"--nuclei-model", nucleiModel.toString(), "--no-tissue", "--tile", "64");

		assertEquals(0, run.exitCode(), run.err());
		assertTrue(Files.exists(output.resolve("roi/summary.json")));
	}

	@Test
	void outputUnderFileRejectedBeforeModels(@TempDir Path folder) throws Exception {
		Path image = folder.resolve("roi.tif");
		ImageFileWriter.write(SyntheticHeImage.render(64, 0.25, 20), image);
		Path file = Files.writeString(folder.resolve("file.txt"), "not a folder");
		// A model package that cannot load: the output must be rejected before it is opened.
		Path brokenModel = Files.writeString(folder.resolve("model.zip"), "not a package");

		CliRun run = CliRun.run("segment", image.toString(), "--out", file.resolve("results")
			.toString(), "--nuclei-model", brokenModel.toString(), "--no-tissue");

		assertEquals(2, run.exitCode(), run.err());
		assertTrue(run.err().contains(file + " is a file, not a folder"), run.err());
		assertFalse(run.err().contains("model.zip"), run.err());
	}

}
