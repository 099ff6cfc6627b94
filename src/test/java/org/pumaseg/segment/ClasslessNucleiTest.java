package org.pumaseg.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.GraphicsEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pumaseg.annotation.AnnotationFiles;
import org.pumaseg.annotation.ClassifiedPolygon;
import org.pumaseg.annotation.Track;
import org.pumaseg.cli.CliRun;
import org.pumaseg.ij1.MacroRunner;
import org.pumaseg.image.ImageFileWriter;
import org.pumaseg.model.OfflineMode;
import org.pumaseg.testimages.SyntheticHeImage;
import org.pumaseg.train.TestModels;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ij.measure.ResultsTable;
import ij.plugin.filter.Analyzer;

/**
 * {@code pumaseg segment} and the Panoptic Segmentation command (run headless from a macro)
 * with a nuclei model trained without nucleus classes.
 */
class ClasslessNucleiTest {

	@TempDir
	static Path models;

	private static Path nucleiModel;

	@BeforeAll
	static void trainModel() {
		OfflineMode.enable();
		nucleiModel = TestModels.classlessNuclei(models.resolve("nuclei"));
	}

	@Test
	void segmentWritesUnclassifiedNuclei(@TempDir Path folder) throws Exception {
		Path image = folder.resolve("roi.tif");
		ImageFileWriter.write(SyntheticHeImage.render(160, 0.25, 11), image);
		Path output = folder.resolve("results");

		CliRun run = CliRun.run("segment", image.toString(), "--out", output.toString(),
			"--nuclei-model", nucleiModel.toString(), "--no-tissue", "--tile", "64");

		assertEquals(0, run.exitCode(), run.err());
		Path result = output.resolve("roi");
		JsonNode summary = new ObjectMapper().readTree(result.resolve("summary.json").toFile());
		int nuclei = summary.get("nuclei").asInt();
		assertTrue(nuclei > 0, "no nuclei found: " + run.err());
		assertEquals(nuclei, summary.get("nuclei_per_class").get(Track.NUCLEUS_NAME).asInt());
		assertFalse(summary.has("til"), summary.toString());
		List<ClassifiedPolygon> geojson = AnnotationFiles.read(result.resolve("nuclei.geojson"))
			.objects();
		assertEquals(nuclei, geojson.size());
		for (ClassifiedPolygon nucleus : geojson) {
			assertEquals(Track.NUCLEUS_NAME, nucleus.className());
		}
		List<String> csv = Files.readAllLines(result.resolve("nuclei.csv"));
		assertEquals(nuclei + 1, csv.size());
		assertTrue(csv.get(1).startsWith("1,nucleus,nucleus,,"), csv.get(1));
		assertTrue(Files.exists(result.resolve("nuclei-labels.tif")));
		assertTrue(Files.exists(result.resolve("overlay.png")));
		assertFalse(Files.exists(result.resolve(Track.TRACK2.outputSlug() + ".json")));
		assertTrue(run.out().contains("no classes"), run.out());
	}

	@Test
	void macroSegmentsHeadlessWithRoiManager(@TempDir Path folder) throws Exception {
		Path image = folder.resolve("field.tif");
		ImageFileWriter.write(SyntheticHeImage.render(128, 0.25, 21), image);
		assertTrue(GraphicsEnvironment.isHeadless(), "the test needs java.awt.headless=true");

		// Each selectImage fails the macro when the command did not create that image.
		MacroRunner.Outcome outcome = MacroRunner.run("open(getArgument());\n" +
			"run(\"Panoptic Segmentation\", \"segment=[nuclei only] nuclei_model=[" + nucleiModel +
			"] tile_size=64 roi_manager\");\n" +
			"selectImage(\"field nuclei labels\");\n" +
			"selectImage(\"field nucleus classes\");\n", image.toString());

		assertTrue(outcome.succeeded(), outcome.message());
		ResultsTable table = Analyzer.getResultsTable();
		assertTrue(table.size() > 0, "no nuclei in the Results table");
		assertEquals(Track.NUCLEUS_NAME, table.getStringValue("class", 0));
		assertEquals(Double.NaN, table.getValue("probability", 0));
	}

	@Test
	void tilRejectsUnclassifiedResult(@TempDir Path folder) throws Exception {
		Path image = folder.resolve("roi.tif");
		ImageFileWriter.write(SyntheticHeImage.render(96, 0.25, 12), image);
		Path output = folder.resolve("results");
		CliRun segment = CliRun.run("segment", image.toString(), "--out", output.toString(),
			"--nuclei-model", nucleiModel.toString(), "--no-tissue", "--tile", "64");
		assertEquals(0, segment.exitCode(), segment.err());

		CliRun til = CliRun.run("til", "--nuclei", output.resolve("roi").toString(), "--out",
			folder.resolve("til").toString());

		assertEquals(2, til.exitCode(), til.err());
		assertTrue(til.err().contains("no classes"), til.err());
		assertFalse(Files.exists(folder.resolve("til/til.json")));
	}
}
