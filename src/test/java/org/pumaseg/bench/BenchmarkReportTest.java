package org.pumaseg.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.pumaseg.InvalidInputException;
import org.pumaseg.Progress;

/** The table rows and options of the benchmark, without running the slow parts. */
class BenchmarkReportTest {

	@Test
	void missingSkimageGivesSkippedRows() {
		DecodingScene scene = DecodingScene.touchingDiscs(96);
		DecodingBenchmark.Result ours = DecodingBenchmark.run(scene, new Repeats(0, 1), Progress
			.none());

		List<BenchmarkReport.Row> rows = BenchmarkReport.decodingRows(ours, null, new Repeats(0,
			1));

		assertEquals(3, rows.size());
		assertEquals(BenchmarkReport.SKIMAGE_SKIPPED, rows.get(0).baseline());
		assertEquals(BenchmarkReport.SKIMAGE_SKIPPED, rows.get(1).baseline());
		assertTrue(rows.get(0).notes().startsWith(scene.trueCount() + " nuclei"), rows.get(0)
			.notes());
	}

	@Test
	void tilingOverheadIsMedianOfRounds() {
		TilingBenchmark.Measurement measurement = new TilingBenchmark.Measurement(1024, 36, 256, 4,
			new double[] { 1.1, 2.0, 0.998 }, new double[] { 1.0, 1.0, 1.0 }, 100L << 20, 1L << 30,
			"m");

		List<BenchmarkReport.Row> rows = BenchmarkReport.tilingRows(List.of(measurement));

		BenchmarkReport.Row tiling = rows.get(0);
		assertEquals("1.100 s", tiling.measured());
		assertEquals("model alone 1.000 s", tiling.baseline());
		assertEquals("+10 % overhead", tiling.ratio());
		assertTrue(tiling.notes().contains("median of 3 rounds"), tiling.notes());
		assertTrue(tiling.notes().contains("overhead per round +0 % to +100 %"), tiling.notes());
		assertEquals("100 MB", rows.get(1).measured());
	}

	@Test
	void pipelineOnlyRowHasNoOverhead() {
		TilingBenchmark.Measurement measurement = new TilingBenchmark.Measurement(20000, 11881, 256,
			4, new double[] { 1400 }, new double[0], 900L << 20, 1536L << 20, "m");

		BenchmarkReport.Row tiling = BenchmarkReport.tilingRows(List.of(measurement)).get(0);

		assertEquals("1400.000 s", tiling.measured());
		assertEquals("-", tiling.baseline());
		assertEquals("-", tiling.ratio());
		assertTrue(tiling.notes().contains("model alone not timed above 5120 px"), tiling.notes());
	}

	@Test
	void roundsOfDifferentCountsAreRejected() {
		assertThrows(IllegalArgumentException.class, () -> new TilingBenchmark.Measurement(1024,
			36, 256, 4, new double[] { 1, 2 }, new double[] { 1 }, 1, 1, "m"));
	}

	@Test
	void pythonThatDoesNotExistIsNotFound() {
		assertTrue(SkimageComparison.findPython(List.of("/nonexistent/python3")).isEmpty());
	}

	@Test
	void sceneDiscsAreAllDecoded() {
		DecodingScene scene = DecodingScene.touchingDiscs(240);

		DecodingBenchmark.Result result = DecodingBenchmark.run(scene, new Repeats(0, 1), Progress
			.none());

		assertEquals(81, scene.trueCount());
		assertEquals(scene.trueCount(), result.hoverNet().count());
	}

	@Test
	void sizesAreParsedInOrder() {
		assertEquals(List.of(1024, 256, 20000), BenchmarkOptions.parseSizes("1024, 256,20000"));
	}

	@Test
	void sizeBelowOneTileIsRejected() {
		InvalidInputException e = assertThrows(InvalidInputException.class,
			() -> BenchmarkOptions.parseSizes("255"));

		assertTrue(e.getMessage().contains("255"), e.getMessage());
	}

	@Test
	void tableEscapesPipes() {
		MachineFacts machine = new MachineFacts("cpu", 2, 1L << 30, "java", "os", 1.5, "date");
		BenchmarkReport report = new BenchmarkReport(machine, List.of(new BenchmarkReport.Row("a|b",
			"in", "1.000 s", "-", "-", "n")));

		assertTrue(report.toMarkdown().contains("| a\\|b | in | 1.000 s | - | - | n |"), report
			.toMarkdown());
		assertTrue(report.toMarkdown().contains("- maximum heap: 1024 MB"), report.toMarkdown());
	}
}
