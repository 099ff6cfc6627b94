package org.pumaseg.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pumaseg.Progress;
import org.pumaseg.image.ImageFileReader;
import org.pumaseg.image.ImageFileWriter;
import org.pumaseg.image.RgbImage;
import org.pumaseg.preprocess.StainNormalizationMethod;
import org.pumaseg.testimages.SyntheticHeImage;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.ByteProcessor;
import ij.process.ShortProcessor;

/** {@code pumaseg normalize} end to end, including every kind of bad input. */
class NormalizeCommandTest {

	@Test
	void macenkoWritesNormalizedTiff(@TempDir Path folder) throws Exception {
		Path input = writeSynthetic(folder.resolve("roi.tif"));
		Path output = folder.resolve("normalized.tif");

		CliRun run = CliRun.run("normalize", input.toString(), "--method", "macenko", "--out", output
			.toString());

		assertEquals(0, run.exitCode(), run.err());
		assertTrue(run.out().contains("Wrote " + output), run.out());
		ImageFileReader reader = new ImageFileReader();
		RgbImage expected = StainNormalizationMethod.MACENKO.normalize(reader.read(input), null,
			Progress.none());
		RgbImage written = reader.read(output);
		assertArrayEquals(expected.packedRgb(), written.packedRgb());
		assertEquals(0.25, written.pixelSize().umPerPixel(), 1e-9);
	}

	@Test
	void pathsWithSpacesAndBracketsWork(@TempDir Path parent) throws Exception {
		Path folder = Files.createDirectories(parent.resolve("slide 7 [H&E] (µm)"));
		Path input = writeSynthetic(folder.resolve("roi 1 [x4].tif"));
		Path reference = writeSynthetic(folder.resolve("reference (v2) [a].tif"));
		Path output = folder.resolve("normalized [reinhard] é.tif");

		CliRun run = CliRun.run("normalize", input.toString(), "--method", "reinhard", "--reference",
			reference.toString(), "--out", output.toString());

		assertEquals(0, run.exitCode(), run.err());
		ImageFileReader reader = new ImageFileReader();
		RgbImage expected = StainNormalizationMethod.REINHARD.normalize(reader.read(input), reader
			.read(reference), Progress.none());
		assertArrayEquals(expected.packedRgb(), reader.read(output).packedRgb());
	}

	@Test
	void reinhardWithReferenceWritesPng(@TempDir Path folder) throws Exception {
		Path input = writeSynthetic(folder.resolve("roi.tif"));
		Path reference = folder.resolve("reference image.tif");
		ImageFileWriter.write(SyntheticHeImage.render(64, 0.25, 99), reference);
		Path output = folder.resolve("normalized.png");

		CliRun run = CliRun.run("normalize", input.toString(), "--method", "REINHARD", "--reference",
			reference.toString(), "--out", output.toString());

		assertEquals(0, run.exitCode(), run.err());
		ImageFileReader reader = new ImageFileReader();
		RgbImage expected = StainNormalizationMethod.REINHARD.normalize(reader.read(input), reader
			.read(reference), Progress.none());
		assertArrayEquals(expected.packedRgb(), reader.read(output).packedRgb());
	}

	@Test
	void rgbaInputDropsAlpha(@TempDir Path folder) throws Exception {
		RgbImage synthetic = SyntheticHeImage.render(64, 0.25, 8);
		BufferedImage rgba = new BufferedImage(64, 64, BufferedImage.TYPE_INT_ARGB);
		int[] pixels = synthetic.packedRgb().clone();
		for (int i = 0; i < pixels.length; i++) {
			pixels[i] = (pixels[i] & 0xffffff) | (i % 2 == 0 ? 0x80000000 : 0xff000000);
		}
		rgba.setRGB(0, 0, 64, 64, pixels, 0, 64);
		Path input = folder.resolve("rgba.png");
		ImageIO.write(rgba, "png", input.toFile());
		Path output = folder.resolve("out.tif");

		CliRun run = CliRun.run("normalize", input.toString(), "--method", "macenko", "--out", output
			.toString());

		assertEquals(0, run.exitCode(), run.err());
		assertTrue(Files.exists(output));
	}

