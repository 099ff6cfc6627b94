package org.pumaseg.image;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;

import org.pumaseg.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ij.ImagePlus;
import ij.io.FileInfo;
import ij.io.Opener;
import ij.io.TiffDecoder;

/**
 * Reads H&E images from TIFF, PNG and JPEG files into {@link RgbImage}s.
 * <p>
 * TIFF files (uncompressed, LZW, Deflate, PackBits) are read by ImageJ, so ImageJ's own
 * calibration and hyperstack metadata apply; PNG and JPEG are read by Java ImageIO. Before any
 * pixel is decoded the reader checks that the file is complete and that the image fits in
 * {@link #maxPixels()} and in the heap. Conversion rules are those of
 * {@link ImagePlusConverter}; in a PNG or JPEG with alpha, the alpha is dropped and the stored
 * colour of each pixel kept, even where it is fully transparent.
 */
public final class ImageFileReader {

	/**
	 * Default pixel limit: 2^31 - 1, the most pixels a Java int array (one int per RGB pixel)
	 * holds; about 46,000 x 46,000.
	 */
	public static final long DEFAULT_MAX_PIXELS = Integer.MAX_VALUE;

	private static final Logger LOG = LoggerFactory.getLogger(ImageFileReader.class);

	/** TIFF Compression tag values that ImageJ 1.54 decodes: none, LZW, Deflate, PackBits. */
	private static final Set<Integer> IMAGEJ_COMPRESSIONS = Set.of(0, 1, 5, 8, 32773, 32946);

	/** Names of other common TIFF Compression tag values, for messages. */
	private static final Map<Integer, String> COMPRESSION_NAMES = Map.of(2, "CCITT RLE", 3,
		"CCITT Group 3", 4, "CCITT Group 4", 6, "old-style JPEG", 7, "JPEG", 34712, "JPEG 2000",
		34925, "LZMA", 50000, "Zstandard", 50001, "WebP");

	/**
	 * Side of the blocks that {@link #checkFile} keeps one pixel of when it decodes a PNG or
	 * JPEG: the decoder still reads every byte, but the decoded copy is 64 times smaller.
	 */
	private static final int CHECK_SUBSAMPLING = 8;

	private final long maxPixels;
	private boolean warnUncalibrated = true;

	public ImageFileReader() {
		this(DEFAULT_MAX_PIXELS);
	}

	/** Creates a reader that rejects images with more than {@code maxPixels} pixels. */
	public ImageFileReader(long maxPixels) {
		if (maxPixels < 1 || maxPixels > DEFAULT_MAX_PIXELS) {
			throw new InvalidInputException("Invalid pixel limit " + maxPixels +
				": use a value from 1 to " + DEFAULT_MAX_PIXELS + ".");
		}
		this.maxPixels = maxPixels;
	}

	/**
	 * Sets whether {@link #read} logs a warning for an uncalibrated image (default true). Callers
	 * that warn about it themselves, with the pixel size they assume, turn it off.
	 */
	public ImageFileReader warnUncalibrated(boolean warn) {
		this.warnUncalibrated = warn;
		return this;
	}

	public long maxPixels() {
		return maxPixels;
	}

	/** Reads {@code file}; bad files raise {@link InvalidInputException}. */
	public RgbImage read(Path file) {
		checkReadable(file);
		ImageFormat format = ImageFormat.detect(file);
		RgbImage image = format == ImageFormat.TIFF ? readTiff(file) : readWithImageIO(file,
			format);
		if (warnUncalibrated && !image.pixelSize().calibrated()) {
			LOG.warn("{}: uncalibrated ({}).", file.getFileName(), image.pixelSize().origin());
		}
		LOG.debug("Read {} ({} x {}, {}).", file, image.width(), image.height(), image
			.pixelSize().origin());
		return image;
	}

	static void checkReadable(Path file) {
		if (!Files.exists(file)) {
			throw new InvalidInputException("Image file not found: " + file +
				". Check the path and its spelling.");
		}
		if (Files.isDirectory(file)) {
			throw new InvalidInputException(file + " is a folder, not an image file.");
		}
		if (!Files.isReadable(file)) {
			throw new InvalidInputException("Image file " + file +
				" is not readable. Check its permissions.");
		}
	}

