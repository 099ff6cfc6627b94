package org.pumaseg.image;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pumaseg.InvalidInputException;

/** Hand-made TIFF directory structures that the IFD check must accept or reject. */
class TiffStructureTest {

	@Test
	void validTiffPasses(@TempDir Path folder) throws Exception {
		Path file = TestImages.writeTiff(TestImages.gradient(8, 8, BufferedImage.TYPE_INT_RGB),
			folder.resolve("valid.tif"), "LZW");

		TiffStructure.check(file, "TIFF file");
	}

	@Test
	void loopingDirectoryChainIsRejected(@TempDir Path folder) throws Exception {
		ByteBuffer tiff = header(1);
		entry(tiff, 256, 3, 1, 8);
		tiff.putInt(8); // the next IFD is this one again
		Path file = Files.write(folder.resolve("loop.tif"), tiff.array());

		assertRejected(file, "loops back to offset 8");
	}

	@Test
	void directoryBeyondFileIsRejected(@TempDir Path folder) throws Exception {
		ByteBuffer tiff = header(40);
		Path file = Files.write(folder.resolve("short.tif"), tiff.array());

		assertRejected(file, "has 40 entries");
	}

	@Test
	void nonTiffIsRejected(@TempDir Path folder) throws Exception {
		Path file = Files.writeString(folder.resolve("text.tif"), "not a TIFF at all");

		assertRejected(file, "is not a TIFF file");
	}

	private static ByteBuffer header(int entries) {
		ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 12 + 4).order(ByteOrder.LITTLE_ENDIAN);
		tiff.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
		tiff.putShort((short) entries);
		return tiff;
	}

	private static void entry(ByteBuffer tiff, int tag, int type, int count, int value) {
		tiff.putShort((short) tag).putShort((short) type).putInt(count).putInt(value);
	}

	private static void assertRejected(Path file, String expected) {
		String message = assertThrows(InvalidInputException.class, () -> TiffStructure.check(
			file, "TIFF file")).getMessage();
		assertTrue(message.contains(expected), message);
	}
}
