package org.pumaseg.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;
import org.pumaseg.OutputFiles;
import org.pumaseg.annotation.AnnotationFiles;
import org.pumaseg.annotation.Track;
import org.pumaseg.cli.CliRun;
import org.pumaseg.cli.PumaSegCli;
import org.pumaseg.image.ImageFileWriter;
import org.pumaseg.model.ChildJvm;
import org.pumaseg.model.OfflineMode;
import org.pumaseg.testimages.SyntheticHeImage;
import org.pumaseg.train.TestModels;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ij.IJ;
import ij.ImagePlus;

/**
 * {@code pumaseg segment} killed with SIGKILL in the middle of a batch leaves only complete
 * output files, and the next run into the same folder removes what the killed run left and
 * finishes.
 */
class BatchInterruptionTest {

	private static final int IMAGES = 4;
	private static final int SIZE = 128;
	private static final List<String> RESULT_FILES = List.of("nuclei.geojson", "nuclei.csv",
		"nuclei-labels.tif", "nuclei-classes.tif", "tissue-mask.tif", "tissue.geojson",
		"overlay.png",
		"summary.json", Track.TRACK2.outputSlug() + ".json");

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

	/** When the test kills the child, and with how many workers it runs. */
	enum Moment {
		/** A hidden temporary result folder exists: the files of an image are being written. */
		WHILE_A_RESULT_FOLDER_IS_WRITTEN(1, 0, null),
		/** The first result folder has just been renamed into place. */
		RIGHT_AFTER_THE_FIRST_RESULT(1, 1, null),
		/** The second image's nuclei prediction (the run's third prediction) has started. */
		DURING_A_LATER_PREDICTION(1, -1, "Tiled prediction of"),
		/** Two workers, once two results exist and others are being computed or written. */
		TWO_WORKERS_AFTER_TWO_RESULTS(2, 2, null);

		final int workers;
		final int resultFolders;
		final String logLine;

		Moment(int workers, int resultFolders, String logLine) {
			this.workers = workers;
			this.resultFolders = resultFolders;
			this.logLine = logLine;
		}
	}

	@ParameterizedTest
	@EnumSource(Moment.class)
	void killedBatchLeavesOnlyCompleteFiles(Moment moment, @TempDir Path folder)
		throws Exception
	{
		Path inputs = Files.createDirectory(folder.resolve("inputs"));
		for (int i = 0; i < IMAGES; i++) {
			ImageFileWriter.write(SyntheticHeImage.render(SIZE, 0.25, 40 + i), inputs.resolve(
				"field " + i + ".tif"));
		}
		Path output = folder.resolve("results");
		List<String> arguments = List.of("segment", inputs.toString(), "--out", output
			.toString(), "--nuclei-model", nucleiModel.toString(), "--tissue-model", tissueModel
				.toString(), "--tile", "64", "--threads", "1", "--workers", Integer.toString(
					moment.workers));

		Process child = ChildJvm.start(PumaSegCli.class.getName(), List.of("-Xmx512m"), arguments
			.toArray(new String[0]));
		List<String> log = Collections.synchronizedList(new ArrayList<>());
		Thread reader = readLines(child, log);
		try {
			waitFor(moment, child, output, log);
		}
		finally {
			child.destroyForcibly();
			assertTrue(child.waitFor(1, TimeUnit.MINUTES), "the child did not stop");
			reader.join();
		}

		List<Path> completed = checkOnlyCompleteFiles(output, String.join("\n", log));

		List<String> rerunArguments = new ArrayList<>(arguments);
		rerunArguments.add("--overwrite");
		CliRun rerun = CliRun.run(rerunArguments.toArray(new String[0]));

		assertEquals(0, rerun.exitCode(), rerun.err());
		assertEquals(List.of(), temporaryNames(output), "leftovers after the next run (" +
			completed.size() + " folders were complete after the kill)");
		List<Path> all = checkOnlyCompleteFiles(output, rerun.err());
		assertEquals(IMAGES, all.size());
		List<String> rows = Files.readAllLines(output.resolve("batch-summary.csv"));
		for (String row : rows.subList(1, rows.size())) {
			assertTrue(row.contains(",ok,"), row);
		}
	}

