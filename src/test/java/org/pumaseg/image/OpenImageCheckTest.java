package org.pumaseg.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pumaseg.InvalidInputException;

import ij.IJ;
import ij.ImagePlus;

/**
 * Images open in ImageJ are checked against the file ImageJ read them from, with the same
 * messages as the file reader.
 */
class OpenImageCheckTest {

	@Test
	void truncatedTiffOpenedByImageJRejected(@TempDir Path folder) throws Exception {
		Path whole = TestImages.writeTiff(TestImages.gradient(64, 64,
			BufferedImage.TYPE_INT_RGB), folder.resolve("whole.tif"), null);
		byte[] bytes = Files.readAllBytes(whole);
		Path truncated = Files.write(folder.resolve("truncated.tif"), Arrays.copyOf(bytes,
			bytes.length / 2));
		ImagePlus opened = IJ.openImage(truncated.toString());
		assertNotNull(opened, "ImageJ no longer opens a truncated TIFF");

		String message = assertThrows(InvalidInputException.class,
			() -> ImagePlusConverter.fromOpenImage(opened)).getMessage();

		String readerMessage = assertThrows(InvalidInputException.class,
			() -> new ImageFileReader().read(truncated)).getMessage();
		assertTrue(message.contains("is truncated"), message);
		assertEquals(readerMessage, message);
	}

	@Test
	void truncatedJpegOpenedByImageJRejected(@TempDir Path folder) throws Exception {
		Path whole = folder.resolve("whole.jpg");
		ImageIO.write(TestImages.gradient(256, 256, BufferedImage.TYPE_INT_RGB), "jpg", whole
			.toFile());
		byte[] bytes = Files.readAllBytes(whole);
		Path truncated = Files.write(folder.resolve("truncated.jpg"), Arrays.copyOf(bytes,
			bytes.length / 2));
		ImagePlus opened = IJ.openImage(truncated.toString());
		assertNotNull(opened, "ImageJ no longer opens a truncated JPEG");

		String message = assertThrows(InvalidInputException.class,
			() -> ImagePlusConverter.fromOpenImage(opened)).getMessage();

		assertTrue(message.contains(truncated.toString()), message);
		assertTrue(message.contains("is damaged"), message);
	}

	@Test
	void intactFilesOpenedByImageJAccepted(@TempDir Path folder) throws Exception {
		Path tiff = TestImages.writeTiff(TestImages.gradient(64, 48,
			BufferedImage.TYPE_INT_RGB), folder.resolve("intact.tif"), null);
		Path png = folder.resolve("intact.png");
		ImageIO.write(TestImages.gradient(64, 48, BufferedImage.TYPE_INT_RGB), "png", png
			.toFile());

		for (Path file : new Path[] { tiff, png }) {
			RgbImage checked = ImagePlusConverter.fromOpenImage(IJ.openImage(file.toString()));

			assertArrayEquals(new ImageFileReader().read(file).packedRgb(), checked.packedRgb(),
				file.toString());
		}
	}

	@Test
	void imageWithoutFileNotChecked(@TempDir Path folder) throws Exception {
		Path whole = TestImages.writeTiff(TestImages.gradient(64, 64,
			BufferedImage.TYPE_INT_RGB), folder.resolve("whole.tif"), null);
		ImagePlus opened = IJ.openImage(whole.toString());
		ImagePlus inMemory = new ImagePlus("in memory", opened.getProcessor().duplicate());
		Files.write(whole, Arrays.copyOf(Files.readAllBytes(whole), 100));

		RgbImage converted = ImagePlusConverter.fromOpenImage(inMemory);

		assertEquals(64, converted.width());
		assertThrows(InvalidInputException.class, () -> ImagePlusConverter.fromOpenImage(
			opened));
	}
}
