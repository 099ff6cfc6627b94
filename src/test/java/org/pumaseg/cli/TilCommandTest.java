package org.pumaseg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pumaseg.annotation.SharedData;
import org.pumaseg.til.TilReport;
import org.pumaseg.til.TilTestFiles;

/** {@code pumaseg til} end to end. */
class TilCommandTest {

	@Test
	void writesAllOutputs(@TempDir Path folder) throws Exception {
		Path nuclei = TilTestFiles.writeNuclei(folder);
		Path tissue = TilTestFiles.writeTissueMask(folder);
		Path out = folder.resolve("til out");

		int status = PumaSegCli.run("til", "--nuclei", nuclei.toString(), "--tissue", tissue
			.toString(), "--band-width", "10", "--out", out.toString());

		assertEquals(0, status);
		for (String name : TilCommand.OUTPUT_NAMES) {
			assertTrue(Files.exists(out.resolve(name)), name);
		}
		List<String> csv = Files.readAllLines(out.resolve("til.csv"));
		assertEquals(TilReport.csvHeader(), csv.get(0));
		assertEquals(2, csv.size());
		assertEquals(10, Files.readAllLines(out.resolve("til_cells.csv")).size());
	}

	@Test
	void resultFolderNamesRoi(@TempDir Path folder) throws Exception {
		Path result = TilTestFiles.writeResultFolder(folder, "roi 7");
		Path out = folder.resolve("til out");

		CliRun run = CliRun.run("til", "--nuclei", result.toString(), "--band-width", "10",
			"--out", out.toString());

		assertEquals(0, run.exitCode(), run.err());
		List<String> csv = Files.readAllLines(out.resolve("til.csv"));
		assertTrue(csv.get(1).startsWith("roi 7,"), csv.get(1));
		assertTrue(run.out().contains("tissue map"), run.out());
	}

	@Test
	void existingOutputsNeedOverwrite(@TempDir Path folder) {
		Path nuclei = TilTestFiles.writeNuclei(folder);
		Path tissue = TilTestFiles.writeTissueMask(folder);
		String[] arguments = { "til", "--nuclei", nuclei.toString(), "--tissue", tissue
			.toString(), "--out", folder.resolve("out").toString() };
		assertEquals(0, PumaSegCli.run(arguments));

		assertEquals(PumaSegCli.EXIT_INVALID_INPUT, PumaSegCli.run(arguments));
	}

	@Test
	void missingOutputParentsAreCreated(@TempDir Path folder) {
		Path nuclei = TilTestFiles.writeNuclei(folder);
		Path tissue = TilTestFiles.writeTissueMask(folder);
		Path out = folder.resolve("a/b/til");

		CliRun run = CliRun.run("til", "--nuclei", nuclei.toString(), "--tissue", tissue
			.toString(), "--out", out.toString());

		assertEquals(0, run.exitCode(), run.err());
		assertTrue(Files.exists(out.resolve("til.json")));
	}

	@Test
	void unusableOutputIsInvalidInput(@TempDir Path folder) throws Exception {
		Path nuclei = TilTestFiles.writeNuclei(folder);
		Path tissue = TilTestFiles.writeTissueMask(folder);
		Path file = Files.writeString(folder.resolve("file.txt"), "not a folder");

		CliRun underFile = CliRun.run("til", "--nuclei", nuclei.toString(), "--tissue", tissue
			.toString(), "--out", file.resolve("til").toString());

		assertEquals(PumaSegCli.EXIT_INVALID_INPUT, underFile.exitCode(), underFile.err());
		assertTrue(underFile.err().contains(file + " is a file, not a folder"), underFile.err());

		Path locked = Files.createDirectory(folder.resolve("locked"));
		Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
		try {
			// root may write anywhere, so this half runs only for other users.
			Assumptions.assumeFalse(Files.isWritable(locked), "running as root");
			CliRun unwritable = CliRun.run("til", "--nuclei", nuclei.toString(), "--tissue",
				tissue.toString(), "--out", locked.resolve("til").toString());

			assertEquals(PumaSegCli.EXIT_INVALID_INPUT, unwritable.exitCode(), unwritable.err());
			assertTrue(unwritable.err().contains("not writable"), unwritable.err());
		}
		finally {
			Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
		}
	}

	@Test
	void uncalibratedInputRejected(@TempDir Path folder) {
		Path nuclei = TilTestFiles.writeNuclei(folder);
		Path out = folder.resolve("out");

		int status = PumaSegCli.run("til", "--nuclei", nuclei.toString(), "--out", out
			.toString());

		assertEquals(PumaSegCli.EXIT_INVALID_INPUT, status);
		assertFalse(Files.exists(out.resolve("til.json")), "partial output written");
		CliRun run = CliRun.run("til", "--nuclei", nuclei.toString(), "--out", out.toString());
		assertTrue(run.err().contains("--pixel-size"), run.err());
	}

	@Test
	void nucleiOutsideMaskRejectedWithoutOutput(@TempDir Path folder) {
		Path nuclei = TilTestFiles.writeNuclei(folder);
		Path mask = TilTestFiles.writeSmallerTissueMask(folder);
		Path out = folder.resolve("out");

		CliRun run = CliRun.run("til", "--nuclei", nuclei.toString(), "--tissue", mask
			.toString(), "--out", out.toString());

		assertEquals(PumaSegCli.EXIT_INVALID_INPUT, run.exitCode(), run.err());
		assertTrue(run.err().contains("lie outside tissue mask smaller tissue.tif, which is " +
			"150 x 150 pixels"), run.err());
		assertFalse(Files.exists(out), "output folder created");
	}

	@Test
	void realRoiWithAssumedPixelSize(@TempDir Path folder) throws Exception {
		Path nuclei = SharedData.folder("puma/nuclei_geojson").resolve(
			"training_set_metastatic_roi_094_nuclei.geojson");
		Path tissue = SharedData.folder("puma/tissue_geojson").resolve(
			"training_set_metastatic_roi_094_tissue.geojson");
		Path out = folder.resolve("out");

		int status = PumaSegCli.run("til", "--nuclei", nuclei.toString(), "--tissue", tissue
			.toString(), "--pixel-size", "0.25", "--out", out.toString());

		assertEquals(0, status);
		String json = Files.readString(out.resolve("til.json"));
		assertTrue(json.contains("\"pixelSizeAssumed\" : true"), json.substring(0, 400));
		assertTrue(json.contains("\"tilCount\" : 477"), json.substring(0, 800));
	}
}
