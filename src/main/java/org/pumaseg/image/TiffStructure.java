package org.pumaseg.image;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

import org.pumaseg.InvalidInputException;

/**
 * Checks the directory structure of a classic TIFF file before ImageJ's {@code TiffDecoder}
 * reads it. The decoder trusts the value counts of the IFD entries, so an entry of a 471-byte
 * file that declares 16 million strip offsets kept it busy for about 50 s on a 2-core machine.
 * Here every IFD must lie inside the file, every entry's values must fit in the file, and the
 * chain of IFDs must not loop. Only the IFD headers are read, never pixel data.
 */
public final class TiffStructure {

	/** Byte sizes of the TIFF field types 1 to 13 (BYTE ... IFD); index 0 is unused. */
	private static final int[] TYPE_SIZES = { 0, 1, 1, 2, 4, 8, 1, 1, 2, 4, 8, 4, 8, 4 };
	private static final int ENTRY_BYTES = 12;
	private static final int COMPRESSION_TAG = 259;
	private static final int TYPE_SHORT = 3;
	private static final int TYPE_LONG = 4;

	private TiffStructure() {}

	/**
	 * Throws {@link InvalidInputException} naming {@code file} and {@code kind} (such as
	 * "TIFF file" or "Tissue mask") when the file is not a classic TIFF or its IFD structure
	 * cannot be that of a valid one.
	 *
	 * @return the Compression tag values of the file's images, in file order without repeats;
	 *         1 (uncompressed) for an image without the tag
	 */
	public static Set<Integer> check(Path file, String kind) {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			return check(channel, file, kind);
		}
		catch (IOException e) {
			throw new InvalidInputException("Could not read " + kind + " " + file + ": " + e
				.getMessage(), e);
		}
	}

	private static Set<Integer> check(FileChannel channel, Path file, String kind)
		throws IOException
	{
		long fileSize = channel.size();
		ByteBuffer header = read(channel, 0, 8);
		if (header.remaining() < 8) {
			throw invalid(file, kind, "it is shorter than a TIFF header (8 bytes)");
		}
		ByteOrder order = header.get(0) == 'M' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
		header.order(order);
		boolean byteOrderMark = header.get(0) == header.get(1) && (header.get(0) == 'I' || header
			.get(0) == 'M');
		if (!byteOrderMark || header.getShort(2) != 42) {
			throw new InvalidInputException(kind + " " + file + " is not a TIFF file (it does " +
				"not start with the TIFF header 'II*' or 'MM*'). Save it as TIFF.");
		}
		long ifdOffset = header.getInt(4) & 0xffffffffL;

		Set<Long> visited = new HashSet<>();
		Set<Integer> compressions = new LinkedHashSet<>();
		while (ifdOffset != 0) {
			if (!visited.add(ifdOffset)) {
				throw invalid(file, kind, "its chain of image directories loops back to offset " +
					ifdOffset);
			}
			ByteBuffer count = read(channel, ifdOffset, 2).order(order);
			if (count.remaining() < 2) {
				throw invalid(file, kind, "an image directory starts at offset " + ifdOffset +
					", beyond the end of the file (" + fileSize + " bytes)");
			}
			int entries = count.getShort(0) & 0xffff;
			long entriesEnd = ifdOffset + 2 + (long) entries * ENTRY_BYTES + 4;
			if (entriesEnd > fileSize) {
				throw invalid(file, kind, "the image directory at offset " + ifdOffset + " has " +
					entries + " entries, which end after the end of the file (" + fileSize +
					" bytes)");
			}
			ByteBuffer directory = read(channel, ifdOffset + 2, entries * ENTRY_BYTES + 4).order(
				order);
			int compression = 1;
			for (int i = 0; i < entries; i++) {
				checkEntry(directory, i * ENTRY_BYTES, fileSize, file, kind);
				int position = i * ENTRY_BYTES;
				if ((directory.getShort(position) & 0xffff) == COMPRESSION_TAG) {
					compression = inlineValue(directory, position, compression);
				}
			}
			compressions.add(compression);
			ifdOffset = directory.getInt(entries * ENTRY_BYTES) & 0xffffffffL;
		}
		return compressions;
	}

	/**
	 * Returns the single SHORT or LONG value stored in the entry at {@code position}, or
	 * {@code fallback} when the entry has another type or count.
	 */
	private static int inlineValue(ByteBuffer directory, int position, int fallback) {
		int type = directory.getShort(position + 2) & 0xffff;
		long count = directory.getInt(position + 4) & 0xffffffffL;
		if (count != 1) {
			return fallback;
		}
		if (type == TYPE_SHORT) {
			return directory.getShort(position + 8) & 0xffff;
		}
		if (type == TYPE_LONG) {
			return directory.getInt(position + 8);
		}
		return fallback;
	}

	private static void checkEntry(ByteBuffer directory, int position, long fileSize, Path file,
		String kind)
	{
		int tag = directory.getShort(position) & 0xffff;
		int type = directory.getShort(position + 2) & 0xffff;
		long valueCount = directory.getInt(position + 4) & 0xffffffffL;
		int typeSize = type < TYPE_SIZES.length && type > 0 ? TYPE_SIZES[type] : 1;
		long valueBytes = valueCount * typeSize;
		if (valueBytes <= 4) {
			return;
		}
		long valueOffset = directory.getInt(position + 8) & 0xffffffffL;
		// NOTE: this applies to every tag, so a file whose unused private tag points past the
		// end is rejected although ImageJ would have opened it.
		if (valueOffset + valueBytes > fileSize) {
			throw invalid(file, kind, "its tag " + tag + " declares " + valueCount +
				" values (" + valueBytes + " bytes at offset " + valueOffset +
				"), beyond the end of the file (" + fileSize + " bytes)");
		}
	}

	private static ByteBuffer read(FileChannel channel, long position, int length)
		throws IOException
	{
		ByteBuffer buffer = ByteBuffer.allocate(length);
		while (buffer.hasRemaining()) {
			if (channel.read(buffer, position + buffer.position()) < 0) {
				break;
			}
		}
		buffer.flip();
		return buffer;
	}

	private static InvalidInputException invalid(Path file, String kind, String problem) {
		return new InvalidInputException(kind + " " + file + " is damaged: " + problem +
			". Copy or export the file again.");
	}
}
