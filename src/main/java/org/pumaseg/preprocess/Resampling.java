package org.pumaseg.preprocess;

import java.util.Map;

import net.imglib2.Localizable;
import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgFactory;
import net.imglib2.loops.LoopBuilder;
import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.util.Localizables;
import net.imglib2.view.Views;

import org.pumaseg.image.FloatImage;
import org.pumaseg.InvalidInputException;
import org.pumaseg.Progress;
import org.pumaseg.image.PixelSize;
import org.pumaseg.image.RgbImage;

/**
 * Resampling to another pixel size: bilinear for RGB and float images, nearest neighbour for
 * label images (so that no new label values appear).
 * <p>
 * <b>Grid convention.</b> Both grids start at the image's top-left corner: pixel {@code i}
 * covers {@code [i, i+1)} pixel widths, i.e. {@code [i s, (i+1) s)} µm for pixel size
 * {@code s}, and its value belongs to its centre {@code (i + 0.5) s}. Target pixel {@code j}
 * (size {@code t}) therefore samples the source at continuous index
 * {@code u = (j + 0.5) t / s - 0.5}: bilinear interpolates between {@code floor(u)} and
 * {@code floor(u) + 1}; nearest takes the source pixel containing the target centre,
 * {@code floor((j + 0.5) t / s)}. Samples beyond the edge repeat the edge pixel. Halving the
 * pixel count (t = 2s) thus averages each pair of pixels exactly, and
 * {@link #toGrid(FloatImage, int, int, double, Progress) toGrid} with the original size and
 * pixel size maps a model's output back onto the input image.
 * <p>
 * The new size is {@code round(n s / t)}, at least 1. NOTE: bilinear sampling does not
 * low-pass filter, so shrinking by more than 2x aliases fine texture; H&amp;E models run within
 * a factor of about 2 of their training pixel size, where this is harmless.
 * <p>
 * As a step ({@code resample}, parameter {@code um_per_pixel}) it takes RGB or float channels
 * and gives the same kind; the image must have a known pixel size.
 */
public final class Resampling implements PreprocessOp {

	public static final String NAME = "resample";

	private final double umPerPixel;

	/** A step resampling to {@code umPerPixel} µm per pixel. */
	public Resampling(double umPerPixel) {
		checkPixelSize(umPerPixel);
		this.umPerPixel = umPerPixel;
	}

	static Resampling fromParameters(Parameters p) {
		return new Resampling(p.requiredNumber("um_per_pixel", PixelSize.MIN_PLAUSIBLE_UM, true,
			PixelSize.MAX_PLAUSIBLE_UM, true));
	}

	public double umPerPixel() {
		return umPerPixel;
	}

	/** Size of an axis of {@code size} pixels of {@code fromUm} after resampling to {@code toUm}. */
	public static long resampledSize(long size, double fromUm, double toUm) {
		return Math.max(1, Math.round(size * fromUm / toUm));
	}

	// ---- RGB ----

	/** Bilinear resampling of {@code image} to {@code targetUm} µm per pixel. */
	public static RgbImage toPixelSize(RgbImage image, double targetUm, Progress progress) {
		double sourceUm = knownUm(image.name(), image.pixelSize(), targetUm);
		long width = resampledSize(image.width(), sourceUm, targetUm);
		long height = resampledSize(image.height(), sourceUm, targetUm);
		checkedArea(width, height);
		return toGrid(image, (int) width, (int) height, targetUm, progress);
	}

	/** Bilinear resampling of {@code image} onto a {@code width x height} grid of {@code targetUm}. */
	public static RgbImage toGrid(RgbImage image, int width, int height, double targetUm,
		Progress progress)
	{
		double sourceUm = knownUm(image.name(), image.pixelSize(), targetUm);
		checkPixelSize(targetUm);
		if (width == image.width() && height == image.height() && sourceUm == targetUm) {
			return image;
		}
		BilinearAxis xs = new BilinearAxis(width, image.width(), targetUm / sourceUm);
		BilinearAxis ys = new BilinearAxis(height, image.height(), targetUm / sourceUm);
		int[] in = image.packedRgb();
		int inWidth = image.width();
		RgbImage out = RgbImage.wrap(image.name(), new int[checkedArea(width, height)], width,
			height, resampled(image.pixelSize(), targetUm));
		var positions = Localizables.randomAccessibleInterval(out.pixels());
		RowBlocks.run(width, height, progress, "Resampling", (y0, y1) -> {
			var rows = RowBlocks.rows(width, y0, y1);
			LoopBuilder.setImages(Views.interval(out.pixels(), rows), Views.interval(positions,
				rows)).multiThreaded().forEachPixel((ARGBType o, Localizable p) -> {
					int x = p.getIntPosition(0);
					int y = p.getIntPosition(1);
					int row0 = ys.low[y] * inWidth;
					int row1 = ys.high[y] * inWidth;
					int a = in[row0 + xs.low[x]];
					int b = in[row0 + xs.high[x]];
					int c = in[row1 + xs.low[x]];
					int d = in[row1 + xs.high[x]];
					double wx = xs.weight[x];
					double wy = ys.weight[y];
					int red = mix((a >> 16) & 0xff, (b >> 16) & 0xff, (c >> 16) & 0xff, (d >> 16) &
						0xff, wx, wy);
					int green = mix((a >> 8) & 0xff, (b >> 8) & 0xff, (c >> 8) & 0xff, (d >> 8) &
						0xff, wx, wy);
					int blue = mix(a & 0xff, b & 0xff, c & 0xff, d & 0xff, wx, wy);
					o.set(0xff000000 | (red << 16) | (green << 8) | blue);
				});
		});
		return out;
	}

