package org.pumaseg.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pumaseg.InvalidInputException;

class NpyTest {

	@TempDir
	Path folder;

	static Stream<Arguments> layouts() {
		List<Arguments> layouts = new ArrayList<>();
		for (NpyArray array : List.of(sample(NpyArray.DType.FLOAT32), sample(NpyArray.DType.FLOAT64),
			sample(NpyArray.DType.UINT8), sample(NpyArray.DType.INT32)))
		{
			for (ByteOrder order : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
				for (boolean fortran : List.of(false, true)) {
					for (int version : List.of(1, 2)) {
						layouts.add(Arguments.of(array, order, fortran, version));
					}
				}
			}
		}
		return layouts.stream();
	}

	/** Builds a 2 x 3 x 4 array of distinct elements, so that any misplacement shows. */
	private static NpyArray sample(NpyArray.DType dtype) {
		int[] shape = { 2, 3, 4 };
		int count = 24;
		switch (dtype) {
			case FLOAT32: {
				float[] values = new float[count];
				for (int i = 0; i < count; i++) values[i] = i * 1.5f - 7.25f;
				return NpyArray.ofFloat32(values, shape);
			}
			case FLOAT64: {
				double[] values = new double[count];
				for (int i = 0; i < count; i++) values[i] = Math.PI * i - 1e300 * (i % 2);
				return NpyArray.ofFloat64(values, shape);
			}
			case UINT8: {
				byte[] values = new byte[count];
				for (int i = 0; i < count; i++) values[i] = (byte) (i * 11);
				return NpyArray.ofUint8(values, shape);
			}
			default: {
				int[] values = new int[count];
				for (int i = 0; i < count; i++) values[i] = i * 100_003 - 1_000_000;
				return NpyArray.ofInt32(values, shape);
			}
		}
	}

	@ParameterizedTest(name = "{0}, {1}, fortran {2}, version {3}")
	@MethodSource("layouts")
	void writtenArraysReadBackEqual(NpyArray array, ByteOrder order, boolean fortran,
		int version)
	{
		Path file = folder.resolve("array.npy");
		Npy.write(file, array, order, fortran, version);

		NpyArray read = Npy.read(file);

		assertEquals(array, read);
		byte[] bytes = Npy.toBytes(array, order, fortran, version);
		int headerEnd = version == 1 ? 10 + (bytes[8] & 0xff | (bytes[9] & 0xff) << 8)
			: 12 + ByteBuffer.wrap(bytes, 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
		assertEquals(0, headerEnd % 64, "data starts on a 64-byte boundary like NumPy's");
	}

	@Test
	void writesTheBytesNumpySaveWrites() {
		// np.save of np.arange(6, dtype='<f4').reshape(2, 3), NumPy 2.4.
		float[] values = { 0, 1, 2, 3, 4, 5 };
		byte[] bytes = Npy.toBytes(NpyArray.ofFloat32(values, 2, 3), ByteOrder.LITTLE_ENDIAN,
			false, 1);

		String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }";
		byte[] expectedStart = numpyHeader(1, header, 118);
		assertEquals(128 + 24, bytes.length);
		assertArrayEquals(expectedStart, java.util.Arrays.copyOf(bytes, 128));
		assertEquals(1f, ByteBuffer.wrap(bytes, 132, 4).order(ByteOrder.LITTLE_ENDIAN)
			.getFloat());
	}

	@Test
	void readsBigEndianFortranOrder() {
		// np.asfortranarray(np.arange(6, dtype='>i4').reshape(2, 3)), written by NumPy 2.4.
		String header = "{'descr': '>i4', 'fortran_order': True, 'shape': (2, 3), }";
		byte[] bytes = concat(numpyHeader(1, header, 118), HexFormat.of().parseHex(
			"000000000000000300000001000000040000000200000005"));

		NpyArray array = Npy.parse(bytes, "fortran.npy");

		assertEquals(NpyArray.DType.INT32, array.dtype());
		assertArrayEquals(new int[] { 2, 3 }, array.shape());
		for (int i = 0; i < 6; i++) {
			assertEquals(i, array.getDouble(i), "element " + i + " in C order");
		}
	}

