package org.pumaseg.image;

import java.nio.file.Files;
import java.nio.file.Path;

import org.pumaseg.InvalidInputException;

import ij.CompositeImage;
import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileInfo;
import ij.measure.Calibration;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;

/**
 * Converts between ImageJ's {@link ImagePlus} and {@link RgbImage}, applying PumaSeg's input
 * rules.
 * <p>
 * Accepted: a single 2-D RGB image (used as it is), and a 3-channel 8-bit composite with one
 * slice and one frame (channels 1, 2, 3 become red, green, blue). Rejected with a message that
 * names the expected axes: greyscale images of any bit depth, 16- and 32-bit composites, and any
 * image with more than one slice or frame. Alpha is never present in an ImageJ RGB image.
 */
public final class ImagePlusConverter {

	private ImagePlusConverter() {}

	/**
	 * Returns the RGB pixels of {@code image}. An RGB image shares its pixel array with the
	 * returned image; PumaSeg never writes into an input image.
	 */
	public static RgbImage toRgbImage(ImagePlus image, String origin) {
		int width = image.getWidth();
		int height = image.getHeight();
		if (width < 1 || height < 1) {
			throw new InvalidInputException(origin + " has no pixels (" + width + " x " + height +
				"). Open a non-empty image.");
		}
		int channels = image.getNChannels();
		int slices = image.getNSlices();
		int frames = image.getNFrames();
		int bitDepth = image.getBitDepth();
		PixelSize pixelSize = PixelSizes.fromCalibration(image.getCalibration(), origin);
		String name = stripExtension(image.getTitle());

		if (bitDepth == 24 && image.getStackSize() == 1) {
			int[] pixels = (int[]) image.getProcessor().getPixels();
			return RgbImage.wrap(name, pixels, width, height, pixelSize);
		}
		if (bitDepth == 8 && channels == 3 && slices == 1 && frames == 1) {
			return RgbImage.wrap(name, mergeChannels(image.getStack(), width, height), width,
				height, pixelSize);
		}
		throw new InvalidInputException(describeRejection(origin, bitDepth, channels, slices,
			frames));
	}

	/**
	 * Returns the RGB pixels of an image open in ImageJ, as {@link #toRgbImage} does, after
	 * checking the file ImageJ read it from with {@link ImageFileReader#checkFile}. ImageJ opens
	 * a truncated TIFF or JPEG with the missing part blank, which would be segmented without a
	 * word. Only TIFF, PNG and JPEG files that ImageJ's own readers opened are checked: an
	 * image made in memory, opened by another reader (such as Bio-Formats), read from another
	 * format or whose file is gone is converted unchecked.
	 *
	 * @throws InvalidInputException when the file is truncated or damaged, or the image breaks
	 *           the rules of {@link #toRgbImage}
	 */
	public static RgbImage fromOpenImage(ImagePlus image) {
		Path file = originalFile(image);
		if (file != null) {
			ImageFileReader.checkFile(file);
		}
		return toRgbImage(image, image.getTitle());
	}

	/** Returns the file ImageJ's own readers opened {@code image} from, or null. */
	private static Path originalFile(ImagePlus image) {
		FileInfo info = image.getOriginalFileInfo();
		if (info == null || info.fileName == null || info.fileName.isBlank() ||
			info.directory == null || info.directory.isBlank())
		{
			return null;
		}
		// Readers other than ImageJ's leave the format UNKNOWN; a region that QuPath sends
		// names its whole-slide file, which must not be judged by these rules.
		if (info.fileFormat != FileInfo.TIFF && info.fileFormat != FileInfo.GIF_OR_JPG &&
			info.fileFormat != FileInfo.IMAGEIO)
		{
			return null;
		}
		Path file = Path.of(info.directory, info.fileName);
		if (!Files.isRegularFile(file) || !ImageFileReader.isTiffPngOrJpeg(file)) {
			return null;
		}
		return file;
	}

