package org.pumaseg.model;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.pumaseg.InvalidInputException;
import org.pumaseg.OutputFiles;

/**
 * Reads and writes NumPy {@code .npy} files (format versions 1.0, 2.0 and, for reading, 3.0)
 * holding float32, float64, uint8 or int32 arrays in either byte order and in C or Fortran
 * order.
 * <p>
 * The layout follows NumPy's own description of the format ({@code numpy.lib.format}): the
 * magic string {@code \x93NUMPY}, a major and minor version byte, the header length (2 bytes
 * in version 1, 4 bytes after), then a Python dict literal with exactly the keys
 * {@code descr}, {@code fortran_order} and {@code shape}, padded with spaces and ended by a
 * newline, then the raw elements. Every malformed or unsupported header is rejected with an
 * {@link InvalidInputException} that names the file and the problem; the reader checks the
 * file length against the shape before it allocates anything.
 */
public final class Npy {

	private static final byte[] MAGIC = { (byte) 0x93, 'N', 'U', 'M', 'P', 'Y' };

	/** NumPy refuses larger headers from untrusted files too (its max_header_size). */
	private static final int MAX_HEADER_BYTES = 65_536;

	/** Elements written per buffer when writing. */
	private static final int WRITE_CHUNK_ELEMENTS = 1 << 16;

	private Npy() {}

	/** Reads a {@code .npy} file; the elements come back in C order. */
	public static NpyArray read(Path file) {
		String name = String.valueOf(file.getFileName());
		long length;
		try {
			length = Files.size(file);
		}
		catch (IOException e) {
			throw new InvalidInputException("NumPy file '" + name + "' cannot be read (" + e
				.getMessage() + "). Fix: check that the file exists and is readable.", e);
		}
		if (length > Integer.MAX_VALUE - 8) {
			throw invalid(name, "is " + length + " bytes long, more than PumaSeg reads as a " +
				"test tensor (2 GB)", "save a smaller test tensor.");
		}
		try {
			return parse(Files.readAllBytes(file), name);
		}
		catch (IOException e) {
			throw new InvalidInputException("NumPy file '" + name + "' cannot be read (" + e
				.getMessage() + "). Fix: check that the file is readable.", e);
		}
	}

	/** Parses the bytes of a {@code .npy} file; {@code name} is used in error messages. */
	public static NpyArray parse(byte[] bytes, String name) {
		Header header = readHeader(bytes, name);

		long count = NpyArray.elementCount(header.shape);
		if (count < 0) {
			throw invalid(name, "has shape " + NpyArray.shapeText(header.shape) +
				", too many elements for PumaSeg to read", "save a smaller test tensor.");
		}
		long expected = count * header.dtype.bytes();
		long actual = bytes.length - header.dataOffset;
		if (actual != expected) {
			throw invalid(name, "holds " + actual + " bytes of data, but its header (" + header
				.dtype.numpyName() + ", shape " + NpyArray.shapeText(header.shape) + ") needs " +
				expected, "the file is truncated or damaged; save it again with numpy.save.");
		}

		ByteBuffer buffer = ByteBuffer.wrap(bytes, header.dataOffset, (int) expected).slice()
			.order(header.order);
		Object elements = decode(buffer, header.dtype, (int) count);
		if (header.fortranOrder && header.shape.length > 1) {
			elements = reorder(elements, header.dtype, fortranOffsets(header.shape), true);
		}
		return NpyArray.wrap(header.dtype, header.shape, elements);
	}

	/** Writes a little-endian, C-order, version 1.0 file (what {@code numpy.save} writes). */
	public static void write(Path file, NpyArray array) {
		write(file, array, ByteOrder.LITTLE_ENDIAN, false, 1);
	}

