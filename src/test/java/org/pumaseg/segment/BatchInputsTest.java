package org.pumaseg.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