	/**
	 * Checks the file that an image open in ImageJ was read from, with the checks that
	 * {@link #read} makes before it decodes pixels: a TIFF must have a sound structure, a
	 * compression that ImageJ decodes and all its image data; a PNG or JPEG must decode
	 * without errors or warnings. ImageJ itself opens a truncated TIFF or JPEG with the missing
	 * part blank. Neither the pixel limit nor the heap is checked, because the image is
	 * already in memory.
	 *
	 * @throws InvalidInputException naming the file and the problem, with the messages of
	 *           {@link #read}
	 */
	public static void checkFile(Path file) {
		checkReadable(file);
		ImageFormat format = ImageFormat.detect(file);
		if (format == ImageFormat.TIFF) {
			checkComplete(file, tiffInfo(file));
		}
		else {
			checkDecodes(file, format);
		}
	}

	/** Returns true when the first bytes of {@code file} are those of a TIFF, PNG or JPEG. */
	static boolean isTiffPngOrJpeg(Path file) {
		try {
			ImageFormat.detect(file);
			return true;
		}
		catch (InvalidInputException e) {
			return false;
		}
	}

	private RgbImage readTiff(Path file) {
		String folder = file.toAbsolutePath().getParent().toString() + "/";
		String name = file.getFileName().toString();
		FileInfo[] infos = tiffInfo(file);
		FileInfo first = infos[0];
		checkSize(file, first.width, first.height, imageCount(infos));
		checkComplete(file, infos);

		ImagePlus image = new Opener().openTiff(folder, name);
		if (image == null) {
			throw new InvalidInputException("ImageJ could not decode the TIFF file " + file +
				" (unsupported compression or layout). Re-save it uncompressed or as PNG.");
		}
		return ImagePlusConverter.toRgbImage(image, file.getFileName().toString());
	}

	/**
	 * Checks the structure and the compression of a TIFF file, then returns ImageJ's
	 * description of its images. The compression comes first, because ImageJ describes a JPEG
	 * TIFF less than 500 pixels wide as uncompressed, so its short strips would look damaged.
	 */
	private static FileInfo[] tiffInfo(Path file) {
		String folder = file.toAbsolutePath().getParent().toString() + "/";
		String name = file.getFileName().toString();
		for (int compression : TiffStructure.check(file, "TIFF file")) {
			if (!IMAGEJ_COMPRESSIONS.contains(compression)) {
				String known = COMPRESSION_NAMES.get(compression);
				throw new InvalidInputException(file + " is a TIFF file compressed in a way " +
					"ImageJ cannot read (Compression " + compression + (known == null ? ""
						: ", " + known) + "). Re-export it as an uncompressed, LZW or Deflate " +
					"TIFF, or as PNG.");
			}
		}
		FileInfo[] infos;
		try {
			infos = new TiffDecoder(folder, name).getTiffInfo();
		}
		catch (IOException | RuntimeException e) {
			throw new InvalidInputException(file + " cannot be read as a TIFF file (" + oneLine(e
				.getMessage()) + "). Re-export it as an uncompressed, LZW or Deflate TIFF, or as " +
				"PNG.", e);
		}
		if (infos == null || infos.length == 0) {
			throw new InvalidInputException(file + " is not a valid TIFF file: it contains no " +
				"image. Re-export it as TIFF, PNG or JPEG.");
		}
		return infos;
	}

	private static int imageCount(FileInfo[] infos) {
		int count = 0;
		for (FileInfo info : infos) {
			count += Math.max(1, info.nImages);
		}
		return count;
	}

	/**
	 * Rejects a TIFF whose image data ends beyond the end of the file, or, when uncompressed,
	 * whose strips hold fewer bytes than its size needs (ImageJ would fill the rest with black).
	 */
	private static void checkComplete(Path file, FileInfo[] infos) {
		long fileSize = fileSize(file);
		for (FileInfo info : infos) {
			long end;
			if (info.stripOffsets != null && info.stripOffsets.length > 0) {
				end = 0;
				long stripBytes = 0;
				for (int i = 0; i < info.stripOffsets.length; i++) {
					long length = info.stripLengths != null && i < info.stripLengths.length
						? info.stripLengths[i] & 0xffffffffL : 0;
					stripBytes += length;
					end = Math.max(end, (info.stripOffsets[i] & 0xffffffffL) + length);
				}
				long needed = (long) info.width * info.height * info.getBytesPerPixel();
				if (info.compression == FileInfo.COMPRESSION_NONE && info.stripLengths != null &&
					stripBytes < needed)
				{
					throw new InvalidInputException(file + " is damaged: its header describes " +
						info.width + " x " + info.height + " pixels (" + needed +
						" bytes) but its image data holds only " + stripBytes +
						" bytes. Copy or export the file again.");
				}
			}
			else if (info.compression == FileInfo.COMPRESSION_NONE) {
				end = info.getOffset() + (long) info.width * info.height * info
					.getBytesPerPixel() * Math.max(1, info.nImages);
			}
			else {
				continue;
			}
			if (end > fileSize) {
				throw new InvalidInputException(file + " is truncated: its image data needs " +
					end + " bytes but the file has " + fileSize +
					". Copy or export the file again.");
			}
		}
	}