	private static int mix(int a, int b, int c, int d, double wx, double wy) {
		double top = a + wx * (b - a);
		double bottom = c + wx * (d - c);
		return (int) Math.floor(top + wy * (bottom - top) + 0.5);
	}

	// ---- float channels ----

	/** Bilinear resampling of every channel of {@code image} to {@code targetUm} µm per pixel. */
	public static FloatImage toPixelSize(FloatImage image, double targetUm, Progress progress) {
		double sourceUm = knownUm(image.name(), image.pixelSize(), targetUm);
		long width = resampledSize(image.width(), sourceUm, targetUm);
		long height = resampledSize(image.height(), sourceUm, targetUm);
		checkedArea(width, height);
		return toGrid(image, (int) width, (int) height, targetUm, progress);
	}

	/**
	 * Bilinear resampling of every channel of {@code image} onto a {@code width x height} grid
	 * of {@code targetUm}; with the size and pixel size of the original image this maps a
	 * model output back onto it.
	 */
	public static FloatImage toGrid(FloatImage image, int width, int height, double targetUm,
		Progress progress)
	{
		double sourceUm = knownUm(image.name(), image.pixelSize(), targetUm);
		checkPixelSize(targetUm);
		if (width == image.width() && height == image.height() && sourceUm == targetUm) {
			return image;
		}
		BilinearAxis xs = new BilinearAxis(width, image.width(), targetUm / sourceUm);
		BilinearAxis ys = new BilinearAxis(height, image.height(), targetUm / sourceUm);
		int channels = image.numChannels();
		float[][] in = new float[channels][];
		for (int c = 0; c < channels; c++) {
			in[c] = image.channel(c);
		}
		int inWidth = image.width();
		checkedArea(width, height);
		FloatImage out = FloatImage.create(image.name(), width, height, image.channelNames(),
			resampled(image.pixelSize(), targetUm));
		var positions = Localizables.randomAccessibleInterval(out.channelView(0));
		for (int channel = 0; channel < channels; channel++) {
			float[] plane = in[channel];
			var target = out.channelView(channel);
			Progress part = progress.subRange((double) channel / channels, (double) (channel + 1) /
				channels);
			RowBlocks.run(width, height, part, "Resampling", (y0, y1) -> {
				var rows = RowBlocks.rows(width, y0, y1);
				LoopBuilder.setImages(Views.interval(target, rows), Views.interval(positions, rows))
					.multiThreaded().forEachPixel((FloatType o, Localizable p) -> {
						int x = p.getIntPosition(0);
						int y = p.getIntPosition(1);
						int row0 = ys.low[y] * inWidth;
						int row1 = ys.high[y] * inWidth;
						double wx = xs.weight[x];
						double a = plane[row0 + xs.low[x]];
						double top = a + wx * (plane[row0 + xs.high[x]] - a);
						double c = plane[row1 + xs.low[x]];
						double bottom = c + wx * (plane[row1 + xs.high[x]] - c);
						o.setReal(top + ys.weight[y] * (bottom - top));
					});
			});
		}
		return out;
	}

	// ---- labels ----

	/** Nearest-neighbour resampling of a label image from {@code labelsUm} to {@code targetUm}. */
	public static <T extends NativeType<T>> Img<T> labelsToPixelSize(
		RandomAccessibleInterval<T> labels, double labelsUm, double targetUm, Progress progress)
	{
		return labelsToGrid(labels, labelsUm, resampledSize(labels.dimension(0), labelsUm,
			targetUm), resampledSize(labels.dimension(1), labelsUm, targetUm), targetUm,
			progress);
	}

