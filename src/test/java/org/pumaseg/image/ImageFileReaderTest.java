package org.pumaseg.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pumaseg.InvalidInputException;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.measure.Calibration;
import ij.process.ByteProcessor;
import ij.process.ShortProcessor;

class ImageFileReaderTest {

	private static final Path SHARED_DATA = Paths.get("..", "shared", "data");

	private final ImageFileReader reader = new ImageFileReader();

	@ParameterizedTest
	@ValueSource(strings = { "none", "LZW", "Deflate", "PackBits" })
	void tiffCompressionsReadExactly(String compression, @TempDir Path folder) throws Exception {
		Path file = TestImages.writeTiff(TestImages.gradient(37, 23,
			BufferedImage.TYPE_INT_RGB), folder.resolve("image.tif"), compression.equals("none")
				? null : compression);

		RgbImage image = reader.read(file);

		assertEquals(37, image.width());
		assertEquals(23, image.height());
		assertPixelsEqualGradient(image);
	}

	@Test
	void pngWithAlphaDropsAlphaKeepsColour(@TempDir Path folder) throws Exception {
		Path file = folder.resolve("rgba.png");
		ImageIO.write(TestImages.gradient(5, 4, BufferedImage.TYPE_INT_ARGB), "png", file
			.toFile());

		RgbImage image = reader.read(file);

		// Column 0 is fully transparent in the file; its stored colour is kept.
		assertPixelsEqualGradient(image);
	}

	@Test
	void jpegReadsCloseToOriginal(@TempDir Path folder) throws Exception {
		Path file = folder.resolve("image.jpg");
		BufferedImage flat = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
		for (int i = 0; i < 256; i++) {
			flat.setRGB(i % 16, i / 16, 0xc08040);
		}
		ImageIO.write(flat, "jpg", file.toFile());

		RgbImage image = reader.read(file);

		int pixel = image.packedRgb()[100];
		assertEquals(0xc0, pixel >> 16 & 0xff, 3);
		assertEquals(0x80, pixel >> 8 & 0xff, 3);
		assertEquals(0x40, pixel & 0xff, 3);
	}

	@Test
	void oneByOneImageIsRead(@TempDir Path folder) throws Exception {
		Path file = TestImages.writeTiff(TestImages.gradient(1, 1, BufferedImage.TYPE_INT_RGB),
			folder.resolve("dot.tif"), null);

		RgbImage image = reader.read(file);

		assertEquals(1, image.width());
		assertEquals(1, image.height());
	}

	@Test
	void threeChannelCompositeBecomesRgb(@TempDir Path folder) {
		ImageStack stack = new ImageStack(2, 1);
		stack.addSlice(new ByteProcessor(2, 1, new byte[] { 10, 20 }));
		stack.addSlice(new ByteProcessor(2, 1, new byte[] { 30, 40 }));
		stack.addSlice(new ByteProcessor(2, 1, new byte[] { 50, (byte) 200 }));
		ImagePlus composite = new ImagePlus("composite", stack);
		composite.setDimensions(3, 1, 1);
		Path file = folder.resolve("composite.tif");
		new FileSaver(composite).saveAsTiffStack(file.toString());

		RgbImage image = reader.read(file);

		assertArrayEquals(new int[] { 0xff0a1e32, 0xff1428c8 }, image.packedRgb());
	}

	@Test
	void greyscaleImagesAreRejected(@TempDir Path folder) {
		Path grey8 = folder.resolve("grey8.tif");
		new FileSaver(new ImagePlus("grey8", new ByteProcessor(4, 4))).saveAsTiff(grey8
			.toString());
		Path grey16 = folder.resolve("grey16.tif");
		new FileSaver(new ImagePlus("grey16", new ShortProcessor(4, 4))).saveAsTiff(grey16
			.toString());

		String message8 = assertThrows(InvalidInputException.class, () -> reader.read(grey8))
			.getMessage();
		String message16 = assertThrows(InvalidInputException.class, () -> reader.read(grey16))
			.getMessage();

		assertTrue(message8.contains("8-bit greyscale"), message8);
		assertTrue(message16.contains("16-bit greyscale"), message16);
		assertTrue(message16.contains("expects one 2-D RGB"), message16);
	}

	@Test
	void stacksAreRejectedNamingAxes(@TempDir Path folder) {
		ImageStack greyStack = new ImageStack(4, 4);
		ImageStack rgbStack = new ImageStack(4, 4);
		for (int i = 0; i < 3; i++) {
			greyStack.addSlice(new ByteProcessor(4, 4));
			rgbStack.addSlice(new ij.process.ColorProcessor(4, 4));
		}
		Path greyFile = folder.resolve("stack.tif");
		new FileSaver(new ImagePlus("stack", greyStack)).saveAsTiffStack(greyFile.toString());
		ImagePlus timeSeries = new ImagePlus("series", rgbStack);
		timeSeries.setDimensions(1, 1, 3);
		Path rgbFile = folder.resolve("series.tif");
		new FileSaver(timeSeries).saveAsTiffStack(rgbFile.toString());

		String greyMessage = assertThrows(InvalidInputException.class, () -> reader.read(
			greyFile)).getMessage();
		String rgbMessage = assertThrows(InvalidInputException.class, () -> reader.read(rgbFile))
			.getMessage();

		assertTrue(greyMessage.contains("Stack to RGB"), greyMessage);
		assertTrue(rgbMessage.contains("3 frame(s)"), rgbMessage);
	}

