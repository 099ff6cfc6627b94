package org.pumaseg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pumaseg.bench.BenchmarkReport;

/**
 * {@code pumaseg bench} end to end on a small image with the bundled nuclei model: every row
 * of the table is present and contains a number. No times are checked.
 */
class BenchCommandTest {

	private static final Pattern MEASURED = Pattern.compile("(ours )?\\d+(\\.\\d+)? (s|MB)");
	private static final Pattern NUMBER = Pattern.compile("\\d");

	@Test
	void quickRunPrintsEveryRow(@TempDir Path folder) throws Exception {
		Path output = folder.resolve("bench.md");

		CliRun run = CliRun.run("bench", "--quick", "--sizes", "256", "--out", output.toString());

		assertEquals(0, run.exitCode(), run.err());
		for (String fact : List.of("- processor: ", "- cores available to Java: ",
			"- maximum heap: ", "- Java: ", "- operating system: ", "- date: "))
		{
			assertTrue(run.out().contains(fact), "missing fact '" + fact + "' in:\n" + run.out());
		}
		List<String[]> rows = tableRows(run.out());
		List<String> benchmarks = rows.stream().map(cells -> cells[0]).toList();
		assertEquals(List.of("nuclei decoding, HoVer-Net", "nuclei decoding, foreground only",
			"outlines alone (LabelPolygons)", "evaluation: nuclei F1 (track 2)",
			"evaluation: tissue Dice", "evaluation: nuclei panoptic quality (track 2)",
			"tiled prediction against the model alone", "peak heap of the tiled prediction"),
			benchmarks, run.out());
		for (String[] cells : rows) {
			assertTrue(MEASURED.matcher(cells[2]).matches(), "no measured value in row: " + String
				.join(" | ", cells));
			assertTrue(cells[1].startsWith("256² px") || !cells[0].contains("tiled"),
				"tiling row not at 256 px: " + cells[1]);
			boolean skipped = cells[3].equals(BenchmarkReport.SKIMAGE_SKIPPED);
			if (!cells[3].equals("-") && !skipped) {
				assertTrue(NUMBER.matcher(cells[3]).find(), "baseline without a number: " + cells[3]);
				assertTrue(NUMBER.matcher(cells[4]).find(), "ratio without a number: " + cells[4]);
			}
		}
		assertEquals(run.out().substring(0, run.out().indexOf("Wrote ")), Files.readString(output,
			StandardCharsets.UTF_8));
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "-5", "abc", "100001", "1024,,5120" })
	void badSizeIsRejected(String sizes) {
		CliRun run = CliRun.run("bench", "--sizes", sizes);

		assertEquals(2, run.exitCode(), run.err());
		String named = sizes.contains(",,") ? "''" : sizes;
		assertTrue(run.err().contains(named), "message does not name '" + named + "': " + run
			.err());
		assertTrue(run.out().isEmpty(), "printed a table for bad sizes: " + run.out());
	}

	@Test
	void existingOutputIsKept(@TempDir Path folder) throws Exception {
		Path output = Files.writeString(folder.resolve("bench.md"), "earlier run");

		CliRun run = CliRun.run("bench", "--quick", "--sizes", "256", "--out", output.toString());

		assertEquals(2, run.exitCode(), run.err());
		assertTrue(run.err().contains("already exists"), run.err());
		assertEquals("earlier run", Files.readString(output));
	}

	/** Returns the cells of each data row of the first Markdown table in {@code text}. */
	private static List<String[]> tableRows(String text) {
		List<String[]> rows = new ArrayList<>();
		boolean header = true;
		for (String line : text.split("\n")) {
			if (!line.startsWith("| ")) {
				continue;
			}
			if (header) {
				header = false;
				continue;
			}
			String[] cells = line.substring(2, line.length() - 2).split(" \\| ", -1);
			assertEquals(6, cells.length, "row with " + cells.length + " cells: " + line);
			rows.add(cells);
		}
		assertFalse(rows.isEmpty(), "no table in:\n" + text);
		return rows;
	}
}
