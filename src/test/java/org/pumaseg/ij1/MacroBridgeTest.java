package org.pumaseg.ij1;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.pumaseg.annotation.ChallengeJsonFormat;
import org.pumaseg.annotation.ClassifiedPolygon;
import org.pumaseg.annotation.GeoJsonFormat;
import org.pumaseg.annotation.Track;
import org.pumaseg.image.ImageFileReader;
import org.pumaseg.image.RgbImage;
import org.pumaseg.preprocess.StainNormalizationMethod;
import org.pumaseg.testimages.SyntheticHeImage;

import ij.macro.Interpreter;

/** Runs real macro strings through ImageJ's macro interpreter. */
class MacroBridgeTest {

	@BeforeAll
	static void installCommands() throws Exception {
		Set<String> labels = MacroBridge.installCommands();
		assertTrue(labels.contains("Stain Normalization"), labels.toString());
		assertTrue(labels.contains("Evaluate"), labels.toString());
	}

	@Test
	void stainNormalizationRunsFromMacro(@TempDir Path folder) throws Exception {
		Path input = Files.copy(Path.of("test-images", SyntheticHeImage.DEFAULT_NAME), folder
			.resolve("input image [1].tif"));
		Path output = folder.resolve("normalized image.tif");
		String macro = "setBatchMode(true);\n" + //
			"open(\"" + input + "\");\n" + //
			"run(\"Stain Normalization\", \"method=macenko\");\n" + //
			"saveAs(\"Tiff\", \"" + output + "\");\n";

		runMacro(macro);

		assertTrue(Files.exists(output), "no output written");
		ImageFileReader reader = new ImageFileReader();
		RgbImage expected = StainNormalizationMethod.MACENKO.normalize(reader.read(input), null,
			org.pumaseg.Progress.none());
		assertArrayEquals(expected.packedRgb(), reader.read(output).packedRgb());
	}

	@Test
	void referenceWithSpacesUsesBrackets(@TempDir Path folder) throws Exception {
		Path input = Files.copy(Path.of("test-images", SyntheticHeImage.DEFAULT_NAME), folder
			.resolve("input.tif"));
		Path reference = folder.resolve("my reference (v2).tif");
		org.pumaseg.image.ImageFileWriter.write(SyntheticHeImage.render(128, 0.25, 7), reference);
		Path output = folder.resolve("out.tif");
		String macro = "setBatchMode(true);\n" + //
			"open(\"" + input + "\");\n" + //
			"run(\"Stain Normalization\", \"method=reinhard reference_image=[" + reference +
			"]\");\n" + //
			"saveAs(\"Tiff\", \"" + output + "\");\n";

		runMacro(macro);

		ImageFileReader reader = new ImageFileReader();
		RgbImage expected = StainNormalizationMethod.REINHARD.normalize(reader.read(input), reader
			.read(reference), org.pumaseg.Progress.none());
		assertArrayEquals(expected.packedRgb(), reader.read(output).packedRgb());
	}

	@Test
	void unknownOptionAbortsMacro(@TempDir Path folder) throws Exception {
		Path input = Files.copy(Path.of("test-images", SyntheticHeImage.DEFAULT_NAME), folder
			.resolve("input.tif"));
		Path output = folder.resolve("never.tif");
		String macro = "setBatchMode(true);\n" + //
			"open(\"" + input + "\");\n" + //
			"run(\"Stain Normalization\", \"methd=macenko\");\n" + //
			"saveAs(\"Tiff\", \"" + output + "\");\n";

		String log = runMacro(macro);

		assertFalse(Files.exists(output), "macro went on after the error");
		assertTrue(log.contains("Unknown option 'methd'"), log);
	}

	@Test
	void evaluateRunsFromMacro(@TempDir Path folder) throws Exception {
		GeometryFactory factory = new GeometryFactory();
		Polygon square = factory.createPolygon(new Coordinate[] { new Coordinate(10, 10),
			new Coordinate(20, 10), new Coordinate(20, 20), new Coordinate(10, 20),
			new Coordinate(10, 10) });
		Path truth = folder.resolve("roi 1_nuclei.geojson");
		GeoJsonFormat.write(truth, List.of(ClassifiedPolygon.annotation("nuclei_tumor", square)));
		Path prediction = folder.resolve("roi 1.json");
		ChallengeJsonFormat.write(prediction, List.of(ClassifiedPolygon.detection("nuclei_tumor",
			square, 0.8)), Track.TRACK2);
		Path json = folder.resolve("scores.json");
		String macro = "setBatchMode(true);\n" + "close(\"*\");\n" + //
			"run(\"Evaluate\", \"truth=[" + truth + "] prediction=[" + prediction +
			"] track=2 json_file=[" + json + "]\");\n" + //
			"print(\"open images: \" + nImages);\n";

		String log = runMacro(macro);

		assertTrue(log.contains("open images: 2"), "confusion matrix and F1 plot: " + log);
		JsonNode scores = new ObjectMapper().readTree(json.toFile());
		assertEquals(2, scores.path("track").asInt());
		assertEquals(1.0, scores.path("nuclei").path("official").path("macroF1").asDouble());
	}

	@Test
	void evaluateErrorAbortsMacro(@TempDir Path folder) throws Exception {
		String macro = "run(\"Evaluate\", \"truth=[" + folder.resolve("absent") +
			"] prediction=[" + folder + "]\");\n" + //
			"print(\"went on\");\n";

		String log = runMacro(macro);

		assertFalse(log.contains("went on"), log);
		assertTrue(log.contains("does not exist"), log);
	}

	/** Runs {@code macro} and returns what it logged; headless, ImageJ logs to stdout. */
	private static String runMacro(String macro) {
		PrintStream stdout = System.out;
		ByteArrayOutputStream captured = new ByteArrayOutputStream();
		System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
		try {
			new Interpreter().run(macro);
		}
		finally {
			System.setOut(stdout);
		}
		String log = captured.toString(StandardCharsets.UTF_8);
		stdout.print(log);
		return log;
	}
}
