package org.pumaseg.image;

/**
 * Physical pixel size of an image, in micrometres per pixel, and where it came from.
 * <p>
 * An uncalibrated image (no calibration, pixel units, or a print resolution in dpi only) has
 * {@link #umPerPixel()} = NaN until a caller {@link #orAssume(double, String) assumes} a value,
 * typically the pixel size a model was trained at. Square pixels are assumed; readers reject
 * images whose pixel width and height differ by more than 1 %.
 *
 * @param umPerPixel micrometres per pixel, or NaN when unknown
 * @param calibrated true when the value was read from the image, false when unknown or assumed
 * @param origin where the value comes from, in words, for logs and warnings
 */
public record PixelSize(double umPerPixel, boolean calibrated, String origin) {

	/** Plausible range for H&E microscopy, from 100x oil (~0.05) to 1.25x overviews (~10). */
	public static final double MIN_PLAUSIBLE_UM = 0.02;
	public static final double MAX_PLAUSIBLE_UM = 50;

	public static PixelSize calibrated(double umPerPixel, String origin) {
		return new PixelSize(umPerPixel, true, origin);
	}

	public static PixelSize unknown(String reason) {
		return new PixelSize(Double.NaN, false, reason);
	}

	public boolean isKnown() {
		return !Double.isNaN(umPerPixel);
	}

	/** Returns this size if known, else {@code umPerPixel} marked as assumed. */
	public PixelSize orAssume(double assumedUmPerPixel, String why) {
		if (isKnown()) {
			return this;
		}
		return new PixelSize(assumedUmPerPixel, false, "assumed " + assumedUmPerPixel +
			" µm/px (" + why + "); " + origin);
	}
}