	@Test
	void sixteenBitCompositeIsRejected(@TempDir Path folder) {
		ImageStack stack = new ImageStack(4, 4);
		for (int i = 0; i < 3; i++) {
			stack.addSlice(new ShortProcessor(4, 4));
		}
		ImagePlus composite = new ImagePlus("c16", stack);
		composite.setDimensions(3, 1, 1);
		Path file = folder.resolve("c16.tif");
		new FileSaver(composite).saveAsTiffStack(file.toString());

		String message = assertThrows(InvalidInputException.class, () -> reader.read(file))
			.getMessage();

		assertTrue(message.contains("RGB Color"), message);
	}

	@Test
	void badFilesAreRejectedByName(@TempDir Path folder) throws Exception {
		Path missing = folder.resolve("missing.tif");
		Path text = Files.writeString(folder.resolve("notes.tif"), "not an image at all");
		Path empty = Files.write(folder.resolve("empty.png"), new byte[0]);
		Path bigTiff = Files.write(folder.resolve("big.tif"), new byte[] { 'I', 'I', 43, 0, 8, 0,
			0, 0 });

		assertMessageContains(missing, "not found");
		assertMessageContains(folder, "is a folder");
		assertMessageContains(text, "not a TIFF, PNG or JPEG");
		assertMessageContains(empty, "is empty");
		assertMessageContains(bigTiff, "BigTIFF");
	}

	@Test
	void truncatedTiffIsRejected(@TempDir Path folder) throws Exception {
		Path whole = TestImages.writeTiff(TestImages.gradient(64, 64,
			BufferedImage.TYPE_INT_RGB), folder.resolve("whole.tif"), null);
		byte[] bytes = Files.readAllBytes(whole);
		Path truncated = Files.write(folder.resolve("truncated.tif"), Arrays.copyOf(bytes,
			bytes.length / 2));

		assertMessageContains(truncated, "truncated");
	}

	@Test
	void shortStripIsRejectedAsDamaged(@TempDir Path folder) throws Exception {
		Path file = TestImages.writeTiffHeader(folder.resolve("claim.tif"), 900, 900, 300, 300);

		String message = assertThrows(InvalidInputException.class, () -> reader.read(file))
			.getMessage();

		assertTrue(message.contains("is damaged"), message);
		assertTrue(message.contains("only 300 bytes"), message);
	}

	@Test
	void invalidSizeIsRejectedAsDamaged(@TempDir Path folder) throws Exception {
		Path file = TestImages.writeTiffHeader(folder.resolve("overflow.tif"), -1, -1, 16, 16);

		String message = assertThrows(InvalidInputException.class, () -> reader.read(file))
			.getMessage();

		assertTrue(message.contains("damaged") || message.contains("cannot be read"), message);
		assertFalse(message.contains("-1 x -1"), message);
	}

	@Test
	void hugeHeaderIsRejectedBeforeAllocation(@TempDir Path folder) throws Exception {
		Path file = TestImages.writeTiffHeader(folder.resolve("huge.tif"), 100_000, 100_000, 16);

		String message = assertThrows(InvalidInputException.class, () -> reader.read(file))
			.getMessage();

		assertTrue(message.contains("100000 x 100000"), message);
		assertTrue(message.contains("10000.0 megapixels"), message);
		assertTrue(message.contains("about 40.00 GB in memory"), message);
	}

	@Test
	void jpegCompressedTiffsNameCompression(@TempDir Path folder) throws Exception {
		// As Pillow writes it: RGB, 256 px wide, a JPEG strip of 32015 bytes. ImageJ describes
		// JPEG TIFFs under 500 px wide as uncompressed.
		Path narrowRgb = TestImages.writeTiffHeader(folder.resolve("pillow jpeg.tif"), 256, 256,
			32015, 32015, 7, 2);
		// As libtiff writes it: YCbCr, 600 px wide.
		Path wideYCbCr = TestImages.writeTiffHeader(folder.resolve("libtiff jpeg.tif"), 600,
			400, 50000, 50000, 7, 6);

		for (Path file : new Path[] { narrowRgb, wideYCbCr }) {
			String message = assertThrows(InvalidInputException.class, () -> reader.read(file))
				.getMessage();

			assertTrue(message.contains("compressed in a way ImageJ cannot read (Compression 7, " +
				"JPEG). Re-export it as an uncompressed, LZW or Deflate TIFF, or as PNG."),
				message);
			assertFalse(message.contains("damaged"), message);
		}
	}

