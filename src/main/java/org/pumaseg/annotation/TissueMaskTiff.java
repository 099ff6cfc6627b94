package org.pumaseg.annotation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import ij.io.FileInfo;
import ij.io.ImageReader;
import ij.io.TiffDecoder;

import org.pumaseg.OutputFiles;
import org.pumaseg.InvalidInputException;
import org.pumaseg.image.PixelSize;
import org.pumaseg.image.TiffStructure;

/**
 * Reads and writes the challenge tissue mask: a single-channel 8-bit TIFF with codes 0..5.
 * <p>
 * Reading uses ImageJ's TIFF decoder, which ignores SampleFormat for 8-bit images; codes 0..5
 * have the same bytes whether the file says signed (SampleFormat 2, as the organisers' example
 * masks) or unsigned, so both read alike. Any other value, more than one channel or plane, or a
 * bit depth other than 8 is rejected.
 * <p>
 * Writing follows the organisers' example masks: uncompressed, one strip, MinIsBlack,
 * SampleFormat 2 (signed 8-bit), MinSampleValue / MaxSampleValue (and SMinSampleValue /
 * SMaxSampleValue) set to the smallest and largest code present, and resolution tags. ImageJ's
 * TIFF writer cannot write SampleFormat or these tags, so the file is written here.
 */
public final class TissueMaskTiff {

	private static final int SAMPLE_FORMAT_SIGNED = 2;

	private TissueMaskTiff() {}

	public static TissueMask read(Path file) {
		if (!Files.isRegularFile(file)) {
			throw new InvalidInputException("Tissue mask not found: " + file + ". Check the path.");
		}
		FileInfo info = readInfo(file);
		String name = file.getFileName().toString();
		checkSize(file, info);
		Object pixels = readPixels(file, info);

		if (info.fileType != FileInfo.GRAY8) {
			String maxValue = pixels instanceof short[] ? ", maximum value " + maxUnsigned(
				(short[]) pixels) : "";
			throw new InvalidInputException("Tissue mask " + name + " has " + describeType(info) +
				maxValue + "; a tissue mask must be single-channel 8-bit with codes 0 to 5 " +
				"(0 background, 1 stroma, 2 blood vessel, 3 tumour, 4 epidermis, 5 necrosis). " +
				"Convert it to 8-bit without scaling.");
		}
		byte[] codes = (byte[]) pixels;
		for (int i = 0; i < codes.length; i++) {
			int value = codes[i] & 0xff;
			if (value > TissueClass.MAX_CODE) {
				throw new InvalidInputException("Tissue mask " + name + " has the value " + value +
					" (" + codes[i] + " as signed 8-bit) at pixel (" + i % info.width + ", " + i /
						info.width + "); codes must be 0 to 5 (0 background, 1 stroma, 2 blood " +
					"vessel, 3 tumour, 4 epidermis, 5 necrosis). Recode the mask.");
			}
		}
		return new TissueMask(info.width, info.height, codes, pixelSize(info));
	}

	/**
	 * Returns true when {@code file} is a TIFF of colour (RGB) pixels, such as an H&E image
	 * stored next to its masks; false for any other file, including unreadable ones, whose
	 * problems {@link #read} reports.
	 */
	public static boolean isColourImage(Path file) {
		try {
			FileInfo info = readInfo(file);
			return switch (info.fileType) {
				case FileInfo.RGB, FileInfo.RGB_PLANAR, FileInfo.BGR, FileInfo.ARGB, FileInfo.RGB48,
					FileInfo.RGB48_PLANAR -> true;
				default -> info.samplesPerPixel > 1;
			};
		}
		catch (InvalidInputException e) {
			return false;
		}
	}

	/** Writes {@code mask} as the challenge expects, replacing {@code file} atomically. */
	public static void write(Path file, TissueMask mask) {
		OutputFiles.write(file, out -> out.write(encode(mask)));
	}