	/**
	 * Wraps {@code image} as an ImagePlus that shares its pixels, calibrated in µm when its pixel
	 * size is calibrated.
	 */
	public static ImagePlus toImagePlus(RgbImage image) {
		ColorProcessor processor = new ColorProcessor(image.width(), image.height(), image
			.packedRgb());
		ImagePlus result = new ImagePlus(image.name(), processor);
		setCalibration(result, image.pixelSize());
		return result;
	}

	/**
	 * Wraps {@code image} as a 32-bit ImagePlus with one channel per float channel, named by
	 * the slice labels; the planes are shared, not copied.
	 */
	public static ImagePlus toImagePlus(FloatImage image) {
		ImageStack stack = new ImageStack(image.width(), image.height());
		for (int c = 0; c < image.numChannels(); c++) {
			stack.addSlice(image.channelNames().get(c), new FloatProcessor(image.width(), image
				.height(), image.channel(c)));
		}
		ImagePlus result = new ImagePlus(image.name(), stack);
		result.setDimensions(image.numChannels(), 1, 1);
		setCalibration(result, image.pixelSize());
		if (image.numChannels() > 1) {
			CompositeImage composite = new CompositeImage(result, IJ.GRAYSCALE);
			composite.resetDisplayRanges();
			return composite;
		}
		result.resetDisplayRange();
		return result;
	}

	/**
	 * Sets the calibration of {@code image} to {@code pixelSize} in µm when that size is
	 * calibrated. An assumed size leaves the image uncalibrated, because an ImageJ calibration
	 * cannot mark a value as assumed.
	 */
	public static void setCalibration(ImagePlus image, PixelSize pixelSize) {
		if (pixelSize.calibrated()) {
			Calibration calibration = new Calibration();
			calibration.pixelWidth = pixelSize.umPerPixel();
			calibration.pixelHeight = pixelSize.umPerPixel();
			calibration.setUnit("micron");
			image.setCalibration(calibration);
		}
	}

	private static int[] mergeChannels(ImageStack stack, int width, int height) {
		byte[] red = (byte[]) stack.getPixels(1);
		byte[] green = (byte[]) stack.getPixels(2);
		byte[] blue = (byte[]) stack.getPixels(3);
		int[] packed = new int[width * height];
		for (int i = 0; i < packed.length; i++) {
			packed[i] = 0xff000000 | (red[i] & 0xff) << 16 | (green[i] & 0xff) << 8 | (blue[i] &
				0xff);
		}
		return packed;
	}

	private static String describeRejection(String origin, int bitDepth, int channels,
		int slices, int frames)
	{
		String expected = " PumaSeg expects one 2-D RGB H&E image (X, Y and 3 colour channels, " +
			"8 bits each).";
		String axes = channels + " channel(s), " + slices + " slice(s), " + frames + " frame(s)";
		if (bitDepth == 24) {
			return origin + " is an RGB stack with " + axes + "." + expected +
				" Keep one image, for example with Image > Duplicate in Fiji.";
		}
		if (channels == 3 && slices == 1 && frames == 1) {
			return origin + " is a 3-channel " + bitDepth + "-bit composite." + expected +
				" Convert it with Image > Type > RGB Color in Fiji.";
		}
		if (channels == 1 && slices == 3 && frames == 1 && bitDepth == 8) {
			return origin + " is an 8-bit stack of 3 slices." + expected +
				" If the slices are red, green and blue, use Image > Color > Stack to RGB in Fiji.";
		}
		if (channels == 1 && slices == 1 && frames == 1) {
			return origin + " is " + bitDepthArticle(bitDepth) + " " + bitDepth + "-bit greyscale " +
				"image." + expected + " A single stain or brightness channel is not an H&E image; " +
				"use the colour image.";
		}
		return origin + " is " + bitDepthArticle(bitDepth) + " " + bitDepth + "-bit image with " +
			axes + "." + expected;
	}

	/** Returns the article before a bit depth in words: "an" for 8 (and 11, 18), else "a". */
	static String bitDepthArticle(int bits) {
		return bits == 8 || bits == 11 || bits == 18 ? "an" : "a";
	}

	static String stripExtension(String title) {
		int dot = title.lastIndexOf('.');
		return dot > 0 ? title.substring(0, dot) : title;
	}
}
