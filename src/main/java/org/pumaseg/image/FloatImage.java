package org.pumaseg.image;

import java.util.List;
import java.util.Objects;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.img.planar.PlanarImgs;
import net.imglib2.type.numeric.real.FloatType;


/**
 * A float image with named channels: optical densities, stain concentrations or normalised
 * model input, with the pixel size of the RGB image it was made from.
 * <p>
 * Dimensions are (x, y, channel), channels last. Each channel is one contiguous row-major
 * {@code float[]} plane ({@link PlanarImg}), so a plane is as large as an {@code RgbImage} can
 * be and can be handed to ImageJ's {@code FloatProcessor} without copying.
 */
public final class FloatImage {

	private final String name;
	private final PlanarImg<FloatType, FloatArray> data;
	private final List<String> channelNames;
	private final PixelSize pixelSize;

	private FloatImage(String name, PlanarImg<FloatType, FloatArray> data,
		List<String> channelNames, PixelSize pixelSize)
	{
		this.name = Objects.requireNonNull(name);
		this.data = Objects.requireNonNull(data);
		this.channelNames = List.copyOf(channelNames);
		this.pixelSize = Objects.requireNonNull(pixelSize);
		if (data.numDimensions() != 3 || data.dimension(2) != channelNames.size()) {
			throw new IllegalArgumentException("Float image must be (x, y, channel) with " +
				channelNames.size() + " channels.");
		}
	}

	/** Allocates a zero-filled image of {@code width x height} pixels and the given channels. */
	public static FloatImage create(String name, long width, long height,
		List<String> channelNames, PixelSize pixelSize)
	{
		if (width < 1 || height < 1 || width * height > Integer.MAX_VALUE - 8) {
			throw new IllegalArgumentException("Cannot make a float image of " + width + " x " +
				height + " pixels; each side must be at least 1 and the plane below 2^31 pixels.");
		}
		if (channelNames.isEmpty()) {
			throw new IllegalArgumentException("A float image needs at least one channel.");
		}
		PlanarImg<FloatType, FloatArray> data = PlanarImgs.floats(width, height, channelNames
			.size());
		return new FloatImage(name, data, channelNames, pixelSize);
	}

	public String name() {
		return name;
	}

	/** The pixels as (x, y, channel); this is the image itself, not a copy. */
	public RandomAccessibleInterval<FloatType> data() {
		return data;
	}

	/** Channel {@code c} as a row-major plane; shared with this image, not a copy. */
	public float[] channel(int c) {
		return data.getPlane(c).getCurrentStorageArray();
	}

	/**
	 * Channel {@code c} as a 2-D image (x, y) sharing this image's pixels. An {@code ArrayImg}
	 * over the plane rather than a hyper-slice view: {@code LoopBuilder} runs about three times
	 * faster on it.
	 */
	public ArrayImg<FloatType, FloatArray> channelView(int c) {
		return ArrayImgs.floats(channel(c), data.dimension(0), data.dimension(1));
	}

	public List<String> channelNames() {
		return channelNames;
	}

	public int numChannels() {
		return channelNames.size();
	}

	public int width() {
		return (int) data.dimension(0);
	}

	public int height() {
		return (int) data.dimension(1);
	}

	public PixelSize pixelSize() {
		return pixelSize;
	}

	/** Returns this image with another pixel size; the pixels are shared, not copied. */
	public FloatImage withPixelSize(PixelSize newPixelSize) {
		return new FloatImage(name, data, channelNames, newPixelSize);
	}
}
