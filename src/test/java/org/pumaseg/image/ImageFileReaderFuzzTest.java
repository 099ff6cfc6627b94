package org.pumaseg.image;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pumaseg.InvalidInputException;
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

	/**
	 * Fuzzer finding: a 471-byte big-endian TIFF whose StripOffsets entry declares 16,580,352
	 * values. ImageJ's TiffDecoder read them one by one for about 50 s before the reader
	 * rejected the file. The IFD check now rejects it before the decoder runs.
	 */
	@Test
	void stripOffsetCountBeyondFileIsRejected() throws IOException {
		byte[] slow = HexFormat.of().parseHex(
			"4d4d002a00000008000c0100000300000001000c0000010100030000000100090000010200030000" +
			"0003000000a00103000300000001000500000106000300000001000200000111000400fcff000000" +
			"00b801150003000000010003000001160003000000010009000001170004000000010000011e011a" +
			"000500000001000000a8011b000500000001000000b0012800030000000100010000000000000000" +
			"0008000800080000000000010000000100000001000000018000204010000404000100c000302000" +
			"0805000140c000301c00070400010090002414000502c012200c960c020080c06010201002050280" +
			"40c060081c0e0104020020904804140a0082c1601064225109010080803010140802030140407030" +
			"08100701024100205024040b05008180b01033172b864240b2a0352c0f6b0401806090380c140801" +
			"82c120306028060d0580c1d0e9743e95720201e5a08a7026da0ac502c100406024080d050101c0b0" +
			"203e233189536ea05c9814133005544176f066301ba7070280a0f0581421149a456a178036580db2" +
			"0302e660caa036e20ec703f5210e10462f378c54ef60547cc81f6a07064541b360755c1f74086402" +
			"3ab0946a751bab5f8119c04033480d030201d1807ce4215a08ddc259209c04");
		Path file = Files.write(SCRATCH.resolve("many-strips.tif"), slow);

		InvalidInputException error = assertThrows(InvalidInputException.class, () -> READER.read(
			file));

		assertTrue(error.getMessage().contains("tag 273 declares 16580352 values"), error
			.getMessage());
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
