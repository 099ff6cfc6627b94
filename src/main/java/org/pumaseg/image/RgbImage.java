package org.pumaseg.image;

import java.util.Objects;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.IntArray;
import net.imglib2.type.numeric.ARGBType;

/**
 * An 8-bit RGB image (the normal form of an H&E field) with its name and pixel size.
 * <p>
 * Pixels are packed ARGB ints in row-major order, the layout of ImageJ's
 * {@code ColorProcessor}, so conversion to and from ImageJ shares the array without copying.
 * The alpha byte is ignored.
 */
public final class RgbImage {

	private final String name;
	private final ArrayImg<ARGBType, IntArray> pixels;
	private final PixelSize pixelSize;

	public RgbImage(String name, ArrayImg<ARGBType, IntArray> pixels, PixelSize pixelSize) {
		this.name = Objects.requireNonNull(name);
		this.pixels = Objects.requireNonNull(pixels);
		this.pixelSize = Objects.requireNonNull(pixelSize);
		if (pixels.numDimensions() != 2) {
			throw new IllegalArgumentException("RGB image must be 2-D, got " + pixels
				.numDimensions() + " dimensions.");
		}
	}

	/** Wraps packed RGB ints, row-major, {@code width * height} long, without copying. */
	public static RgbImage wrap(String name, int[] packedRgb, int width, int height,
		PixelSize pixelSize)
	{
		if ((long) width * height != packedRgb.length) {
			throw new IllegalArgumentException("Pixel array of length " + packedRgb.length +
				" does not match " + width + " x " + height + ".");
		}
		return new RgbImage(name, ArrayImgs.argbs(packedRgb, width, height), pixelSize);
	}

	public String name() {
		return name;
	}

	public ArrayImg<ARGBType, IntArray> pixels() {
		return pixels;
	}

	/** Packed RGB ints, row-major; shared with this image, not a copy. */
	public int[] packedRgb() {
		return pixels.update(null).getCurrentStorageArray();
	}

	public int width() {
		return (int) pixels.dimension(0);
	}

	public int height() {
		return (int) pixels.dimension(1);
	}

	public PixelSize pixelSize() {
		return pixelSize;
	}

	public RgbImage withPixelSize(PixelSize newPixelSize) {
		return new RgbImage(name, pixels, newPixelSize);
	}
}