	@Test
	void pixelLimitMessageGivesPixelCounts(@TempDir Path folder) throws Exception {
		Path file = TestImages.writeTiffHeader(folder.resolve("just above.tif"), 46341, 46341,
			16);

		String message = assertThrows(InvalidInputException.class, () -> reader.read(file))
			.getMessage();

		assertTrue(message.contains("46341 x 46341 pixels (2,147,488,281 pixels"), message);
		assertTrue(message.contains("above the limit of 2,147,483,647 pixels"), message);
	}

	@Test
	void heapMessageGivesXmxValue(@TempDir Path folder) throws Exception {
		// 46000 x 46000 pixels are below the pixel limit and need 8,464,000,000 bytes.
		assumeTrue(Runtime.getRuntime().maxMemory() / 2 < 8_464_000_000L,
			"the test heap holds the image");
		Path file = TestImages.writeTiffHeader(folder.resolve("large.tif"), 46000, 46000, 16);

		String message = assertThrows(InvalidInputException.class, () -> reader.read(file))
			.getMessage();

		assertTrue(message.contains("more than half of the"), message);
		// Twice the 8,464,000,000 bytes plus 256 MB is 16.02 GiB.
		assertTrue(message.contains("JAVA_OPTS=-Xmx17g)"), message);
		assertFalse(message.contains("-Xmx..."), message);
	}

	@Test
	void pixelLimitIsConfigurable(@TempDir Path folder) throws Exception {
		Path file = TestImages.writeTiff(TestImages.gradient(40, 30,
			BufferedImage.TYPE_INT_RGB), folder.resolve("small.tif"), null);

		String message = assertThrows(InvalidInputException.class, () -> new ImageFileReader(
			1000).read(file)).getMessage();

		assertTrue(message.contains("above the limit"), message);
		assertThrows(InvalidInputException.class, () -> new ImageFileReader(0));
	}

	@Test
	void imageJCalibrationGivesMicrometres(@TempDir Path folder) {
		ImagePlus image = new ImagePlus("calibrated", new ij.process.ColorProcessor(8, 8));
		Calibration calibration = new Calibration();
		calibration.pixelWidth = 0.000025;
		calibration.pixelHeight = 0.000025;
		calibration.setUnit("cm");
		image.setCalibration(calibration);
		Path file = folder.resolve("calibrated.tif");
		new FileSaver(image).saveAsTiff(file.toString());

		PixelSize pixelSize = reader.read(file).pixelSize();

		assertTrue(pixelSize.calibrated());
		assertEquals(0.25, pixelSize.umPerPixel(), 1e-9);
	}

	@Test
	void dpiOnlyImageIsUncalibrated() {
		Path roi = SHARED_DATA.resolve("puma/images/training_set_metastatic_roi_094.tif");
		assumeTrue(Files.exists(roi), "PUMA sample data not present");

		RgbImage image = reader.read(roi);

		assertEquals(1024, image.width());
		assertFalse(image.pixelSize().calibrated());
		assertTrue(Double.isNaN(image.pixelSize().umPerPixel()));
		assertTrue(image.pixelSize().origin().contains("dpi"), image.pixelSize().origin());
	}

	@Test
	void realLzwAndPackBitsTiffsRead() {
		Path lzw = SHARED_DATA.resolve("monuseg/train/images/TCGA-21-5784-01Z-00-DX1.tif");
		Path packBits = SHARED_DATA.resolve("monuseg/images/TCGA-2Z-A9J9-01A-01-TS1.tif");
		assumeTrue(Files.exists(lzw) && Files.exists(packBits), "MoNuSeg data not present");

		RgbImage lzwImage = reader.read(lzw);
		RgbImage packBitsImage = reader.read(packBits);

		assertEquals(1000, lzwImage.width());
		assertEquals(1000, packBitsImage.height());
		assertTrue(Arrays.stream(lzwImage.packedRgb()).distinct().count() > 1000);
	}

	private void assertMessageContains(Path file, String expected) {
		String message = assertThrows(InvalidInputException.class, () -> reader.read(file))
			.getMessage();
		assertTrue(message.contains(expected), message);
		assertTrue(message.contains(file.getFileName().toString()), message);
	}

	private static void assertPixelsEqualGradient(RgbImage image) {
		int[] pixels = image.packedRgb();
		for (int y = 0; y < image.height(); y++) {
			for (int x = 0; x < image.width(); x++) {
				assertEquals(Integer.toHexString(TestImages.expectedRgb(x, y)), Integer
					.toHexString(pixels[y * image.width() + x] | 0xff000000), "pixel " + x + "," +
						y);
			}
		}
	}

	static {
		IJ.redirectErrorMessages();
	}
}