	/** The TIFF file content for {@code mask}. */
	static byte[] encode(TissueMask mask) {
		byte[] codes = mask.codes();
		int min = TissueClass.MAX_CODE;
		int max = 0;
		for (byte code : codes) {
			min = Math.min(min, code);
			max = Math.max(max, code);
		}

		long[] resolution = resolution(mask.pixelSize());
		byte[] software = "PumaSeg\0".getBytes(StandardCharsets.US_ASCII);
		int entryCount = 18;
		int ifdOffset = 8;
		int ifdSize = 2 + entryCount * 12 + 4;
		int xResolutionOffset = ifdOffset + ifdSize;
		int yResolutionOffset = xResolutionOffset + 8;
		int softwareOffset = yResolutionOffset + 8;
		int pixelOffset = softwareOffset + software.length;
		pixelOffset += pixelOffset % 2;

		ByteBuffer tiff = ByteBuffer.allocate(pixelOffset + codes.length).order(
			ByteOrder.LITTLE_ENDIAN);
		tiff.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(ifdOffset);
		tiff.putShort((short) entryCount);
		entry(tiff, 256, 4, 1, mask.width());
		entry(tiff, 257, 4, 1, mask.height());
		entry(tiff, 258, 3, 1, 8);
		entry(tiff, 259, 3, 1, 1);
		entry(tiff, 262, 3, 1, 1);
		entry(tiff, 273, 4, 1, pixelOffset);
		entry(tiff, 277, 3, 1, 1);
		entry(tiff, 278, 4, 1, mask.height());
		entry(tiff, 279, 4, 1, codes.length);
		entry(tiff, 280, 3, 1, min);
		entry(tiff, 281, 3, 1, max);
		entry(tiff, 282, 5, 1, xResolutionOffset);
		entry(tiff, 283, 5, 1, yResolutionOffset);
		entry(tiff, 296, 3, 1, (int) resolution[2]);
		entry(tiff, 305, 2, software.length, softwareOffset);
		entry(tiff, 339, 3, 1, SAMPLE_FORMAT_SIGNED);
		// SMinSampleValue / SMaxSampleValue have the sample type, SBYTE for signed 8-bit data.
		entry(tiff, 340, 6, 1, min);
		entry(tiff, 341, 6, 1, max);
		tiff.putInt(0);

		tiff.position(xResolutionOffset);
		tiff.putInt((int) resolution[0]).putInt((int) resolution[1]);
		tiff.putInt((int) resolution[0]).putInt((int) resolution[1]);
		tiff.position(softwareOffset);
		tiff.put(software);
		tiff.position(pixelOffset);
		tiff.put(codes);
		return tiff.array();
	}

	private static void entry(ByteBuffer tiff, int tag, int type, int count, int value) {
		tiff.putShort((short) tag).putShort((short) type).putInt(count);
		if (type == 3 && count == 1) {
			tiff.putShort((short) value).putShort((short) 0);
		}
		else if (type == 6 && count == 1) {
			tiff.put((byte) value).put((byte) 0).putShort((short) 0);
		}
		else {
			tiff.putInt(value);
		}
	}

	/**
	 * Resolution as {numerator, denominator, unit}: pixels per centimetre (unit 3) when the
	 * pixel size is calibrated, else 300 per inch (unit 2), the value of the organisers'
	 * examples. An assumed pixel size is not written, so the mask reads back as uncalibrated.
	 */
	private static long[] resolution(PixelSize pixelSize) {
		if (!pixelSize.calibrated()) {
			return new long[] { 300, 1, 2 };
		}
		double pixelsPerCm = 1e4 / pixelSize.umPerPixel();
		long denominator = 1000;
		return new long[] { Math.round(pixelsPerCm * denominator), denominator, 3 };
	}

	private static FileInfo readInfo(Path file) {
		TiffStructure.check(file, "Tissue mask");
		FileInfo[] infos;
		try {
			Path folder = file.toAbsolutePath().getParent();
			infos = new TiffDecoder(folder.toString() + "/", file.getFileName().toString())
				.getTiffInfo();
		}
		catch (IOException | RuntimeException e) {
			throw new InvalidInputException("Tissue mask " + file + " is not a readable TIFF (" + e
				.getMessage() + "). Save the mask as an 8-bit TIFF.", e);
		}
		if (infos == null || infos.length == 0) {
			throw new InvalidInputException("Tissue mask " + file + " is not a readable TIFF. " +
				"Save the mask as an 8-bit TIFF.");
		}
		FileInfo info = infos[0];
		int planes = Math.max(infos.length, info.nImages);
		if (planes > 1) {
			throw new InvalidInputException("Tissue mask " + file.getFileName() + " has " + planes +
				" planes; a tissue mask is a single 8-bit plane. Save one plane only.");
		}
		return info;
	}

