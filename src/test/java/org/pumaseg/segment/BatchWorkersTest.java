package org.pumaseg.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pumaseg.CanceledException;
import org.pumaseg.Progress;
import org.pumaseg.annotation.Track;
import org.pumaseg.cli.CliRun;
import org.pumaseg.command.BatchSegmentationCommand;
import org.pumaseg.ij1.MacroRunner;
import org.pumaseg.image.ImageFileWriter;
import org.pumaseg.image.PixelSize;
import org.pumaseg.model.OfflineMode;
import org.pumaseg.testimages.SyntheticHeImage;
import org.pumaseg.train.TestModels;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Batches on several workers: the same files as one worker, bad worker counts named, cancel
 * stopping every worker, and the worker count from the Fiji command and a macro.
 */
class BatchWorkersTest {

	@TempDir
	static Path models;

	private static Path nucleiModel;
	private static Path tissueModel;

	@BeforeAll
	static void trainModels() {
		OfflineMode.enable();
		// Spaces and brackets in the package paths: they must survive the CLI and macro quoting.
		nucleiModel = TestModels.nuclei(models.resolve("nuclei model [test]"));
		tissueModel = TestModels.tissue(models.resolve("tissue model (test)"));
	}

	@Test
	void twoWorkersWriteTheSameFilesAsOne(@TempDir Path folder) throws Exception {
		Path inputs = writeImages(folder.resolve("in puts"), 4);
		Files.writeString(inputs.resolve("field 2b.tif"), "not an image");

		CliRun oneWorker = segment(inputs, folder.resolve("one"), "1");
		CliRun twoWorkers = segment(inputs, folder.resolve("two"), "2");

		assertEquals(1, oneWorker.exitCode(), oneWorker.err());
		assertEquals(1, twoWorkers.exitCode(), twoWorkers.err());
		List<Path> files = relativeFiles(folder.resolve("one"));
		assertEquals(files, relativeFiles(folder.resolve("two")));
		assertEquals(4 * 9 + 1, files.size(), files.toString());
		for (Path file : files) {
			byte[] first = Files.readAllBytes(folder.resolve("one").resolve(file));
			byte[] second = Files.readAllBytes(folder.resolve("two").resolve(file));
			String name = file.getFileName().toString();
			if (name.equals("summary.json")) {
				assertEquals(withoutTimings(first), withoutTimings(second), file.toString());
			}
			else if (name.equals("batch-summary.csv")) {
				assertEquals(withoutSeconds(first), withoutSeconds(second));
			}
			else {
				assertArrayEquals(first, second, file + " differs between 1 and 2 workers");
			}
		}
		List<String> rows = withoutSeconds(Files.readAllBytes(folder.resolve(
			"two/batch-summary.csv")));
		assertTrue(rows.get(4).startsWith("field 2b.tif,failed"), rows.get(4));
		assertEquals(4, rows.stream().filter(row -> row.contains(",ok,")).count(), rows
			.toString());
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "-1", "65", "x" })
	void badWorkerCountsAreNamed(String workers, @TempDir Path folder) throws Exception {
		Path inputs = writeImages(folder.resolve("inputs"), 1);

		CliRun run = segment(inputs, folder.resolve("out"), workers);

		assertEquals(2, run.exitCode(), run.err());
		assertTrue(run.err().contains("--workers"), run.err());
		assertTrue(run.err().contains("'" + workers + "'") || run.err().contains(" " + workers +
			":"), run.err());
		assertFalse(Files.exists(folder.resolve("out")), "output written for a bad count");
	}

	@Test
	void cancelStopsEveryWorker(@TempDir Path folder) throws Exception {
		Path inputs = writeImages(folder.resolve("inputs"), 4);
		List<Path> images = BatchSegmentation.expandInputs(List.of(inputs));
		Path output = folder.resolve("out");
		AtomicBoolean canceled = new AtomicBoolean();
		// Cancels when the first image starts writing: the other worker is still predicting.
		Progress progress = Progress.of((fraction, message) -> {
			if (message != null && message.startsWith("Writing results")) {
				canceled.set(true);
			}
		}, canceled::get);

		try (PanopticSegmenter segmenter = new PanopticSegmenter(nucleiModel, tissueModel,
			SegmentationOptions.defaults().withTileSize(64)))
		{
			BatchSegmentation batch = new BatchSegmentation(segmenter, Track.TRACK2, false, 2);
			assertThrows(CanceledException.class, () -> batch.run(images, output, progress));
		}

		List<String> rows = Files.readAllLines(output.resolve("batch-summary.csv"));
		assertTrue(rows.get(3).startsWith("field 2.tif,canceled"), rows.toString());
		assertTrue(rows.get(4).startsWith("field 3.tif,canceled"), rows.toString());
		assertFalse(Files.exists(output.resolve("field 2")));
		assertFalse(Files.exists(output.resolve("field 3")));
		try (Stream<Path> tree = Files.walk(output)) {
			assertEquals(List.of(), tree.filter(path -> path.getFileName().toString().startsWith(
				".")).toList(), "temporary files left by the cancel");
		}
	}

	@Test
	void fijiCommandKeepsExistingResults(@TempDir Path folder) throws Exception {
		Path inputs = writeImages(folder.resolve("inputs"), 2);
		Path output = folder.resolve("out");
		assertEquals(0, segment(inputs, output, "1").exitCode());
		Path keptSummary = output.resolve("field 0").resolve("summary.json");
		long before = Files.getLastModifiedTime(keptSummary).toMillis();
		Files.walk(output.resolve("field 1")).sorted(java.util.Comparator.reverseOrder()).forEach(
			path -> path.toFile().delete());

		try (Context context = new Context(CommandService.class)) {
			Map<String, Object> inputsOf = new java.util.HashMap<>(Map.of("input_folder", inputs
				.toFile(), "output_folder", output.toFile(), "nuclei_model", nucleiModel.toFile(),
				"tissue_model", tissueModel.toFile(), "tile_size", 64));
			inputsOf.put("skip_existing", true);
			// SciJava remembers parameters between runs; other tests leave workers=0 and
			// overwrite set.
			inputsOf.put("workers", 1);
			inputsOf.put("overwrite", false);
			CommandModule module = context.service(CommandService.class).run(
				BatchSegmentationCommand.class, true, inputsOf).get();

			assertFalse(module.isCanceled(), module.getCancelReason());
		}
		assertEquals(before, Files.getLastModifiedTime(keptSummary).toMillis(), "field 0 was kept");
		assertTrue(Files.isRegularFile(output.resolve("field 1").resolve("summary.json")));
		List<String> rows = Files.readAllLines(output.resolve(BatchSegmentation.BATCH_SUMMARY));
		assertTrue(rows.get(1).startsWith("field 0.tif,skipped"), rows.toString());
		assertTrue(rows.get(2).startsWith("field 1.tif,ok"), rows.toString());
	}

	@Test
	void fijiCommandAndMacroTakeWorkers(@TempDir Path folder) throws Exception {
		Path inputs = writeImages(folder.resolve("input [1]"), 2);
		Path cli = folder.resolve("cli");
		Path command = folder.resolve("command out");
		Path macro = folder.resolve("macro [out]");
		assertEquals(0, segment(inputs, cli, "1").exitCode());

		try (Context context = new Context(CommandService.class)) {
			CommandModule module = context.service(CommandService.class).run(
				BatchSegmentationCommand.class, true, Map.of("input_folder", inputs.toFile(),
					"output_folder", command.toFile(), "nuclei_model", nucleiModel.toFile(),
					"tissue_model", tissueModel.toFile(), "tile_size", 64, "workers", 2, "overwrite",
					false)).get();
			assertFalse(module.isCanceled(), module.getCancelReason());
		}
		MacroRunner.Outcome outcome = MacroRunner.run("run(\"Batch Segmentation\", " +
			"\"input_folder=[" + inputs + "] output_folder=[" + macro + "] nuclei_model=[" +
			nucleiModel + "] tissue_model=[" + tissueModel + "] track=2 tile_size=64 " +
			"workers=2\");\n", "");
		MacroRunner.Outcome bad = MacroRunner.run("run(\"Batch Segmentation\", " +
			"\"input_folder=[" + inputs + "] output_folder=[" + folder.resolve("bad") +
			"] nuclei_model=[" + nucleiModel + "] tissue_model=[" + tissueModel +
			"] track=2 tile_size=64 workers=0\");\n", "");

		assertTrue(outcome.succeeded(), outcome.message());
		for (Path output : List.of(command, macro)) {
			for (String image : List.of("field 0", "field 1")) {
				assertArrayEquals(Files.readAllBytes(cli.resolve(image).resolve("nuclei.geojson")),
					Files.readAllBytes(output.resolve(image).resolve("nuclei.geojson")), output +
						"/" + image);
			}
		}
		assertFalse(bad.succeeded());
		assertTrue(bad.message().contains("workers 0"), bad.message());
		assertFalse(Files.exists(folder.resolve("bad")));

		Path uncalibrated = Files.createDirectories(folder.resolve("uncalibrated"));
		ImageFileWriter.write(SyntheticHeImage.render(96, 0.25, 70).withPixelSize(PixelSize
			.unknown("written without calibration")), uncalibrated.resolve("field 0.tif"));
		MacroRunner.Outcome pixelSize = MacroRunner.run("run(\"Batch Segmentation\", " +
			"\"input_folder=[" + uncalibrated + "] output_folder=[" + folder.resolve("pixel size") +
			"] nuclei_model=[" + nucleiModel + "] tissue_model=[" + tissueModel + "] track=2 " +
			"tile_size=64 workers=1 pixel_size_um=0.5\");\n", "");
		MacroRunner.Outcome badPixelSize = MacroRunner.run("run(\"Batch Segmentation\", " +
			"\"input_folder=[" + uncalibrated + "] output_folder=[" + folder.resolve("bad size") +
			"] nuclei_model=[" + nucleiModel + "] tissue_model=[" + tissueModel + "] track=2 " +
			"tile_size=64 workers=1 pixel_size_um=-1\");\n", "");

		assertTrue(pixelSize.succeeded(), pixelSize.message());
		String summary = Files.readString(folder.resolve("pixel size").resolve("field 0").resolve(
			"summary.json"));
		assertTrue(summary.contains("\"pixel_size_um\" : 0.5,"), summary);
		assertTrue(summary.contains("given with pixel_size_um"), summary);
		assertFalse(badPixelSize.succeeded());
		assertTrue(badPixelSize.message().contains("pixel_size_um"), badPixelSize.message());
		assertFalse(Files.exists(folder.resolve("bad size")));
	}

	private static CliRun segment(Path inputs, Path output, String workers) {
		return CliRun.run("segment", inputs.toString(), "--out", output.toString(),
			"--nuclei-model", nucleiModel.toString(), "--tissue-model", tissueModel.toString(),
			"--tile", "64", "--workers", workers);
	}

	private static Path writeImages(Path folder, int count) throws Exception {
		Files.createDirectories(folder);
		for (int i = 0; i < count; i++) {
			ImageFileWriter.write(SyntheticHeImage.render(96, 0.25, 60 + i), folder.resolve(
				"field " + i + ".tif"));
		}
		return folder;
	}

	private static List<Path> relativeFiles(Path root) throws Exception {
		try (Stream<Path> tree = Files.walk(root)) {
			return tree.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
		}
	}

	private static String withoutTimings(byte[] json) throws Exception {
		ObjectNode tree = (ObjectNode) new ObjectMapper().readTree(json);
		tree.remove("timings_s");
		return tree.toString();
	}

	/** Drops the third column (seconds) of every row. */
	private static List<String> withoutSeconds(byte[] csv) {
		List<String> rows = new ArrayList<>();
		for (String row : new String(csv, java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
			List<String> fields = new ArrayList<>(Arrays.asList(row.split(",", -1)));
			fields.remove(2);
			rows.add(String.join(",", fields));
		}
		return rows;
	}
}
