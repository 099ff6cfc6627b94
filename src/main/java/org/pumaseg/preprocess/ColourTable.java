package org.pumaseg.preprocess;

import net.imglib2.loops.LoopBuilder;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.view.Views;

import org.pumaseg.Progress;
import org.pumaseg.image.RgbImage;

/**
 * The distinct colours of an 8-bit RGB image and how many pixels have each.
 * <p>
 * Every colour operation here (stain estimation, Macenko and Reinhard normalisation) is a
 * function of the pixel's colour alone, and an H&amp;E image has far fewer distinct colours than
 * pixels (a 1024² PUMA ROI about 0.3 M; at most 2^24). Statistics are therefore computed once
 * per colour, weighted by its pixel count, and a normalised image is written through a
 * per-colour look-up table. This is exact, deterministic whatever the thread count, and keeps
 * memory at a fixed 64 MB table plus a few arrays the size of the colour count, even for a
 * 10000² image.
 */
final class ColourTable {

	private static final int COLOURS = 1 << 24;

	/** For each 24-bit colour, its index in {@link #colours}, or -1 when absent. */
	private final int[] indexOf;
	private final int[] colours;
	private final int[] counts;
	private final long pixels;

	private ColourTable(int[] indexOf, int[] colours, int[] counts, long pixels) {
		this.indexOf = indexOf;
		this.colours = colours;
		this.counts = counts;
		this.pixels = pixels;
	}

	/** Counts the colours of {@code image} (alpha ignored). */
	static ColourTable of(RgbImage image, Progress progress) {
		int[] histogram = new int[COLOURS];
		int[] packed = image.packedRgb();
		long width = image.width();

		// Counting is memory-bound and needs one table; a single thread does it.
		RowBlocks.run(width, image.height(), progress, "Counting colours", (y0, y1) -> {
			int end = (int) (y1 * width);
			for (int i = (int) (y0 * width); i < end; i++) {
				histogram[packed[i] & 0xffffff]++;
			}
		});

		int distinct = 0;
		for (int count : histogram) {
			if (count != 0) {
				distinct++;
			}
		}
		int[] colours = new int[distinct];
		int[] counts = new int[distinct];
		int k = 0;
		for (int c = 0; c < COLOURS; c++) {
			if (histogram[c] != 0) {
				colours[k] = c;
				counts[k] = histogram[c];
				histogram[c] = k;
				k++;
			}
			else {
				histogram[c] = -1;
			}
		}
		return new ColourTable(histogram, colours, counts, (long) packed.length);
	}

	/** Number of distinct colours. */
	int size() {
		return colours.length;
	}

	/** Colour {@code k} as 0xRRGGBB. */
	int colour(int k) {
		return colours[k];
	}

	/** Number of pixels with colour {@code k}. */
	int count(int k) {
		return counts[k];
	}

	int[] counts() {
		return counts;
	}

	long pixels() {
		return pixels;
	}

	/**
	 * Writes a new RGB image whose pixel is {@code newColours[k]} where {@code image} has colour
	 * {@code k}. {@code image} must be the image this table was made from.
	 */
	RgbImage map(RgbImage image, int[] newColours, String name, Progress progress) {
		int[] out = new int[image.width() * image.height()];
		RgbImage result = RgbImage.wrap(name, out, image.width(), image.height(), image
			.pixelSize());
		long width = image.width();
		RowBlocks.run(width, image.height(), progress, "Writing colours", (y0, y1) -> {
			var rows = RowBlocks.rows(width, y0, y1);
			LoopBuilder.setImages(Views.interval(image.pixels(), rows), Views.interval(result
				.pixels(), rows)).multiThreaded().forEachPixel((ARGBType in, ARGBType o) -> o.set(
					0xff000000 | newColours[indexOf[in.get() & 0xffffff]]));
		});
		return result;
	}

	/** Index of the colour of a packed pixel, for look-ups into per-colour arrays. */
	int indexOfPixel(int packedRgb) {
		return indexOf[packedRgb & 0xffffff];
	}
}