	@Test
	void ctrlCMarksRestCanceledAndResumes(@TempDir Path folder) throws Exception {
		Path inputs = Files.createDirectory(folder.resolve("inputs"));
		for (int i = 0; i < IMAGES; i++) {
			ImageFileWriter.write(SyntheticHeImage.render(SIZE, 0.25, 50 + i), inputs.resolve(
				"field " + i + ".tif"));
		}
		Path output = folder.resolve("results");
		List<String> arguments = List.of("segment", inputs.toString(), "--out", output
			.toString(), "--nuclei-model", nucleiModel.toString(), "--tissue-model", tissueModel
				.toString(), "--tile", "64", "--threads", "1");

		Process child = ChildJvm.start(PumaSegCli.class.getName(), List.of("-Xmx512m"), arguments
			.toArray(new String[0]));
		List<String> log = Collections.synchronizedList(new ArrayList<>());
		Thread reader = readLines(child, log);
		int exitCode;
		try {
			// The first "Wrote" line must appear while the batch still runs.
			waitForLine(child, log, "Wrote ");
			Process kill = new ProcessBuilder("kill", "-INT", Long.toString(child.pid()))
				.inheritIO().start();
			assertEquals(0, kill.waitFor());
			assertTrue(child.waitFor(2, TimeUnit.MINUTES), "the child did not stop on SIGINT");
			exitCode = child.exitValue();
		}
		finally {
			child.destroyForcibly();
			reader.join();
		}
		String text = String.join("\n", log);

		assertEquals(130, exitCode, text);
		assertTrue(text.contains("Interrupted: "), text);
		assertTrue(text.contains("--skip-existing"), text);
		List<String> rows = Files.readAllLines(output.resolve("batch-summary.csv"));
		long ok = rows.stream().filter(row -> row.contains(",ok,")).count();
		long canceled = rows.stream().filter(row -> row.contains(",canceled,")).count();
		assertEquals(IMAGES, ok + canceled, String.join("\n", rows));
		assertTrue(canceled > 0, "nothing left to cancel:\n" + text);
		assertEquals(ok, log.stream().filter(line -> line.startsWith("Wrote ")).count(), text);

		CliRun plain = CliRun.run(arguments.toArray(new String[0]));
		assertEquals(2, plain.exitCode(), plain.err());
		assertTrue(plain.err().contains("--skip-existing"), plain.err());

		List<String> resumeArguments = new ArrayList<>(arguments);
		resumeArguments.add("--skip-existing");
		CliRun resumed = CliRun.run(resumeArguments.toArray(new String[0]));

		assertEquals(0, resumed.exitCode(), resumed.err());
		List<String> resumedRows = Files.readAllLines(output.resolve("batch-summary.csv"));
		assertEquals(ok, resumedRows.stream().filter(row -> row.contains(",skipped,")).count(),
			String.join("\n", resumedRows));
		assertEquals(canceled, resumedRows.stream().filter(row -> row.contains(",ok,")).count(),
			String.join("\n", resumedRows));
		assertTrue(resumed.out().contains(ok + " skipped"), resumed.out());
		assertEquals(IMAGES, checkOnlyCompleteFiles(output, resumed.err()).size());
	}

	private static void waitForLine(Process child, List<String> log, String start)
		throws InterruptedException
	{
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
		while (System.nanoTime() < deadline) {
			synchronized (log) {
				if (log.stream().anyMatch(line -> line.startsWith(start))) {
					return;
				}
			}
			if (!child.isAlive()) {
				fail("The batch ended before a line starting with " + start + ":\n" + String.join(
					"\n", log));
			}
			Thread.sleep(1);
		}
		fail("No line starting with " + start + " in 5 minutes");
	}

	/** Waits until the child reaches {@code moment}; fails if it ends first. */
	private static void waitFor(Moment moment, Process child, Path output, List<String> log)
		throws Exception
	{
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
		while (System.nanoTime() < deadline) {
			if (reached(moment, output, log)) {
				return;
			}
			if (!child.isAlive()) {
				fail("The batch ended before " + moment + ":\n" + String.join("\n", log));
			}
			Thread.sleep(1);
		}
		fail("The batch did not reach " + moment + " in 5 minutes");
	}

	private static boolean reached(Moment moment, Path output, List<String> log)
		throws IOException
	{
		if (moment.logLine != null) {
			synchronized (log) {
				return log.stream().filter(line -> line.contains(moment.logLine)).count() >= 3;
			}
		}
		if (!Files.isDirectory(output)) {
			return false;
		}
		Predicate<Path> counted = moment.resultFolders == 0 ? path -> OutputFiles.isTemporary(
			path) && !path.getFileName().toString().startsWith(".batch-summary") : path -> !path
				.getFileName().toString().startsWith(".");
		try (Stream<Path> children = Files.list(output)) {
			long found = children.filter(Files::isDirectory).filter(counted).count();
			return found >= Math.max(1, moment.resultFolders);
		}
	}