	/**
	 * Writes {@code array} with the given byte order, element order and format version (1 or
	 * 2). The file is written to a temporary sibling first and then moved into place, so a
	 * failed write leaves no partial file.
	 */
	public static void write(Path file, NpyArray array, ByteOrder order, boolean fortranOrder,
		int majorVersion)
	{
		try {
			OutputFiles.writeAtomically(file, true, temporary -> {
				try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temporary))) {
					write(out, array, order, fortranOrder, majorVersion);
				}
			});
		}
		catch (IOException e) {
			throw new InvalidInputException("NumPy file '" + file + "' cannot be written (" + e
				.getMessage() + "). Fix: check that the folder exists and is writable.", e);
		}
	}

	/** Serialises {@code array} as a complete {@code .npy} byte stream. */
	public static byte[] toBytes(NpyArray array, ByteOrder order, boolean fortranOrder,
		int majorVersion)
	{
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		try {
			write(out, array, order, fortranOrder, majorVersion);
		}
		catch (IOException e) {
			throw new AssertionError(e);
		}
		return out.toByteArray();
	}

	private static void write(OutputStream out, NpyArray array, ByteOrder order,
		boolean fortranOrder, int majorVersion) throws IOException
	{
		if (majorVersion != 1 && majorVersion != 2) {
			throw new IllegalArgumentException("PumaSeg writes .npy versions 1.0 and 2.0, not " +
				majorVersion + ".0.");
		}
		String dict = "{'descr': '" + descr(array.dtype(), order) + "', 'fortran_order': " +
			(fortranOrder ? "True" : "False") + ", 'shape': " + NpyArray.shapeText(array
				.shape()) + ", }";
		int preamble = majorVersion == 1 ? 10 : 12;
		// NumPy pads so that the data starts on a multiple of 64 bytes, for memory mapping.
		int unpadded = preamble + dict.length() + 1;
		int padding = (64 - unpadded % 64) % 64;
		int headerLength = dict.length() + padding + 1;
		if (majorVersion == 1 && headerLength > 0xffff) {
			throw new IllegalArgumentException("Header of " + headerLength +
				" bytes needs .npy version 2.0.");
		}

		ByteBuffer start = ByteBuffer.allocate(preamble).order(ByteOrder.LITTLE_ENDIAN);
		start.put(MAGIC).put((byte) majorVersion).put((byte) 0);
		if (majorVersion == 1) {
			start.putShort((short) headerLength);
		}
		else {
			start.putInt(headerLength);
		}
		out.write(start.array());
		out.write((dict + " ".repeat(padding) + "\n").getBytes(StandardCharsets.US_ASCII));

		Object elements = array.elements();
		if (fortranOrder && array.rank() > 1) {
			elements = reorder(elements, array.dtype(), fortranOffsets(array.shape()), false);
		}
		writeElements(out, elements, array.dtype(), array.size(), order);
	}

	private static void writeElements(OutputStream out, Object elements, NpyArray.DType dtype,
		int count, ByteOrder order) throws IOException
	{
		ByteBuffer buffer = ByteBuffer.allocate(WRITE_CHUNK_ELEMENTS * dtype.bytes()).order(
			order);
		for (int start = 0; start < count; start += WRITE_CHUNK_ELEMENTS) {
			int length = Math.min(WRITE_CHUNK_ELEMENTS, count - start);
			buffer.clear();
			switch (dtype) {
				case FLOAT32:
					buffer.asFloatBuffer().put((float[]) elements, start, length);
					break;
				case FLOAT64:
					buffer.asDoubleBuffer().put((double[]) elements, start, length);
					break;
				case UINT8:
					buffer.put((byte[]) elements, start, length);
					break;
				case INT32:
					buffer.asIntBuffer().put((int[]) elements, start, length);
					break;
				default:
					throw new AssertionError(dtype);
			}
			out.write(buffer.array(), 0, length * dtype.bytes());
		}
	}

	private static String descr(NpyArray.DType dtype, ByteOrder order) {
		if (dtype.bytes() == 1) {
			return "|" + dtype.kind() + "1";
		}
		char byteOrder = order == ByteOrder.BIG_ENDIAN ? '>' : '<';
		return "" + byteOrder + dtype.kind() + dtype.bytes();
	}

	// --- header --------------------------------------------------------------------------

	private static final class Header {
		NpyArray.DType dtype;
		ByteOrder order;
		boolean fortranOrder;
		int[] shape;
		int dataOffset;
	}

	private static Header readHeader(byte[] bytes, String name) {
		if (bytes.length < 10) {
			throw invalid(name, "is only " + bytes.length +
				" bytes long, too short for a NumPy header", "save it again with numpy.save.");
		}
		for (int i = 0; i < MAGIC.length; i++) {
			if (bytes[i] != MAGIC[i]) {
				throw invalid(name, "does not start with the NumPy magic string \\x93NUMPY, so " +
					"it is not a .npy file", "save the array with numpy.save (not numpy.savez, " +
						"pickle or a text format).");
			}
		}
		int major = bytes[6] & 0xff;
		int minor = bytes[7] & 0xff;
		if (major < 1 || major > 3 || minor != 0) {
			throw invalid(name, "uses .npy format version " + major + "." + minor +
				", which PumaSeg does not know (it reads 1.0, 2.0 and 3.0)",
				"save it with numpy.save from NumPy 1.x or 2.x.");
		}

		ByteBuffer lengths = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
		long headerLength;
		int headerStart;
		if (major == 1) {
			headerLength = lengths.getShort(8) & 0xffff;
			headerStart = 10;
		}
		else {
			if (bytes.length < 12) {
				throw invalid(name, "ends inside its header", "save it again with numpy.save.");
			}
			headerLength = lengths.getInt(8) & 0xffffffffL;
			headerStart = 12;
		}
		if (headerLength > MAX_HEADER_BYTES) {
			throw invalid(name, "declares a header of " + headerLength +
				" bytes, more than the " + MAX_HEADER_BYTES + " bytes a valid array needs",
				"save it again with numpy.save.");
		}
		if (headerStart + headerLength > bytes.length) {
			throw invalid(name, "declares a header of " + headerLength +
				" bytes but the file ends before it", "the file is truncated; save it again.");
		}

		String text = new String(bytes, headerStart, (int) headerLength, major == 3
			? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
		if (!text.endsWith("\n")) {
			throw invalid(name, "has a header that does not end with a newline",
				"save it again with numpy.save.");
		}

		Map<String, Object> dict = new HeaderParser(text, name).parseDict();
		Header header = new Header();
		header.dataOffset = headerStart + (int) headerLength;
		readDescr(dict.get("descr"), header, name);
		readFortranOrder(dict.get("fortran_order"), header, name);
		readShape(dict.get("shape"), header, name);
		return header;
	}

	private static void readDescr(Object value, Header header, String name) {
		if (!(value instanceof String)) {
			throw invalid(name, "has a structured or non-text 'descr' (" + value +
				"); PumaSeg reads plain float32, float64, uint8 and int32 arrays",
				"save a plain numeric array, e.g. array.astype('float32').");
		}
		String descr = (String) value;
		if (descr.length() < 3) {
			throw invalid(name, "has an unknown element type '" + descr + "'",
				"save it again with numpy.save.");
		}
		char byteOrder = descr.charAt(0);
		String type = descr.substring(1);
		NpyArray.DType dtype = null;
		for (NpyArray.DType candidate : NpyArray.DType.values()) {
			if (type.equals("" + candidate.kind() + candidate.bytes())) {
				dtype = candidate;
			}
		}
		if (dtype == null) {
			throw invalid(name, "holds elements of type '" + descr +
				"', which PumaSeg does not read (it reads float32, float64, uint8 and int32)",
				"convert the array first, e.g. array.astype('float32').");
		}
		if (byteOrder == '<') {
			header.order = ByteOrder.LITTLE_ENDIAN;
		}
		else if (byteOrder == '>') {
			header.order = ByteOrder.BIG_ENDIAN;
		}
		else if (byteOrder == '|' && dtype.bytes() == 1) {
			header.order = ByteOrder.LITTLE_ENDIAN;
		}
		else {
			throw invalid(name, "has element type '" + descr + "' whose byte order '" +
				byteOrder + "' is not '<' (little-endian) or '>' (big-endian)",
				"save it again with numpy.save, which always writes an explicit byte order.");
		}
		header.dtype = dtype;
	}

	private static void readFortranOrder(Object value, Header header, String name) {
		if (!(value instanceof Boolean)) {
			throw invalid(name, "has 'fortran_order' = " + value + ", not True or False",
				"save it again with numpy.save.");
		}
		header.fortranOrder = (Boolean) value;
	}

	private static void readShape(Object value, Header header, String name) {
		if (!(value instanceof int[])) {
			throw invalid(name, "has 'shape' = " + value + ", not a tuple of whole numbers",
				"save it again with numpy.save.");
		}
		header.shape = (int[]) value;
	}

	/** Parses the Python dict literal of a .npy header, and nothing beyond it. */
	private static final class HeaderParser {

		/** Stands for the list that a structured array has as its 'descr'. */
		static final Object STRUCTURED = new Object() {

			@Override
			public String toString() {
				return "a list of fields";
			}
		};

		private final String text;
		private final String name;
		private int position;

		HeaderParser(String text, String name) {
			this.text = text;
			this.name = name;
		}

		Map<String, Object> parseDict() {
			Map<String, Object> dict = new LinkedHashMap<>();
			skipSpaces();
			expect('{');
			skipSpaces();
			while (peek() != '}') {
				String key = parseString();
				skipSpaces();
				expect(':');
				skipSpaces();
				Object value = parseValue();
				if (dict.put(key, value) != null) {
					throw malformed("the key '" + key + "' appears twice");
				}
				skipSpaces();
				if (peek() == ',') {
					position++;
					skipSpaces();
				}
				else if (peek() != '}') {
					throw malformed("expected ',' or '}' at character " + position);
				}
			}
			position++;
			while (position < text.length() - 1) {
				if (text.charAt(position) != ' ') {
					throw malformed("unexpected text after the closing '}'");
				}
				position++;
			}

			for (String key : List.of("descr", "fortran_order", "shape")) {
				if (!dict.containsKey(key)) {
					throw malformed("the key '" + key + "' is missing");
				}
			}
			if (dict.size() != 3) {
				List<String> unknown = new ArrayList<>(dict.keySet());
				unknown.removeAll(List.of("descr", "fortran_order", "shape"));
				throw malformed("it has unknown keys " + unknown);
			}
			return dict;
		}

		private Object parseValue() {
			char c = peek();
			if (c == '\'' || c == '"') {
				return parseString();
			}
			if (c == '(') {
				return parseTuple();
			}
			if (c == '[') {
				skipBrackets();
				return STRUCTURED;
			}
			if (text.startsWith("True", position)) {
				position += 4;
				return Boolean.TRUE;
			}
			if (text.startsWith("False", position)) {
				position += 5;
				return Boolean.FALSE;
			}
			int start = position;
			while (position < text.length() && ",}".indexOf(text.charAt(position)) < 0) {
				position++;
			}
			return "'" + text.substring(start, position).trim() + "'";
		}

		/** Skips a bracketed Python list, as structured arrays have for their 'descr'. */
		private void skipBrackets() {
			int depth = 0;
			do {
				char c = peek();
				if (c == '[') {
					depth++;
				}
				else if (c == ']') {
					depth--;
				}
				position++;
			}
			while (depth > 0);
		}

		private String parseString() {
			char quote = peek();
			if (quote != '\'' && quote != '"') {
				throw malformed("expected a quoted key at character " + position);
			}
			int end = text.indexOf(quote, position + 1);
			if (end < 0) {
				throw malformed("a quoted text is not closed");
			}
			String value = text.substring(position + 1, end);
			position = end + 1;
			return value;
		}

		private int[] parseTuple() {
			expect('(');
			List<Integer> dimensions = new ArrayList<>();
			skipSpaces();
			while (peek() != ')') {
				int start = position;
				while (position < text.length() && Character.isDigit(text.charAt(position))) {
					position++;
				}
				if (start == position) {
					throw malformed("the shape holds something other than non-negative " +
						"whole numbers");
				}
				String digits = text.substring(start, position);
				if (peek() == 'L') {
					// Python 2 wrote long integers with a suffix.
					position++;
				}
				if (digits.length() > 10 || Long.parseLong(digits) > Integer.MAX_VALUE) {
					throw malformed("the shape has a dimension of " + digits +
						", larger than PumaSeg handles");
				}
				dimensions.add(Integer.parseInt(digits));
				skipSpaces();
				if (peek() == ',') {
					position++;
					skipSpaces();
				}
				else if (peek() != ')') {
					throw malformed("the shape tuple is not closed");
				}
			}
			position++;
			return dimensions.stream().mapToInt(Integer::intValue).toArray();
		}

		private void skipSpaces() {
			while (position < text.length() && Character.isWhitespace(text.charAt(position)) &&
				position < text.length() - 1)
			{
				position++;
			}
		}

		private char peek() {
			if (position >= text.length() - 1) {
				throw malformed("the header ends too early");
			}
			return text.charAt(position);
		}

		private void expect(char c) {
			if (peek() != c) {
				throw malformed("expected '" + c + "' at character " + position);
			}
			position++;
		}

		private InvalidInputException malformed(String problem) {
			return invalid(name, "has a malformed header: " + problem,
				"save the array again with numpy.save.");
		}
	}

	// --- element order -------------------------------------------------------------------

	/** For each element in C order, its position in Fortran order. */
	private static int[] fortranOffsets(int[] shape) {
		int count = (int) NpyArray.elementCount(shape);
		int rank = shape.length;
		int[] fortranStrides = new int[rank];
		int stride = 1;
		for (int d = 0; d < rank; d++) {
			fortranStrides[d] = stride;
			stride *= shape[d];
		}

		int[] offsets = new int[count];
		int[] index = new int[rank];
		for (int c = 0; c < count; c++) {
			int offset = 0;
			for (int d = 0; d < rank; d++) {
				offset += index[d] * fortranStrides[d];
			}
			offsets[c] = offset;
			for (int d = rank - 1; d >= 0; d--) {
				if (++index[d] < shape[d]) {
					break;
				}
				index[d] = 0;
			}
		}
		return offsets;
	}

	/**
	 * Moves elements between orders: {@code toC} takes Fortran-ordered elements into C order,
	 * otherwise C-ordered elements into Fortran order.
	 */
	private static Object reorder(Object elements, NpyArray.DType dtype, int[] offsets,
		boolean toC)
	{
		int count = offsets.length;
		switch (dtype) {
			case FLOAT32: {
				float[] in = (float[]) elements;
				float[] out = new float[count];
				for (int c = 0; c < count; c++) {
					if (toC) out[c] = in[offsets[c]];
					else out[offsets[c]] = in[c];
				}
				return out;
			}
			case FLOAT64: {
				double[] in = (double[]) elements;
				double[] out = new double[count];
				for (int c = 0; c < count; c++) {
					if (toC) out[c] = in[offsets[c]];
					else out[offsets[c]] = in[c];
				}
				return out;
			}
			case UINT8: {
				byte[] in = (byte[]) elements;
				byte[] out = new byte[count];
				for (int c = 0; c < count; c++) {
					if (toC) out[c] = in[offsets[c]];
					else out[offsets[c]] = in[c];
				}
				return out;
			}
			case INT32: {
				int[] in = (int[]) elements;
				int[] out = new int[count];
				for (int c = 0; c < count; c++) {
					if (toC) out[c] = in[offsets[c]];
					else out[offsets[c]] = in[c];
				}
				return out;
			}
			default:
				throw new AssertionError(dtype);
		}
	}

	private static Object decode(ByteBuffer buffer, NpyArray.DType dtype, int count) {
		switch (dtype) {
			case FLOAT32: {
				float[] out = new float[count];
				buffer.asFloatBuffer().get(out);
				return out;
			}
			case FLOAT64: {
				double[] out = new double[count];
				buffer.asDoubleBuffer().get(out);
				return out;
			}
			case UINT8: {
				byte[] out = new byte[count];
				buffer.get(out);
				return out;
			}
			case INT32: {
				int[] out = new int[count];
				buffer.asIntBuffer().get(out);
				return out;
			}
			default:
				throw new AssertionError(dtype);
		}
	}

	private static InvalidInputException invalid(String name, String problem, String fix) {
		return new InvalidInputException("NumPy file '" + name + "' " + problem + ". Fix: " +
			fix);
	}
}
