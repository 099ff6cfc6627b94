package org.pumaseg.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pumaseg.Progress;
import org.pumaseg.image.ImageFileReader;
import org.pumaseg.image.RgbImage;
import org.pumaseg.preprocess.Resampling;
import org.pumaseg.preprocess.StainNormalizationMethod;
import org.pumaseg.testimages.SyntheticHeImage;

/** {@code pumaseg macro}: the headless macro runner and its exit status. */
class MacroCommandTest {

	@Test
	void macroNormalizesWithBracketedPaths(@TempDir Path folder) throws Exception {
		Path input = Files.copy(Path.of("test-images", SyntheticHeImage.DEFAULT_NAME), folder
			.resolve("roi [a] b.tif"));
		Path output = folder.resolve("out put.tif");
		Path macro = Files.writeString(folder.resolve("normalize.ijm"), "open(getArgument());\n" +
			"run(\"Stain Normalization\", \"method=macenko\");\n" + "saveAs(\"Tiff\", \"" + output +
			"\");\n");

		CliRun run = CliRun.run("macro", macro.toString(), "--arg", input.toString());

		assertEquals(0, run.exitCode(), run.err() + run.out());
		ImageFileReader reader = new ImageFileReader();
		RgbImage expected = StainNormalizationMethod.MACENKO.normalize(reader.read(input), null,
			Progress.none());
		assertArrayEquals(expected.packedRgb(), reader.read(output).packedRgb());
	}

	@Test
	void imageJMenuCommandsRunHeadless(@TempDir Path folder) throws Exception {
		Path input = Path.of("test-images", SyntheticHeImage.DEFAULT_NAME);
		Path output = folder.resolve("small.png");
		Path macro = Files.writeString(folder.resolve("menus.ijm"), "open(getArgument());\n" +
			"makeRectangle(100, 50, 200, 120);\n" + "run(\"Crop\");\n" + "run(\"8-bit\");\n" + "run(\"Gaussian Blur...\", \"sigma=1\");\n" +
			"saveAs(\"PNG\", \"" + output + "\");\n" + "close(\"*\");\n");

		CliRun run = CliRun.run("macro", macro.toString(), "--arg", input.toString());

		assertEquals(0, run.exitCode(), run.err() + run.out());
		ij.ImagePlus saved = ij.IJ.openImage(output.toString());
		assertEquals(200, saved.getWidth());
		assertEquals(120, saved.getHeight());
		assertEquals(ij.ImagePlus.GRAY8, saved.getType());
	}

	@Test
	void dialogCommandsAreUnrecognisedHeadless(@TempDir Path folder) throws Exception {
		Path macro = Files.writeString(folder.resolve("window.ijm"), "newImage(\"a\", " +
			"\"8-bit black\", 8, 8, 1);\n" + "run(\"Scale...\", \"x=0.5 y=0.5\");\n");

		CliRun run = CliRun.run("macro", macro.toString());

		assertEquals(1, run.exitCode(), run.err() + run.out());
		assertTrue(run.err().contains("Unrecognized command"), run.err());
		assertTrue(run.err().contains("line 2"), run.err());
		assertFalse(run.err().contains("HeadlessException"), run.err());
		assertFalse(run.err().contains("\tat "), run.err());
	}

	@Test
	void nonImageFileIsNamed(@TempDir Path folder) throws Exception {
		Path text = Files.writeString(folder.resolve("text.tif"), "not an image");
		Path macro = Files.writeString(folder.resolve("open.ijm"), "open(\"" + text + "\");\n");

		CliRun run = CliRun.run("macro", macro.toString());

		assertEquals(2, run.exitCode(), run.err() + run.out());
		assertTrue(run.err().contains(text.toString()), run.err());
		assertTrue(run.err().contains("image"), run.err());
		assertFalse(run.err().contains("HeadlessException"), run.err());
	}

	@Test
	void truncatedTiffRejectedBeforeSegmenting(@TempDir Path folder) throws Exception {
		byte[] whole = Files.readAllBytes(Path.of("test-images", "synthetic_he_512.tif"));
		Path truncated = Files.write(folder.resolve("truncated.tif"), Arrays.copyOf(whole,
			whole.length / 2));
		Path macro = Files.writeString(folder.resolve("segment.ijm"), "open(\"" + truncated +
			"\");\nprint(\"OPENED w=\" + getWidth());\nrun(\"Panoptic Segmentation\", " +
			"\"segment=[nuclei only] nuclei_model=[] tissue_model=[] engine=auto tile_size=256\");\nprint(\"SEGMENTED n=\" + nResults);\n");

		CliRun run = CliRun.run("macro", macro.toString());

		assertEquals(2, run.exitCode(), run.err() + run.out());
		assertTrue(run.out().contains("OPENED w=512"), run.out());
		assertFalse(run.out().contains("SEGMENTED"), run.out());
		assertTrue(run.err().contains(truncated + " is truncated: its image data needs"),
			run.err());
	}