	@Test
	void readsVersion2AndScalars() {
		// np.lib.format.write_array(f, np.array([1, 2, 255], np.uint8), version=(2, 0))
		String header = "{'descr': '|u1', 'fortran_order': False, 'shape': (3,), }";
		byte[] bytes = concat(numpyHeader(2, header, 116), new byte[] { 1, 2, (byte) 255 });
		NpyArray array = Npy.parse(bytes, "v2.npy");
		assertArrayEquals(new int[] { 3 }, array.shape());
		assertEquals(255, array.getDouble(2));

		NpyArray scalar = NpyArray.ofFloat64(new double[] { 3.5 });
		NpyArray read = Npy.parse(Npy.toBytes(scalar, ByteOrder.LITTLE_ENDIAN, false, 1),
			"scalar.npy");
		assertEquals(0, read.rank());
		assertEquals(3.5, read.getDouble(0));
	}

	@Test
	void readsPython2LongsAndDoubleQuotes() {
		String header = "{\"descr\": \"<f4\", \"fortran_order\": False, \"shape\": (1L, 2L)}";
		byte[] data = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(1).putFloat(2)
			.array();
		NpyArray array = Npy.parse(concat(numpyHeader(1, header, header.length() + 1), data),
			"py2.npy");
		assertArrayEquals(new int[] { 1, 2 }, array.shape());
		assertEquals(2, array.getDouble(1));
	}

	/** The CoNSeP instance maps are real .npy files written by NumPy (int32, 256 x 256). */
	@Test
	void readsRealConsepInstanceMapsMatchingTheirMasks() throws IOException {
		Path data = Path.of("..", "shared", "data", "consep_patches");
		Path npy = data.resolve("inst/test/test_1_000.npy");
		Path mask = data.resolve("seg_mask/test/test_1_000.png");
		assumeTrue(Files.exists(npy) && Files.exists(mask), "CoNSeP test patches not present");

		NpyArray instances = Npy.read(npy);
		BufferedImage segmentation = ImageIO.read(mask.toFile());

		assertEquals(NpyArray.DType.INT32, instances.dtype());
		assertArrayEquals(new int[] { 256, 256 }, instances.shape());
		int foreground = 0;
		for (int row = 0; row < 256; row++) {
			for (int column = 0; column < 256; column++) {
				boolean nucleus = instances.getDouble(row * 256 + column) > 0;
				boolean masked = (segmentation.getRaster().getSample(column, row, 0)) > 0;
				assertEquals(masked, nucleus, "pixel (" + column + ", " + row + ")");
				foreground += nucleus ? 1 : 0;
			}
		}
		assertTrue(foreground > 1000, "the patch has nuclei");
	}