	private RgbImage readWithImageIO(Path file, ImageFormat format) {
		return withImageReader(file, format, reader -> {
			checkSize(file, reader.getWidth(0), reader.getHeight(0), 1);
			IIOMetadata metadata = reader.getImageMetadata(0);
			BufferedImage decoded = reader.read(0);
			String origin = file.getFileName().toString();
			return fromBufferedImage(decoded, ImagePlusConverter.stripExtension(origin),
				readPixelSize(metadata, origin), origin);
		});
	}

	/** Decodes a PNG or JPEG file at a reduced size and discards the pixels. */
	private static void checkDecodes(Path file, ImageFormat format) {
		withImageReader(file, format, reader -> {
			ImageReadParam subsampled = reader.getDefaultReadParam();
			subsampled.setSourceSubsampling(CHECK_SUBSAMPLING, CHECK_SUBSAMPLING, 0, 0);
			reader.read(0, subsampled);
			return null;
		});
	}

	/** A step that reads from an ImageIO reader set on the file. */
	@FunctionalInterface
	private interface ReaderStep<T> {
		T apply(ImageReader reader) throws IOException;
	}

	/**
	 * Runs {@code step} with an ImageIO reader on {@code file} and returns its result. A decoder
	 * warning (as for a JPEG that ends before its last row) or a read error rejects the file.
	 */
	private static <T> T withImageReader(Path file, ImageFormat format, ReaderStep<T> step) {
		try (ImageInputStream input = ImageIO.createImageInputStream(file.toFile())) {
			Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
			if (!readers.hasNext()) {
				throw new InvalidInputException("No reader for the " + format + " file " + file +
					". Re-export it as TIFF.");
			}
			ImageReader reader = readers.next();
			List<String> warnings = new ArrayList<>();
			try {
				reader.setInput(input, false, false);
				reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
				T result = step.apply(reader);
				checkNoWarnings(file, warnings);
				return result;
			}
			finally {
				reader.dispose();
			}
		}
		catch (IOException | RuntimeException e) {
			if (e instanceof InvalidInputException) {
				throw (InvalidInputException) e;
			}
			throw new InvalidInputException(file + " could not be read as " + format + " (" + e
				.getMessage() + "). The file is damaged or not a " + format + " image.", e);
		}
	}

	/** Rejects a file whose decoder warned, as of a JPEG that ends before its last row. */
	private static void checkNoWarnings(Path file, List<String> warnings) {
		if (!warnings.isEmpty()) {
			throw new InvalidInputException(file + " is damaged (" + String.join("; ",
				warnings) + "). Copy or export the file again.");
		}
	}

	private static RgbImage fromBufferedImage(BufferedImage decoded, String name,
		PixelSize pixelSize, String origin)
	{
		int colourBands = decoded.getColorModel().getNumColorComponents();
		int bits = decoded.getColorModel().getComponentSize(0);
		if (colourBands != 3 || bits != 8) {
			String kind = colourBands == 1 ? ImagePlusConverter.bitDepthArticle(bits) + " " + bits +
				"-bit greyscale image" : "a " + colourBands + "-component image with " + bits +
					" bits per component";
			throw new InvalidInputException(origin + " is " + kind +
				". PumaSeg expects an RGB H&E image with 8 bits per channel; use the colour image.");
		}
		int width = decoded.getWidth();
		int height = decoded.getHeight();
		int[] packed = decoded.getRGB(0, 0, width, height, null, 0, width);
		for (int i = 0; i < packed.length; i++) {
			packed[i] |= 0xff000000;
		}
		return RgbImage.wrap(name, packed, width, height, pixelSize);
	}