	/**
	 * Rejects a header whose pixel data cannot be in the file or would not fit in memory,
	 * before ImageJ allocates the pixel array: a damaged header can claim billions of pixels.
	 */
	private static void checkSize(Path file, FileInfo info) {
		if (info.width < 1 || info.height < 1) {
			throw new InvalidInputException("Tissue mask " + file + " has no pixels (" +
				info.width + " x " + info.height + "). Save the mask again as an 8-bit TIFF.");
		}
		long bytesNeeded = (long) info.width * info.height * Math.max(1, info
			.getBytesPerPixel());
		long fileSize;
		try {
			fileSize = Files.size(file);
		}
		catch (IOException e) {
			throw new InvalidInputException("Cannot read the size of tissue mask " + file + ": " +
				e.getMessage(), e);
		}
		if (info.compression == FileInfo.COMPRESSION_NONE && info.getOffset() +
			bytesNeeded > fileSize)
		{
			throw new InvalidInputException(String.format(Locale.ROOT,
				"Tissue mask %s claims %d x %d pixels, which need %d bytes, but the file has " +
					"only %d bytes: it is truncated or its header is damaged. Save the mask again.",
				file, info.width, info.height, info.getOffset() + bytesNeeded, fileSize));
		}
		long heap = Runtime.getRuntime().maxMemory();
		if (bytesNeeded > Integer.MAX_VALUE || bytesNeeded > heap / 2) {
			throw new InvalidInputException(String.format(Locale.ROOT,
				"Tissue mask %s is %d x %d pixels; reading it needs about %.2f GB, more than " +
					"half of the %.2f GB Java heap or a Java array. Crop the mask, or give Java " +
					"more memory (Fiji: Edit > Options > Memory & Threads; command line: " +
					"JAVA_OPTS=-Xmx...).", file, info.width, info.height, bytesNeeded / 1e9,
				heap / 1e9));
		}
	}

	private static Object readPixels(Path file, FileInfo info) {
		try (InputStream in = Files.newInputStream(file)) {
			Object pixels = new ImageReader(info).readPixels(in);
			if (pixels == null) {
				throw new IOException("the pixel data could not be decoded");
			}
			return pixels;
		}
		catch (IOException | RuntimeException e) {
			throw new InvalidInputException("Could not read the pixels of tissue mask " + file +
				" (" + e.getMessage() + "). Save the mask as an uncompressed 8-bit TIFF.", e);
		}
	}

	private static String describeType(FileInfo info) {
		return switch (info.fileType) {
			case FileInfo.GRAY16_SIGNED, FileInfo.GRAY16_UNSIGNED -> "16-bit pixels";
			case FileInfo.GRAY32_INT, FileInfo.GRAY32_UNSIGNED, FileInfo.GRAY32_FLOAT ->
				"32-bit pixels";
			case FileInfo.RGB, FileInfo.RGB_PLANAR, FileInfo.BGR, FileInfo.ARGB, FileInfo.RGB48,
				FileInfo.RGB48_PLANAR -> "colour (RGB) pixels";
			default -> "an unsupported pixel type (ImageJ file type " + info.fileType + ")";
		};
	}

	private static int maxUnsigned(short[] pixels) {
		int max = 0;
		for (short pixel : pixels) {
			max = Math.max(max, pixel & 0xffff);
		}
		return max;
	}

	private static PixelSize pixelSize(FileInfo info) {
		String unit = info.unit == null ? "" : info.unit.toLowerCase(Locale.ROOT);
		double factor = switch (unit) {
			case "cm" -> 1e4;
			case "mm" -> 1e3;
			case "micron", "microns", "um", "\u00b5m" -> 1;
			default -> Double.NaN;
		};
		if (Double.isNaN(factor) || !(info.pixelWidth > 0)) {
			return PixelSize.unknown("the mask's resolution tags give no physical unit");
		}
		return PixelSize.calibrated(info.pixelWidth * factor, "TIFF resolution tags (" +
			info.unit + ")");
	}
}