	/**
	 * Nearest-neighbour resampling of a label image (x, y and any further axes, which are kept)
	 * onto a {@code width x height} grid of {@code targetUm}: every output value is a value of
	 * the input. With the input image's size and pixel size this maps model labels back onto it.
	 */
	public static <T extends NativeType<T>> Img<T> labelsToGrid(
		RandomAccessibleInterval<T> labels, double labelsUm, long width, long height,
		double targetUm, Progress progress)
	{
		checkPixelSize(labelsUm);
		checkPixelSize(targetUm);
		int n = labels.numDimensions();
		if (n < 2) {
			throw new IllegalArgumentException("A label image has at least 2 dimensions.");
		}
		long[] dims = labels.dimensionsAsLongArray();
		dims[0] = width;
		dims[1] = height;
		Img<T> out = new ArrayImgFactory<>(labels.getType().createVariable()).create(dims);
		int[] xs = nearestAxis(width, labels.dimension(0), targetUm / labelsUm);
		int[] ys = nearestAxis(height, labels.dimension(1), targetUm / labelsUm);
		long[] min = labels.minAsLongArray();
		var positions = Localizables.randomAccessibleInterval(out);
		long planes = out.size() / (width * height);
		RowBlocks.run(width * planes, height, progress, "Resampling labels", (y0, y1) -> {
			long[] lo = new long[n];
			long[] hi = out.maxAsLongArray();
			lo[1] = y0;
			hi[1] = y1 - 1;
			var rows = new net.imglib2.FinalInterval(lo, hi);
			LoopBuilder.setImages(Views.interval(out, rows), Views.interval(positions, rows))
				.multiThreaded().forEachChunk(chunk -> {
					RandomAccess<T> in = labels.randomAccess();
					chunk.forEachPixel((o, p) -> {
						in.setPosition(min[0] + xs[p.getIntPosition(0)], 0);
						in.setPosition(min[1] + ys[p.getIntPosition(1)], 1);
						for (int d = 2; d < n; d++) {
							in.setPosition(min[d] + p.getLongPosition(d), d);
						}
						o.set(in.get());
					});
					return null;
				});
		});
		return out;
	}

	// ---- grid arithmetic ----

	/** Source indices and weights of bilinear sampling along one axis. */
	static final class BilinearAxis {

		final int[] low;
		final int[] high;
		final double[] weight;

		/** @param ratio target pixel size / source pixel size */
		BilinearAxis(int outSize, long inSize, double ratio) {
			low = new int[outSize];
			high = new int[outSize];
			weight = new double[outSize];
			for (int j = 0; j < outSize; j++) {
				double u = (j + 0.5) * ratio - 0.5;
				u = Math.max(0, Math.min(inSize - 1, u));
				int i = (int) Math.floor(u);
				low[j] = i;
				high[j] = (int) Math.min(i + 1, inSize - 1);
				weight[j] = u - i;
			}
		}
	}

	/** Source index of each target pixel along one axis, nearest neighbour. */
	static int[] nearestAxis(long outSize, long inSize, double ratio) {
		int[] index = new int[Math.toIntExact(outSize)];
		for (int j = 0; j < index.length; j++) {
			long i = (long) Math.floor((j + 0.5) * ratio);
			index[j] = (int) Math.max(0, Math.min(inSize - 1, i));
		}
		return index;
	}

	private static double knownUm(String imageName, PixelSize pixelSize, double targetUm) {
		if (!pixelSize.isKnown()) {
			throw new InvalidInputException("Image '" + imageName + "' has no pixel size (" +
				pixelSize.origin() + "), so it cannot be resampled to " + targetUm + " µm/px. Set " +
				"its calibration in µm (Image › Properties in Fiji) or state the pixel size to " +
				"assume.");
		}
		checkPixelSize(pixelSize.umPerPixel());
		return pixelSize.umPerPixel();
	}

	private static void checkPixelSize(double um) {
		if (!(um > 0 && Double.isFinite(um))) {
			throw new InvalidInputException("Pixel size " + um + " µm/px is not valid; it must " +
				"be a positive number (H&E images are typically 0.1 to 2 µm/px).");
		}
	}

	private static int checkedArea(long width, long height) {
		if (width < 1 || height < 1 || width * height > Integer.MAX_VALUE - 8) {
			throw new InvalidInputException("Resampling would make an image of " + width + " x " +
				height + " pixels, more than one image can hold (2^31 pixels); choose a larger " +
				"pixel size or crop the image.");
		}
		return (int) (width * height);
	}

	private static PixelSize resampled(PixelSize source, double targetUm) {
		return new PixelSize(targetUm, source.calibrated(), "resampled to " + targetUm +
			" µm/px from " + source.umPerPixel() + " µm/px (" + source.origin() + ")");
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public Map<String, Object> parameters() {
		return Parameters.ordered("um_per_pixel", umPerPixel);
	}

	@Override
	public boolean accepts(StageImage.Kind kind) {
		return true;
	}

	@Override
	public StageImage.Kind outputKind(StageImage.Kind kind) {
		return kind;
	}

	@Override
	public StageImage apply(StageImage input, Progress progress) {
		if (input.kind() == StageImage.Kind.RGB) {
			return StageImage.of(toPixelSize(input.rgb(), umPerPixel, progress));
		}
		return StageImage.of(toPixelSize(input.floats(), umPerPixel, progress));
	}

	@Override
	public String toString() {
		return NAME + parameters();
	}
}
