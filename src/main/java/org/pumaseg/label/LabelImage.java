package org.pumaseg.label;

import java.util.Objects;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.IntArray;
import net.imglib2.type.numeric.IntegerType;
import net.imglib2.type.numeric.integer.IntType;
import net.imglib2.util.Intervals;

/**
 * A 2-D label image: one 32-bit int per pixel, 0 for background and a positive id per object.
 * <p>
 * Why a type of our own rather than any {@code RandomAccessibleInterval<IntType>}: every
 * labelling algorithm here walks pixels by their index in a row-major {@code int[]} (neighbours
 * at {@code index ± 1} and {@code index ± width}), which is several times faster than ImgLib2
 * random access and lets the algorithms use the output array as their work space. This class
 * is a thin wrapper around an {@link ArrayImg} of {@link IntType} sharing that array, so it
 * still is an ImgLib2 image ({@link #img()}) for views, converters and display, at no copy.
 * <p>
 * Ids are 32-bit, so far more than 65,535 objects fit. Negative values are not labels; the
 * algorithms that read labels reject them. Pixel (x, y) has index {@code x + y * width}; the
 * number of pixels is limited to {@link #MAX_PIXELS} (an int index), about a 46,000² image.
 * <p>
 * Coordinates, used by every class of this package: x is the column and y the row, with the
 * origin at the top-left corner of the top-left pixel. Pixel (x, y) covers the unit square
 * [x, x + 1) × [y, y + 1), so its centre is (x + 0.5, y + 0.5). This is the convention of
 * QuPath and GeoJSON annotations.
 */
public final class LabelImage {

	/** Largest number of pixels: array indices are ints. */
	public static final long MAX_PIXELS = Integer.MAX_VALUE - 8;

	private final ArrayImg<IntType, IntArray> img;
	private final int[] labels;
	private final int width;
	private final int height;

	private LabelImage(ArrayImg<IntType, IntArray> img) {
		this.img = img;
		this.labels = img.update(null).getCurrentStorageArray();
		this.width = (int) img.dimension(0);
		this.height = (int) img.dimension(1);
	}

	/** A new label image of background (all 0). */
	public static LabelImage create(int width, int height) {
		checkSize(width, height);
		return new LabelImage(ArrayImgs.ints(width, height));
	}

	/** Wraps a row-major array of {@code width * height} labels without copying it. */
	public static LabelImage wrap(int[] labels, int width, int height) {
		checkSize(width, height);
		if ((long) width * height != labels.length) {
			throw new IllegalArgumentException("Label array of length " + labels.length +
				" does not match " + width + " x " + height + ".");
		}
		return new LabelImage(ArrayImgs.ints(labels, width, height));
	}

	/** Wraps a 2-D int array image without copying it. */
	public static LabelImage wrap(ArrayImg<IntType, IntArray> img) {
		Objects.requireNonNull(img);
		if (img.numDimensions() != 2) {
			throw new IllegalArgumentException("Label image must be 2-D, got " + img
				.numDimensions() + " dimensions.");
		}
		return new LabelImage(img);
	}

	/**
	 * A label image with the values of {@code image}: shares its array when it is a 2-D
	 * {@code ArrayImg<IntType, IntArray>}, otherwise copies it (in flat iteration order, so an
	 * interval with a non-zero minimum is shifted to the origin).
	 *
	 * @throws IllegalArgumentException when a value does not fit in an int
	 */
	@SuppressWarnings("unchecked")
	public static LabelImage of(RandomAccessibleInterval<? extends IntegerType<?>> image) {
		if (image instanceof ArrayImg<?, ?> arrayImg && arrayImg.numDimensions() == 2 && Intervals
			.numElements(arrayImg) > 0 && arrayImg.update(null) instanceof IntArray && arrayImg
				.firstElement() instanceof IntType)
		{
			return wrap((ArrayImg<IntType, IntArray>) arrayImg);
		}
		int[] size = Pixels.size2d(image);
		int[] labels = new int[size[0] * size[1]];
		int i = 0;
		for (IntegerType<?> value : Pixels.flat(image)) {
			long label = value.getIntegerLong();
			if (label != (int) label) {
				throw new IllegalArgumentException("Label " + label + " at pixel index " + i +
					" does not fit in 32 bits.");
			}
			labels[i++] = (int) label;
		}
		return wrap(labels, size[0], size[1]);
	}

	static void checkSize(long width, long height) {
		if (width < 0 || height < 0 || width * height > MAX_PIXELS) {
			throw new IllegalArgumentException("Image of " + width + " x " + height +
				" pixels is not supported; at most " + MAX_PIXELS + " pixels.");
		}
	}

	/** The ImgLib2 image; shares this image's array. */
	public ArrayImg<IntType, IntArray> img() {
		return img;
	}

	/** Labels in row-major order; shared with this image, not a copy. */
	public int[] labels() {
		return labels;
	}

	public int width() {
		return width;
	}

	public int height() {
		return height;
	}

	public int get(int x, int y) {
		return labels[x + y * width];
	}

	public void set(int x, int y, int label) {
		labels[x + y * width] = label;
	}

	/** The largest label, or 0 for an empty image. */
	public int maxLabel() {
		int max = 0;
		for (int label : labels) {
			max = Math.max(max, label);
		}
		return max;
	}

	/** A deep copy. */
	public LabelImage copy() {
		return wrap(labels.clone(), width, height);
	}

	/** Throws unless {@code image} has this image's width and height. */
	void checkSameSize(RandomAccessibleInterval<?> image, String description) {
		Pixels.checkSize(image, width, height, description);
	}
}
