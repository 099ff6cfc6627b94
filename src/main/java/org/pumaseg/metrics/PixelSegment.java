package org.pumaseg.metrics;

import java.util.BitSet;
import java.util.Locale;

import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.pumaseg.InvalidInputException;
import org.pumaseg.label.LabelImage;
import org.pumaseg.label.LabelPolygons;

/**
 * The pixels of one object, by the pixel-centre rule of {@link LabelPolygons}, stored as a bit
 * mask over the object's own bounding box. Each object keeps all its pixels even where objects
 * overlap, which a shared label image could not.
 */
final class PixelSegment {

	final String className;
	/** Position of the object in its list (file order). */
	final int index;
	private final int minX;
	private final int minY;
	private final int width;
	private final int height;
	private final BitSet pixels;
	final long area;

	private PixelSegment(String className, int index, int minX, int minY, int width, int height,
		BitSet pixels)
	{
		this.className = className;
		this.index = index;
		this.minX = minX;
		this.minY = minY;
		this.width = width;
		this.height = height;
		this.pixels = pixels;
		this.area = pixels.cardinality();
	}

	/**
	 * Rasterises {@code geometry}. Pixels at negative coordinates are outside the image and not
	 * counted.
	 *
	 * @param where names the object in error messages
	 * @throws InvalidInputException when the bounding box reaches beyond the largest pixel
	 *           coordinate, or has more pixels than an image may have
	 */
	static PixelSegment of(Geometry geometry, String className, int index, String where) {
		Envelope bounds = geometry.getEnvelopeInternal();
		// Columns whose centre c + 0.5 can be inside: [ceil(minX - 0.5), ceil(maxX - 0.5)).
		long fromX = Math.max(0, (long) Math.ceil(bounds.getMinX() - 0.5));
		long fromY = Math.max(0, (long) Math.ceil(bounds.getMinY() - 0.5));
		long toX = Math.max(fromX, (long) Math.ceil(bounds.getMaxX() - 0.5));
		long toY = Math.max(fromY, (long) Math.ceil(bounds.getMaxY() - 0.5));
		long boxWidth = toX - fromX;
		long boxHeight = toY - fromY;
		if (toX > Integer.MAX_VALUE || toY > Integer.MAX_VALUE) {
			throw new InvalidInputException(String.format(Locale.ROOT, "%s extends to " +
				"x = %.1f, y = %.1f, beyond the largest pixel coordinate an image can have " +
				"(%d). Check its coordinates (pixels, x = column, y = row).", where, bounds
					.getMaxX(), bounds.getMaxY(), Integer.MAX_VALUE));
		}
		if (boxWidth * boxHeight > LabelImage.MAX_PIXELS) {
			throw new InvalidInputException(where + " spans " + boxWidth + " x " + boxHeight +
				" pixels, more than an image can hold. Check its coordinates (pixels, x = column, " +
				"y = row).");
		}
		int x0 = (int) fromX;
		int y0 = (int) fromY;
		int w = (int) boxWidth;
		BitSet pixels = new BitSet();
		LabelPolygons.scan(geometry, (int) toX, (int) toY, (row, from, to) -> {
			int offset = (row - y0) * w - x0;
			pixels.set(offset + from, offset + to);
		});
		return new PixelSegment(className, index, x0, y0, w, (int) boxHeight, pixels);
	}

	/** Returns the bounding box of the pixels as an envelope of pixel corners. */
	Envelope envelope() {
		return new Envelope(minX, minX + width, minY, minY + height);
	}

	/** Counts the pixels this segment shares with {@code other}. */
	long intersection(PixelSegment other) {
		int fromX = Math.max(minX, other.minX);
		int toX = Math.min(minX + width, other.minX + other.width);
		int fromY = Math.max(minY, other.minY);
		int toY = Math.min(minY + height, other.minY + other.height);
		long shared = 0;
		for (int y = fromY; y < toY; y++) {
			int row = (y - minY) * width - minX;
			int otherRow = (y - other.minY) * other.width - other.minX;
			for (int x = fromX; x < toX; x++) {
				if (pixels.get(row + x) && other.pixels.get(otherRow + x)) {
					shared++;
				}
			}
		}
		return shared;
	}
}
