package org.pumaseg.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pumaseg.fuzz.FuzzInputs;

import ij.ImagePlus;
import ij.io.TiffEncoder;
import ij.process.ColorProcessor;

/**
 * Fuzz test of {@link ImageFileReader} on TIFF, PNG and JPEG bytes. Only
 * {@link org.pumaseg.InvalidInputException} may escape. The reader's pixel limit is lowered to
 * 4 megapixels, so a mutated header that claims a large image meets the reader's own size
 * check before the fuzzer's memory limit. That check works the same at any limit.
 */
class ImageFileReaderFuzzTest {

	private static final Path SCRATCH = FuzzInputs.scratchFolder("pumaseg-fuzz-image");
	private static final ImageFileReader READER = new ImageFileReader(4_000_000);

	@MethodSource("imageSeeds")
	@Timeout(FuzzInputs.TIMEOUT_SECONDS)
	@FuzzTest(maxDuration = FuzzInputs.MAX_DURATION, maxExecutions = FuzzInputs.MAX_EXECUTIONS)
	void imageFile(byte[] input) {
		FuzzInputs.readRejectingOnlyInvalidInput(input, SCRATCH.resolve("fuzz-image"),
			READER::read);
	}

	static Stream<Arguments> imageSeeds() throws IOException {
		BufferedImage rgb = TestImages.gradient(12, 9, BufferedImage.TYPE_INT_RGB);
		List<byte[]> seeds = new ArrayList<>();
		seeds.add(imageJTiff(new ImagePlus("rgb", new ColorProcessor(rgb))));
		seeds.add(imageIo(rgb, "png"));
		seeds.add(imageIo(rgb, "jpeg"));
		seeds.add(imageIo(TestImages.gradient(12, 9, BufferedImage.TYPE_BYTE_GRAY), "png"));
		seeds.add(imageIo(TestImages.gradient(6, 5, BufferedImage.TYPE_INT_ARGB), "png"));
		Path lzw = TestImages.writeTiff(rgb, SCRATCH.resolve("seed-lzw.tif"), "LZW");
		seeds.add(Files.readAllBytes(lzw));
		Path truncated = TestImages.writeTiffHeader(SCRATCH.resolve("seed-header.tif"), 8, 8,
			16);
		seeds.add(Files.readAllBytes(truncated));
		seeds.addAll(FuzzInputs.sharedSeeds("consep_patches/images/test", ".jpg", 1));
		return FuzzInputs.arguments(seeds);
	}

	private static byte[] imageJTiff(ImagePlus image) {
		try {
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			new TiffEncoder(image.getFileInfo()).write(bytes);
			return bytes.toByteArray();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static byte[] imageIo(BufferedImage image, String format) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		if (!ImageIO.write(image, format, bytes)) {
			throw new IllegalStateException("No ImageIO writer for " + format);
		}
		return bytes.toByteArray();
	}
}