	@Test
	void missingInputIsNamed(@TempDir Path folder) throws Exception {
		Path output = folder.resolve("out.tif");

		CliRun run = CliRun.run("normalize", folder.resolve("nope.tif").toString(), "--method", "macenko",
			"--out", output.toString());

		assertInvalid(run, "nope.tif", "not found");
		assertFalse(Files.exists(output));
	}

	@Test
	void badInputsAreRejectedWithoutOutput(@TempDir Path folder) throws Exception {
		Path text = Files.writeString(folder.resolve("notes.tif"), "plain text");
		Path truncated = folder.resolve("truncated.tif");
		byte[] whole = Files.readAllBytes(writeSynthetic(folder.resolve("whole.tif")));
		Files.write(truncated, Arrays.copyOf(whole, whole.length / 3));
		Path grey = folder.resolve("grey.tif");
		new FileSaver(new ImagePlus("grey", new ByteProcessor(32, 32))).saveAsTiff(grey
			.toString());
		Path grey16 = folder.resolve("grey16.tif");
		new FileSaver(new ImagePlus("grey16", new ShortProcessor(32, 32))).saveAsTiff(grey16
			.toString());
		ImageStack slices = new ImageStack(32, 32);
		for (int i = 0; i < 4; i++) {
			slices.addSlice(new ij.process.ColorProcessor(32, 32));
		}
		Path stack = folder.resolve("stack.tif");
		new FileSaver(new ImagePlus("stack", slices)).saveAsTiffStack(stack.toString());
		Path dot = folder.resolve("dot.tif");
		ImageFileWriter.write(SyntheticHeImage.render(1, 0.25, 1), dot);
		Path empty = writeHeaderOnly(folder.resolve("empty.tif"));

		assertInvalid(normalize(text, folder), "notes.tif", "not a TIFF, PNG or JPEG");
		assertInvalid(normalize(truncated, folder), "truncated.tif", "truncated");
		assertInvalid(normalize(grey, folder), "grey.tif", "is an 8-bit greyscale");
		assertInvalid(normalize(grey16, folder), "grey16.tif", "is a 16-bit greyscale");
		assertFalse(normalize(grey, folder).err().contains("segment"), "a message for segment");
		assertInvalid(normalize(stack, folder), "stack.tif", "4 slice(s)");
		assertInvalid(normalize(dot, folder), "dot", "stain");
		assertInvalid(normalize(empty, folder), "empty.tif", "no pixels");
		assertFalse(Files.exists(folder.resolve("out.tif")), "an output was written");
	}

	@Test
	void failedRunCreatesNoOutputFolder(@TempDir Path folder) throws Exception {
		Path grey = folder.resolve("grey.tif");
		new FileSaver(new ImagePlus("grey", new ByteProcessor(32, 32))).saveAsTiff(grey
			.toString());
		Path missing = folder.resolve("new");

		CliRun run = CliRun.run("normalize", grey.toString(), "--method", "macenko", "--out",
			missing.resolve("out.tif").toString());

		assertInvalid(run, "grey.tif", "greyscale");
		assertFalse(Files.exists(missing), "the output folder was created for a failed run");
	}

	@Test
	void paleReferenceIsNamedAsReference(@TempDir Path folder) throws Exception {
		Path input = writeSynthetic(folder.resolve("roi.tif"));
		Path pale = folder.resolve("pale.tif");
		ImageFileWriter.write(SyntheticHeImage.render(1, 0.25, 1), pale);

		for (String method : List.of("macenko", "reinhard")) {
			CliRun run = CliRun.run("normalize", input.toString(), "--method", method,
				"--reference", pale.toString(), "--out", folder.resolve("out.tif").toString());

			assertInvalid(run, "Reference image " + pale, "stained pixel");
			assertTrue(run.err().contains("--reference"), run.err());
		}
		assertFalse(Files.exists(folder.resolve("out.tif")), "an output was written");
	}

	@Test
	void outputEqualToInputIsRejected(@TempDir Path folder) throws Exception {
		Path input = writeSynthetic(folder.resolve("roi.tif"));
		byte[] before = Files.readAllBytes(input);

		CliRun run = CliRun.run("normalize", input.toString(), "--method", "macenko", "--out", input
			.toString(), "--overwrite");

		assertInvalid(run, "roi.tif", "never overwrites its input");
		assertArrayEquals(before, Files.readAllBytes(input));
	}