	@Test
	void binaryMacroFileRejected(@TempDir Path folder) throws Exception {
		Path macro = folder.resolve("photo.jpg");
		Files.write(macro, new byte[] { (byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0,
			0x10, 'J', 'F', 'I', 'F' });

		CliRun run = CliRun.run("macro", macro.toString());

		assertEquals(2, run.exitCode(), run.err());
		assertTrue(run.err().contains(macro + " is not UTF-8 text"), run.err());
		assertFalse(run.err().contains("disk space"), run.err());
	}

	@Test
	void exitMessageIsUsageError() throws Exception {
		CliRun run = CliRun.run("macro", Path.of("macros", "segment_image.ijm").toString());

		assertEquals(2, run.exitCode(), run.err() + run.out());
		assertTrue(run.out().contains("Give the image and the results file"), run.out());
		assertFalse(run.err().contains("canceled"), run.err());
		assertFalse(run.err().contains("Error"), run.err());
	}

	@Test
	void plainExitSucceeds(@TempDir Path folder) throws Exception {
		Path macro = Files.writeString(folder.resolve("stop.ijm"), "print(\"done\");\nexit;\n" +
			"exit(\"never reached\");\n");

		CliRun run = CliRun.run("macro", macro.toString());

		assertEquals(0, run.exitCode(), run.err() + run.out());
		assertFalse(run.out().contains("never reached"), run.out());
	}

	@Test
	void decimalCommaIsRejectedNotZero(@TempDir Path folder) throws Exception {
		Path input = Files.copy(Path.of("test-images", SyntheticHeImage.DEFAULT_NAME), folder
			.resolve("roi.tif"));
		Path output = folder.resolve("resampled.tif");
		Path macro = Files.writeString(folder.resolve("resample.ijm"), "open(\"" + input +
			"\");\n" + "run(\"Resample to Pixel Size\", " +
			"\"pixel_size_um=0.5 input_pixel_size_um=0,5\");\n" + "saveAs(\"Tiff\", \"" + output +
			"\");\n");

		CliRun run = CliRun.run("macro", macro.toString());

		assertEquals(2, run.exitCode(), run.err() + run.out());
		assertTrue(run.err().contains("'0,5'"), run.err());
		assertTrue(run.err().contains("point"), run.err());
		assertFalse(Files.exists(output), "the macro went on after the error");
	}

	@Test
	void resampleMacroUsesGivenPixelSize(@TempDir Path folder) throws Exception {
		Path input = Files.copy(Path.of("test-images", SyntheticHeImage.DEFAULT_NAME), folder
			.resolve("roi.tif"));
		Path output = folder.resolve("resampled.tif");
		Path macro = Files.writeString(folder.resolve("resample.ijm"), "open(\"" + input +
			"\");\n" + "run(\"Resample to Pixel Size\", " +
			"\"pixel_size_um=0.5 input_pixel_size_um=0.125\");\n" + "saveAs(\"Tiff\", \"" +
			output + "\");\n");

		CliRun run = CliRun.run("macro", macro.toString());

		assertEquals(0, run.exitCode(), run.err() + run.out());
		RgbImage resampled = new ImageFileReader().read(output);
		assertEquals(Resampling.resampledSize(512, 0.125, 0.5), resampled.width());
	}

	@Test
	void badChoiceAndSyntaxErrorsFail(@TempDir Path folder) throws Exception {
		Path input = Files.copy(Path.of("test-images", SyntheticHeImage.DEFAULT_NAME), folder
			.resolve("roi.tif"));
		Path badChoice = Files.writeString(folder.resolve("choice.ijm"), "open(\"" + input +
			"\");\nrun(\"Stain Normalization\", \"method=vahadane\");\n");
		Path syntax = Files.writeString(folder.resolve("syntax.ijm"), "x = ;\n");

		CliRun choice = CliRun.run("macro", badChoice.toString());
		CliRun broken = CliRun.run("macro", syntax.toString());
		CliRun missing = CliRun.run("macro", folder.resolve("none.ijm").toString());

		assertEquals(2, choice.exitCode(), choice.err());
		assertTrue(choice.err().contains("vahadane"), choice.err());
		assertTrue(choice.err().contains("macenko"), choice.err());
		assertEquals(1, broken.exitCode(), broken.err());
		assertEquals(2, missing.exitCode(), missing.err());
		assertTrue(missing.err().contains("none.ijm"), missing.err());
	}

}