	static Stream<Arguments> malformedFiles() {
		String ok = "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }";
		byte[] twoFloats = new byte[8];
		return Stream.of(
			Arguments.of("not a .npy file", "PK\3\4 this is a zip".getBytes(StandardCharsets.US_ASCII),
				"magic string"),
			Arguments.of("too short", new byte[] { (byte) 0x93, 'N', 'U' }, "too short"),
			Arguments.of("unknown version", concat(withVersion(numpyHeader(1, ok, 64), 4),
				twoFloats), "version 4.0"),
			Arguments.of("header longer than the file", concat(prefix(1, 5000), ok.getBytes(
				StandardCharsets.US_ASCII)), "file ends before it"),
			Arguments.of("huge declared header", concat(prefix(2, 1_000_000_000), new byte[100]),
				"more than the 65536 bytes"),
			Arguments.of("no final newline", concat(prefix(1, ok.length()), ok.getBytes(
				StandardCharsets.US_ASCII)), "newline"),
			Arguments.of("missing key", file("{'descr': '<f4', 'shape': (2,), }", twoFloats),
				"'fortran_order' is missing"),
			Arguments.of("unknown key", file("{'descr': '<f4', 'fortran_order': False, 'shape': " +
				"(2,), 'extra': 1, }", twoFloats), "unknown keys [extra]"),
			Arguments.of("repeated key", file("{'descr': '<f4', 'descr': '<f4', 'fortran_order': " +
				"False, 'shape': (2,), }", twoFloats), "appears twice"),
			Arguments.of("int64 elements", file(ok.replace("<f4", "<i8"), new byte[16]),
				"type '<i8'"),
			Arguments.of("bool elements", file(ok.replace("<f4", "|b1"), new byte[2]),
				"type '|b1'"),
			Arguments.of("structured array", file("{'descr': [('a', '<f4'), ('b', '<i4')], " +
				"'fortran_order': False, 'shape': (2,), }", new byte[16]), "structured"),
			Arguments.of("native byte order", file(ok.replace("<f4", "=f4"), twoFloats),
				"byte order '='"),
			Arguments.of("fortran_order not a truth value", file(ok.replace("False", "0"),
				twoFloats), "not True or False"),
			Arguments.of("negative dimension", file(ok.replace("(2,)", "(-2,)"), twoFloats),
				"non-negative whole numbers"),
			Arguments.of("fractional dimension", file(ok.replace("(2,)", "(2.5,)"), twoFloats),
				"shape tuple is not closed"),
			Arguments.of("unclosed dict", file("{'descr': '<f4', 'fortran_order': False", twoFloats),
				"ends too early"),
			Arguments.of("text after the dict", file(ok + " junk", twoFloats), "after the closing"),
			Arguments.of("data too short", file(ok, new byte[7]), "holds 7 bytes of data"),
			Arguments.of("data too long", file(ok, new byte[9]), "holds 9 bytes of data"),
			Arguments.of("shape too large", file(ok.replace("(2,)", "(100000, 100000)"), twoFloats),
				"too many elements"),
			Arguments.of("dimension beyond int", file(ok.replace("(2,)", "(99999999999,)"),
				twoFloats), "larger than PumaSeg handles"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("malformedFiles")
	void malformedFilesAreRejectedWithTheirProblem(String name, byte[] bytes, String problem)
		throws IOException
	{
		Path file = folder.resolve("bad.npy");
		Files.write(file, bytes);

		InvalidInputException error = assertThrows(InvalidInputException.class, () -> Npy.read(
			file));

		assertTrue(error.getMessage().startsWith("NumPy file 'bad.npy' "), error.getMessage());
		assertTrue(error.getMessage().contains(problem), error.getMessage());
		assertTrue(error.getMessage().contains("Fix: "), error.getMessage());
	}

	@Test
	void writingReplacesNothingWhenTheFolderIsMissing() {
		Path file = folder.resolve("missing/array.npy");
		assertThrows(InvalidInputException.class, () -> Npy.write(file, sample(
			NpyArray.DType.UINT8)));
		assertTrue(Files.notExists(file));
	}

	@Test
	void shapesMustFitTheElements() {
		assertThrows(IllegalArgumentException.class, () -> NpyArray.ofFloat32(new float[5], 2, 3));
		assertThrows(IllegalArgumentException.class, () -> NpyArray.ofInt32(new int[0], -1));
	}

	// --- building raw files --------------------------------------------------------------

	/** Magic, version and header length, then the header padded with spaces and a newline. */
	private static byte[] numpyHeader(int version, String dict, int headerLength) {
		String padded = dict + " ".repeat(headerLength - dict.length() - 1) + "\n";
		return concat(prefix(version, headerLength), padded.getBytes(StandardCharsets.US_ASCII));
	}

	private static byte[] prefix(int version, long headerLength) {
		ByteBuffer buffer = ByteBuffer.allocate(version == 1 ? 10 : 12).order(
			ByteOrder.LITTLE_ENDIAN);
		buffer.put(new byte[] { (byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) version, 0 });
		if (version == 1) {
			buffer.putShort((short) headerLength);
		}
		else {
			buffer.putInt((int) headerLength);
		}
		return buffer.array();
	}

	private static byte[] file(String dict, byte[] data) {
		int length = dict.length() + 1;
		int padded = length + (64 - (10 + length) % 64) % 64;
		return concat(numpyHeader(1, dict, padded), data);
	}

	private static byte[] withVersion(byte[] bytes, int major) {
		byte[] copy = bytes.clone();
		copy[6] = (byte) major;
		return copy;
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}
}
