package org.pumaseg.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pumaseg.til.TilTestFiles;

import ij.macro.Interpreter;

/** Quantify TILs run from ImageJ macro strings. */
class TilMacroTest {

	@BeforeAll
	static void installCommands() throws Exception {
		Set<String> labels = MacroBridge.installCommands();
		assertTrue(labels.contains("Quantify TILs"), labels.toString());
	}

	@Test
	void quantifyTilsRunsFromMacro(@TempDir Path folder) throws Exception {
		Path nuclei = TilTestFiles.writeNuclei(folder);
		Path tissue = TilTestFiles.writeTissueMask(folder);
		Path picture = folder.resolve("til picture.tif");
		String macro = "setBatchMode(true);\n" + //
			"run(\"Quantify TILs\", \"nuclei=[" + nuclei + "] tissue=[" + tissue +
			"] band_width=10\");\n" + //
			"print(\"ROWS=\" + nResults);\n" + //
			"print(\"INSIDE=\" + getResult(\"TILs\", 0));\n" + //
			"print(\"BAND=\" + getResult(\"TILs\", 2));\n" + //
			"saveAs(\"Tiff\", \"" + picture + "\");\n";

		String log = runMacro(macro);

		assertTrue(log.contains("ROWS=4"), log);
		assertTrue(log.contains("INSIDE=4"), log);
		assertTrue(log.contains("BAND=3"), log);
		assertTrue(Files.size(picture) > 0);
	}

	@Test
	void resultFolderRunsFromMacro(@TempDir Path folder) throws Exception {
		Path result = TilTestFiles.writeResultFolder(folder, "roi 7");
		String macro = "setBatchMode(true);\n" + //
			"run(\"Quantify TILs\", \"nuclei=[" + result + "] band_width=10\");\n" + //
			"print(\"ROWS=\" + nResults);\n" + //
			"print(\"INSIDE=\" + getResult(\"TILs\", 0));\n" + //
			"print(\"IMAGE=\" + getResultString(\"Image\", 0));\n";

		String log = runMacro(macro);

		assertTrue(log.contains("ROWS=4"), log);
		assertTrue(log.contains("INSIDE=4"), log);
		assertTrue(log.contains("IMAGE=roi 7"), log);
	}

	@Test
	void uncalibratedNucleiAbortMacro(@TempDir Path folder) throws Exception {
		Path nuclei = TilTestFiles.writeNuclei(folder);
		String macro = "setBatchMode(true);\n" + //
			"run(\"Quantify TILs\", \"nuclei=[" + nuclei + "]\");\n" + //
			"print(\"AFTER\");\n";

		String log = runMacro(macro);

		assertFalse(log.contains("AFTER"), log);
		assertTrue(log.contains("pixel size"), log);
	}

	@Test
	void nucleiOutsideMaskAbortMacro(@TempDir Path folder) throws Exception {
		Path nuclei = TilTestFiles.writeNuclei(folder);
		Path mask = TilTestFiles.writeSmallerTissueMask(folder);
		String macro = "setBatchMode(true);\n" + //
			"run(\"Quantify TILs\", \"nuclei=[" + nuclei + "] tissue=[" + mask + "] image=[] " +
			"pixel_size=0 band_width=10\");\n" + //
			"print(\"AFTER\");\n";

		String log = runMacro(macro);

		assertFalse(log.contains("AFTER"), log);
		assertTrue(log.contains("3 of the 17 nuclei"), log);
		assertTrue(log.contains("150 x 150 pixels"), log);
	}

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
