package org.pumaseg.macros;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pumaseg.ij1.MacroRunner;
import org.pumaseg.model.OfflineMode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Runs each example macro of {@code macros/} through ImageJ's interpreter, as users do. */
class ExampleMacrosTest {

	private static final Path TEST_IMAGE = Path.of("test-images", "synthetic_he_512.tif");

	@BeforeAll
	static void offline() {
		OfflineMode.enable();
	}

	@Test
	void segmentImageMacroSavesNucleusTable(@TempDir Path folder) throws Exception {
		Path table = folder.resolve("nuclei.csv");

		MacroRunner.Outcome outcome = run("segment_image.ijm", TEST_IMAGE + "|" + table);

		assertTrue(outcome.succeeded(), outcome.message());
		List<String> rows = Files.readAllLines(table);
		assertTrue(rows.get(0).contains("class"), rows.get(0));
		assertTrue(rows.size() > 1, "no nuclei in " + table);
	}

	@Test
	void batchMacroWritesResultFolders(@TempDir Path folder) throws Exception {
		Path inputs = Files.createDirectory(folder.resolve("in"));
		Files.copy(TEST_IMAGE, inputs.resolve("a.tif"));
		Files.copy(TEST_IMAGE, inputs.resolve("b.tif"));
		Path output = folder.resolve("out");

		MacroRunner.Outcome outcome = run("batch_folder.ijm", inputs + "|" + output);

		assertTrue(outcome.succeeded(), outcome.message());
		assertTrue(Files.exists(output.resolve("a/nuclei.geojson")));
		assertTrue(Files.exists(output.resolve("b/summary.json")));
		assertEquals(3, Files.readAllLines(output.resolve("batch-summary.csv")).size());
	}

	@Test
	void batchMacroNeverDeletesInputFolder(@TempDir Path folder) throws Exception {
		Path caseFolder = Files.createDirectory(folder.resolve("case1"));
		Path image = Files.copy(TEST_IMAGE, caseFolder.resolve("case1.tif"));

		MacroRunner.Outcome plain = run("batch_folder.ijm", caseFolder + "|" + folder);
		MacroRunner.Outcome overwrite = run("batch_folder.ijm", caseFolder + "|" + folder +
			"|overwrite");

		assertFalse(plain.succeeded());
		assertTrue(plain.message().contains(caseFolder + " contains the input " + image), plain
			.message());
		assertFalse(overwrite.succeeded());
		assertTrue(Files.exists(image), "input deleted");
		assertFalse(Files.exists(caseFolder.resolve("summary.json")));
	}

	@Test
	void evaluateMacroScoresTruthAgainstItself(@TempDir Path folder) throws Exception {
		Path truth = Path.of("..", "shared", "data", "puma", "nuclei_geojson",
			"training_set_metastatic_roi_094_nuclei.geojson");
		assumeTrue(Files.exists(truth), "PUMA sample data not present");
		Path json = folder.resolve("scores.json");

		MacroRunner.Outcome outcome = run("evaluate.ijm", truth + "|" + truth + "|" + json);

		assertTrue(outcome.succeeded(), outcome.message());
		JsonNode scores = new ObjectMapper().readTree(json.toFile());
		assertEquals(1.0, scores.get("nuclei").get("official").get("macroF1").asDouble(), 1e-12,
			scores.toString());
	}

	private static MacroRunner.Outcome run(String macro, String argument) throws Exception {
		String text = Files.readString(Path.of("macros", macro), StandardCharsets.UTF_8);
		return MacroRunner.run(text, argument);
	}
}