	/**
	 * Checks every file that is not hidden: result folders hold every file and each opens or
	 * parses; batch-summary.csv has whole rows, and each image it calls {@code ok} has its
	 * folder. Returns the result folders.
	 */
	private static List<Path> checkOnlyCompleteFiles(Path output, String log) throws Exception {
		List<Path> folders = new ArrayList<>();
		if (!Files.isDirectory(output)) {
			return folders;
		}
		try (Stream<Path> children = Files.list(output)) {
			for (Path child : children.sorted().toList()) {
				String name = child.getFileName().toString();
				if (name.startsWith(".")) {
					continue;
				}
				if (Files.isDirectory(child)) {
					checkResultFolder(child);
					folders.add(child);
				}
				else {
					assertEquals("batch-summary.csv", name, "unexpected file");
				}
			}
		}
		Path summary = output.resolve("batch-summary.csv");
		if (Files.exists(summary)) {
			List<String> rows = Files.readAllLines(summary, StandardCharsets.UTF_8);
			assertEquals(IMAGES + 1, rows.size(), "rows of the batch summary:\n" + rows);
			int columns = csvFields(rows.get(0));
			for (String row : rows.subList(1, rows.size())) {
				assertEquals(columns, csvFields(row), "a cut row: " + row);
				String image = row.substring(0, row.indexOf(','));
				String status = row.split(",")[1];
				assertTrue(List.of("ok", "pending", "canceled", "skipped").contains(status), row);
				if (status.equals("ok")) {
					String stem = image.substring(0, image.lastIndexOf('.'));
					assertTrue(Files.isDirectory(output.resolve(stem)), "listed as ok without " +
						"its folder: " + row + "\n" + log);
				}
			}
		}
		return folders;
	}

	private static void checkResultFolder(Path folder) throws Exception {
		for (String file : RESULT_FILES) {
			assertTrue(Files.exists(folder.resolve(file)), folder + " lacks " + file);
		}
		try (Stream<Path> files = Files.list(folder)) {
			assertEquals(RESULT_FILES.size(), files.count(), "extra files in " + folder);
		}
		for (String tiff : List.of("nuclei-labels.tif", "nuclei-classes.tif", "tissue-mask.tif")) {
			ImagePlus image = IJ.openImage(folder.resolve(tiff).toString());
			assertNotNull(image, tiff + " does not open");
			assertEquals(SIZE, image.getWidth());
			assertEquals(SIZE, image.getHeight());
		}
		assertNotNull(ImageIO.read(folder.resolve("overlay.png").toFile()));
		JsonNode summary = new ObjectMapper().readTree(folder.resolve("summary.json").toFile());
		int nuclei = summary.get("nuclei").asInt();
		assertEquals(nuclei, AnnotationFiles.read(folder.resolve("nuclei.geojson")).objects()
			.size());
		assertEquals(nuclei, AnnotationFiles.read(folder.resolve(Track.TRACK2.outputSlug() +
			".json")).objects().size());
		List<String> csv = Files.readAllLines(folder.resolve("nuclei.csv"));
		assertEquals(nuclei + 1, csv.size());
		for (String row : csv) {
			assertEquals(csvFields(csv.get(0)), csvFields(row), "a cut row: " + row);
		}
	}

	/** Counts the fields of a CSV row, with commas inside quotes not separating. */
	private static int csvFields(String row) {
		int fields = 1;
		boolean quoted = false;
		for (char c : row.toCharArray()) {
			if (c == '"') {
				quoted = !quoted;
			}
			else if (c == ',' && !quoted) {
				fields++;
			}
		}
		assertFalse(quoted, "an open quote: " + row);
		return fields;
	}

	private static List<Path> temporaryNames(Path output) throws IOException {
		try (Stream<Path> tree = Files.walk(output)) {
			return tree.filter(path -> path.getFileName().toString().startsWith(".")).toList();
		}
	}

	private static Thread readLines(Process child, List<String> lines) {
		Thread thread = new Thread(() -> {
			try (BufferedReader reader = new BufferedReader(new InputStreamReader(child
				.getInputStream(), StandardCharsets.UTF_8)))
			{
				String line;
				while ((line = reader.readLine()) != null) {
					lines.add(line);
				}
			}
			catch (IOException e) {
				// The child was killed; what was read is kept.
			}
		}, "child-output");
		thread.setDaemon(true);
		thread.start();
		return thread;
	}
}
