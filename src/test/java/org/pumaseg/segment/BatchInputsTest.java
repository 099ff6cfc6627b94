package org.pumaseg.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pumaseg.InvalidInputException;

class BatchInputsTest {

	@Test
	void sameImageTwiceIsNamedAsSuch(@TempDir Path folder) throws Exception {
		Path image = Files.write(folder.resolve("roi.png"), new byte[] { 1 });

		InvalidInputException twice = assertThrows(InvalidInputException.class,
			() -> BatchSegmentation.expandInputs(List.of(image, folder.resolve(".").resolve(
				"roi.png"))));

		assertTrue(twice.getMessage().contains("is given twice"), twice.getMessage());
	}

	@Test
	void twoImagesWithOneResultNameAreRefused(@TempDir Path folder) throws Exception {
		Path png = Files.write(folder.resolve("roi.png"), new byte[] { 1 });
		Path tif = Files.write(folder.resolve("roi.tif"), new byte[] { 1 });

		InvalidInputException clash = assertThrows(InvalidInputException.class,
			() -> BatchSegmentation.expandInputs(List.of(png, tif)));

		assertTrue(clash.getMessage().contains("Rename one"), clash.getMessage());
	}

	@Test
	void hiddenFilesInFoldersAreSkipped(@TempDir Path folder) throws Exception {
		Path visible = Files.write(folder.resolve("roi.png"), new byte[] { 1 });
		Files.write(folder.resolve(".roi copy.png"), new byte[] { 1 });
		Files.createDirectory(folder.resolve("more"));

		List<Path> images = BatchSegmentation.expandInputs(List.of(folder));

		assertEquals(List.of(visible), images);
	}

	@Test
	void resultFolderContainingInputIsRejected(@TempDir Path folder) throws Exception {
		Path caseFolder = Files.createDirectory(folder.resolve("roi"));
		Path image = Files.write(caseFolder.resolve("roi.tif"), new byte[] { 1 });
		Path other = Files.write(caseFolder.resolve("other.tif"), new byte[] { 1 });

		for (boolean overwrite : List.of(true, false)) {
			InvalidInputException error = assertThrows(InvalidInputException.class,
				() -> BatchSegmentation.checkTargets(List.of(image), folder, overwrite, false));

			assertTrue(error.getMessage().contains(caseFolder + " contains the input " + image),
				error.getMessage());
			assertTrue(error.getMessage().contains("Choose another output folder (--out)"), error
				.getMessage());
		}
		List<Path> fromFolder = BatchSegmentation.expandInputs(List.of(caseFolder));
		InvalidInputException skipping = assertThrows(InvalidInputException.class,
			() -> BatchSegmentation.checkTargets(fromFolder, folder, false, true));
		assertTrue(skipping.getMessage().contains(caseFolder.toString()), skipping.getMessage());
		assertTrue(Files.exists(image), "input deleted");
		assertTrue(Files.exists(other), "input deleted");
	}

	@Test
	void resultFolderThatIsInputIsRejected(@TempDir Path folder) throws Exception {
		// An image without extension has its own name as result folder name.
		Path image = Files.write(folder.resolve("roi"), new byte[] { 1 });

		InvalidInputException error = assertThrows(InvalidInputException.class,
			() -> BatchSegmentation.checkTargets(List.of(image), folder, true, false));

		assertTrue(error.getMessage().contains(image + " is the input " + image), error
			.getMessage());
	}

	@Test
	void resultFolderLinkedToInputFolderIsRejected(@TempDir Path folder) throws Exception {
		Path caseFolder = Files.createDirectories(folder.resolve("data/roi"));
		Path image = Files.write(caseFolder.resolve("roi.tif"), new byte[] { 1 });
		Path output = Files.createDirectory(folder.resolve("out"));
		Files.createSymbolicLink(output.resolve("roi"), caseFolder);

		InvalidInputException error = assertThrows(InvalidInputException.class,
			() -> BatchSegmentation.checkTargets(List.of(image), output, true, false));

		assertTrue(error.getMessage().contains("contains the input " + image), error.getMessage());
	}

	@Test
	void outputBesideOrInsideInputsIsAccepted(@TempDir Path folder) throws Exception {
		Path inputs = Files.createDirectory(folder.resolve("inputs"));
		Path image = Files.write(inputs.resolve("roi.tif"), new byte[] { 1 });

		BatchSegmentation.checkTargets(List.of(image), folder.resolve("results"), true, false);
		BatchSegmentation.checkTargets(List.of(image), inputs, true, false);
		BatchSegmentation.checkTargets(List.of(image), inputs.resolve("results"), true, false);
	}

	@Test
	void outputFolderLeftOutOfSubfolderWarning(@TempDir Path folder) throws Exception {
		Files.write(folder.resolve("roi.png"), new byte[] { 1 });
		Path output = Files.createDirectory(folder.resolve("results"));

		String alone = standardError(() -> BatchSegmentation.expandInputs(List.of(folder),
			output));
		Files.createDirectory(folder.resolve("more"));
		String withOther = standardError(() -> BatchSegmentation.expandInputs(List.of(folder),
			output));

		assertFalse(alone.contains("not searched"), alone);
		assertTrue(withOther.contains("1 subfolder(s) of " + folder + " are not searched"),
			withOther);
	}

	/** Runs {@code action} and returns what it printed on standard error (slf4j-simple's log). */
	private static String standardError(Runnable action) {
		PrintStream original = System.err;
		ByteArrayOutputStream captured = new ByteArrayOutputStream();
		System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
		try {
			action.run();
		}
		finally {
			System.setErr(original);
		}
		return captured.toString(StandardCharsets.UTF_8);
	}
}