	@Test
	void unwritableOrMissingFolderIsNamed(@TempDir Path folder) throws Exception {
		Path input = writeSynthetic(folder.resolve("roi.tif"));
		Path locked = Files.createDirectory(folder.resolve("locked"));
		Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
		try {
			CliRun missing = CliRun.run("normalize", input.toString(), "--method", "macenko", "--out", folder
				.resolve("no/such/folder/out.tif").toString());
			assertEquals(0, missing.exitCode(), missing.err());
			assertEquals(64, new ImageFileReader().read(folder.resolve("no/such/folder/out.tif"))
				.width());
			if (!Files.isWritable(locked)) {
				CliRun unwritableParent = CliRun.run("normalize", input.toString(), "--method",
					"macenko", "--out", locked.resolve("new/out.tif").toString());
				assertInvalid(unwritableParent, "locked", "not writable");
			}
			if (!Files.isWritable(locked)) {
				CliRun unwritable = CliRun.run("normalize", input.toString(), "--method", "macenko", "--out",
					locked.resolve("out.tif").toString());
				assertInvalid(unwritable, "locked", "not writable");
			}
		}
		finally {
			Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
		}
		try (var listing = Files.list(locked)) {
			assertEquals(0, listing.count());
		}
	}

	@Test
	void existingOutputNeedsOverwrite(@TempDir Path folder) throws Exception {
		Path input = writeSynthetic(folder.resolve("roi.tif"));
		Path output = Files.writeString(folder.resolve("out.tif"), "keep me");

		CliRun refused = CliRun.run("normalize", input.toString(), "--method", "macenko", "--out", output
			.toString());
		assertInvalid(refused, "out.tif", "--overwrite");
		assertEquals("keep me", Files.readString(output));

		CliRun replaced = CliRun.run("normalize", input.toString(), "--method", "macenko", "--out", output
			.toString(), "--overwrite");
		assertEquals(0, replaced.exitCode(), replaced.err());
		assertEquals(64, new ImageFileReader().read(output).width());
	}

	@Test
	void badOptionsAreUsageErrors(@TempDir Path folder) throws Exception {
		Path input = writeSynthetic(folder.resolve("roi.tif"));

		CliRun unknownMethod = CliRun.run("normalize", input.toString(), "--method", "vahadane", "--out",
			folder.resolve("out.tif").toString());
		CliRun badExtension = CliRun.run("normalize", input.toString(), "--method", "macenko", "--out",
			folder.resolve("out.bmp").toString());
		CliRun missingOut = CliRun.run("normalize", input.toString(), "--method", "macenko");

		assertInvalid(unknownMethod, "vahadane", "macenko, reinhard");
		assertInvalid(badExtension, "out.bmp", ".tif, .tiff or .png");
		assertEquals(2, missingOut.exitCode());
		assertTrue(missingOut.err().contains("--out"), missingOut.err());
	}

	@Test
	void helpListsOptions() throws Exception {
		CliRun run = CliRun.run("normalize", "--help");

		assertEquals(0, run.exitCode());
		assertTrue(run.out().contains("--reference"), run.out());
		assertTrue(run.out().contains("macenko or reinhard"), run.out());
	}

	private static CliRun normalize(Path input, Path folder) throws Exception {
		return CliRun.run("normalize", input.toString(), "--method", "macenko", "--out", folder.resolve(
			"out.tif").toString());
	}

	private static void assertInvalid(CliRun run, String name, String reason) {
		assertEquals(2, run.exitCode(), run.err());
		assertTrue(run.err().contains(name), run.err());
		assertTrue(run.err().contains(reason), run.err());
		assertFalse(run.err().contains("\tat "), "stack trace: " + run.err());
	}

	private static Path writeSynthetic(Path file) throws Exception {
		ImageFileWriter.write(SyntheticHeImage.render(64, 0.25, 5), file);
		return file;
	}

	/** A TIFF whose header claims a 0 x 0 image. */
	private static Path writeHeaderOnly(Path file) throws Exception {
		byte[] header = { 'I', 'I', 42, 0, 8, 0, 0, 0, 2, 0, //
			0, 1, 4, 0, 1, 0, 0, 0, 0, 0, 0, 0, // ImageWidth 0
			1, 1, 4, 0, 1, 0, 0, 0, 0, 0, 0, 0, // ImageLength 0
			0, 0, 0, 0 };
		return Files.write(file, header);
	}

}