	/** Reads the standard ImageIO metadata pixel size, in mm per pixel. */
	private static PixelSize readPixelSize(IIOMetadata metadata, String origin) {
		if (metadata == null || !metadata.isStandardMetadataFormatSupported()) {
			return PixelSize.unknown(origin + " stores no pixel size");
		}
		IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree("javax_imageio_1.0");
		var nodes = root.getElementsByTagName("HorizontalPixelSize");
		if (nodes.getLength() == 0) {
			return PixelSize.unknown(origin + " stores no pixel size");
		}
		try {
			double mmPerPixel = Double.parseDouble(((IIOMetadataNode) nodes.item(0))
				.getAttribute("value"));
			return PixelSizes.fromMicrometres(mmPerPixel * 1000, origin + " resolution metadata");
		}
		catch (NumberFormatException e) {
			return PixelSize.unknown(origin + " has an unreadable pixel size");
		}
	}

	private void checkSize(Path file, long width, long height, long images) {
		if (width == 0 || height == 0) {
			throw new InvalidInputException(file + " has no pixels (" + width + " x " + height +
				"). Use a non-empty image.");
		}
		if (width < 0 || height < 0) {
			throw new InvalidInputException(file + " is damaged: its header gives an invalid " +
				"size. Copy or export the file again.");
		}
		long pixels = width * height;
		long bytesNeeded = pixels * 4 * Math.max(1, images);
		if (pixels > maxPixels) {
			// Pixel counts in full, because megapixels round 46341 x 46341 to the limit.
			throw new InvalidInputException(String.format(Locale.ROOT,
				"%s is %d x %d pixels (%,d pixels, %.1f megapixels, about %.2f GB in memory), " +
					"above the limit of %,d pixels. Crop it into smaller regions.", file, width,
				height, pixels, pixels / 1e6, bytesNeeded / 1e9, maxPixels));
		}
		long heap = Runtime.getRuntime().maxMemory();
		if (bytesNeeded > heap / 2) {
			throw new InvalidInputException(String.format(Locale.ROOT,
				"%s is %d x %d pixels; reading it needs about %s, more than half of the " +
					"%s Java heap. Crop it, or give Java more memory (Fiji: Edit > Options > " +
					"Memory & Threads; command line: JAVA_OPTS=-Xmx%s).", file, width, height,
				MemorySizes.format(bytesNeeded), MemorySizes.format(heap), MemorySizes
					.heapOption(2 * bytesNeeded)));
		}
	}

	private static String oneLine(String message) {
		return message == null ? "no details" : message.replaceAll("\\s*\\R\\s*", " ").trim();
	}

	private static long fileSize(Path file) {
		try {
			return Files.size(file);
		}
		catch (IOException e) {
			throw new InvalidInputException("Cannot read the size of " + file + ": " + e
				.getMessage(), e);
		}
	}

	/** File formats recognised from their first bytes, never from the file name. */
	enum ImageFormat {
		TIFF, PNG, JPEG;

		static ImageFormat detect(Path file) {
			byte[] head = new byte[8];
			int read;
			try (InputStream in = Files.newInputStream(file)) {
				read = in.readNBytes(head, 0, head.length);
			}
			catch (IOException e) {
				throw new InvalidInputException("Cannot read " + file + ": " + e.getMessage(), e);
			}
			if (read == 0) {
				throw new InvalidInputException(file + " is empty (0 bytes). Copy or export the " +
					"image again.");
			}
			if (read >= 4 && (head[0] == 'I' && head[1] == 'I' || head[0] == 'M' &&
				head[1] == 'M'))
			{
				int magic = head[0] == 'I' ? (head[2] & 0xff | (head[3] & 0xff) << 8)
					: ((head[2] & 0xff) << 8 | head[3] & 0xff);
				if (magic == 42) {
					return TIFF;
				}
				if (magic == 43) {
					throw new InvalidInputException(file + " is a BigTIFF file, which ImageJ " +
						"cannot read. Export the region of interest as a standard TIFF.");
				}
			}
			if (read >= 8 && (head[0] & 0xff) == 0x89 && head[1] == 'P' && head[2] == 'N' &&
				head[3] == 'G')
			{
				return PNG;
			}
			if (read >= 3 && (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xd8 &&
				(head[2] & 0xff) == 0xff)
			{
				return JPEG;
			}
			throw new InvalidInputException(file + " is not a TIFF, PNG or JPEG image. " +
				"Convert it to one of these formats, for example with Fiji's File > Save As.");
		}
	}
}
