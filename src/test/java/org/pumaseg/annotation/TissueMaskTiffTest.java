package org.pumaseg.annotation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ShortProcessor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pumaseg.InvalidInputException;
import org.pumaseg.image.PixelSize;

class TissueMaskTiffTest {

	private static List<Path> exampleMasks() throws Exception {
		try (Stream<Path> walk = Files.walk(SharedData.folder("puma_eval_examples"))) {
			return walk.filter(path -> path.toString().endsWith(".tif")).sorted().collect(Collectors
				.toList());
		}
	}

	/** Counts byte values 0..255 in the last width*height bytes (where these files keep pixels). */
	private static long[] rawHistogram(Path file, int pixels) throws Exception {
		byte[] bytes = Files.readAllBytes(file);
		long[] counts = new long[256];
		for (int i = bytes.length - pixels; i < bytes.length; i++) {
			counts[bytes[i] & 0xff]++;
		}
		return counts;
	}

	@Test
	void signedAndUnsignedExampleMasksRead() throws Exception {
		List<Path> masks = exampleMasks();
		assertEquals(5, masks.size());
		for (Path file : masks) {
			TissueMask mask = TissueMaskTiff.read(file);
			assertEquals(1024, mask.width());
			assertEquals(1024, mask.height());
			long[] raw = rawHistogram(file, 1024 * 1024);
			long[] histogram = mask.histogram();
			for (int code = 0; code <= 5; code++) {
				assertEquals(raw[code], histogram[code], file + " code " + code);
			}
			assertTrue(histogram[3] > 0, "every example mask has tumour");
		}
	}

	@Test
	void writtenMaskRoundTripsWithOrganiserTags(@TempDir Path folder) throws Exception {
		byte[] codes = { 0, 1, 2, 3, 4, 5, 3, 3 };
		TissueMask mask = new TissueMask(4, 2, codes, PixelSize.calibrated(0.25, "test"));
		Path file = folder.resolve("mask.tif");
		TissueMaskTiff.write(file, mask);

		TissueMask read = TissueMaskTiff.read(file);
		assertArrayEquals(codes, read.codes());
		assertEquals(0.25, read.pixelSize().umPerPixel(), 1e-9);

		ByteBuffer tiff = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
		int ifd = tiff.getInt(4);
		int entries = tiff.getShort(ifd);
		int sampleFormat = -1;
		int min = -1;
		int max = -1;
		for (int i = 0; i < entries; i++) {
			int at = ifd + 2 + 12 * i;
			int tag = tiff.getShort(at) & 0xffff;
			int value = tiff.getShort(at + 8);
			if (tag == 339) {
				sampleFormat = value;
			}
			else if (tag == 280) {
				min = value;
			}
			else if (tag == 281) {
				max = value;
			}
		}
		assertEquals(2, sampleFormat, "signed 8-bit as the organisers' masks");
		assertEquals(0, min);
		assertEquals(5, max);
	}

	@Test
	void exampleMaskRewriteKeepsCodes(@TempDir Path folder) throws Exception {
		Path example = exampleMasks().get(0);
		TissueMask mask = TissueMaskTiff.read(example);
		Path copy = folder.resolve("copy.tif");
		TissueMaskTiff.write(copy, mask);
		assertArrayEquals(mask.codes(), TissueMaskTiff.read(copy).codes());
	}

	@Test
	void sixteenBitMaskRejectedWithValue(@TempDir Path folder) {
		ShortProcessor processor = new ShortProcessor(4, 4);
		processor.set(2, 2, 300);
		Path file = folder.resolve("mask16.tif");
		new FileSaver(new ImagePlus("mask16", processor)).saveAsTiff(file.toString());
		InvalidInputException error = assertThrows(InvalidInputException.class,
			() -> TissueMaskTiff.read(file));
		assertTrue(error.getMessage().contains("mask16.tif"), error.getMessage());
		assertTrue(error.getMessage().contains("16-bit"), error.getMessage());
		assertTrue(error.getMessage().contains("300"), error.getMessage());
	}

	@Test
	void codeAboveFiveRejected(@TempDir Path folder) {
		ij.process.ByteProcessor processor = new ij.process.ByteProcessor(3, 3);
		processor.set(1, 2, 7);
		Path file = folder.resolve("bad.tif");
		new FileSaver(new ImagePlus("bad", processor)).saveAsTiff(file.toString());
		InvalidInputException error = assertThrows(InvalidInputException.class,
			() -> TissueMaskTiff.read(file));
		assertTrue(error.getMessage().contains("value 7"), error.getMessage());
		assertTrue(error.getMessage().contains("(1, 2)"), error.getMessage());
	}

	@Test
	void nonTiffRejected(@TempDir Path folder) throws Exception {
		Path file = folder.resolve("mask.tif");
		Files.writeString(file, "not a tiff");
		assertThrows(InvalidInputException.class, () -> TissueMaskTiff.read(file));
	}
}
