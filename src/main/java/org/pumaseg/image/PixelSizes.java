package org.pumaseg.image;

import java.util.Locale;

import ij.measure.Calibration;

/**
 * Reads the pixel size in µm from ImageJ calibrations and resolution metadata.
 * <p>
 * Length units µm (also written micron, um, u), nm, mm, cm, m and inch are converted to µm. A
 * result outside [{@value PixelSize#MIN_PLAUSIBLE_UM}, {@value PixelSize#MAX_PLAUSIBLE_UM}]
 * µm/px cannot come from a microscope: it is a print resolution (for example the 72 or 300 dpi
 * that many programs write into every TIFF), so the image counts as uncalibrated.
 */
public final class PixelSizes {

	private PixelSizes() {}

	/** Converts an ImageJ calibration; {@code origin} names the file or image for messages. */
	public static PixelSize fromCalibration(Calibration calibration, String origin) {
		if (calibration == null || !calibration.scaled()) {
			return PixelSize.unknown(origin + " has no spatial calibration");
		}
		double width = calibration.pixelWidth;
		double height = calibration.pixelHeight;
		String unit = calibration.getUnit();
		if (unit == null || unit.isBlank()) {
			return PixelSize.unknown(origin + " has no calibration unit");
		}
		double umPerUnit = micrometresPerUnit(unit);
		if (Double.isNaN(umPerUnit)) {
			return PixelSize.unknown(origin + " is calibrated in '" + unit +
				"', which is not a length unit");
		}

		double umWidth = width * umPerUnit;
		double umHeight = height * umPerUnit;
		if (Math.abs(umWidth - umHeight) > 0.01 * Math.max(umWidth, umHeight)) {
			throw new org.pumaseg.InvalidInputException(origin + " has non-square pixels (" +
				format(umWidth) + " x " + format(umHeight) + " µm). Resample it to square pixels " +
				"first, for example with Image > Scale in Fiji.");
		}
		return fromMicrometres(umWidth, origin + " calibration (" + format(width) + " " + unit +
			"/px)");
	}

	/**
	 * Returns a calibrated size if {@code umPerPixel} is plausible for microscopy, else an
	 * unknown size that explains why it was ignored.
	 */
	public static PixelSize fromMicrometres(double umPerPixel, String origin) {
		if (!(umPerPixel >= PixelSize.MIN_PLAUSIBLE_UM &&
			umPerPixel <= PixelSize.MAX_PLAUSIBLE_UM))
		{
			return PixelSize.unknown(origin + " gives " + format(umPerPixel) +
				" µm/px, which is not a microscope pixel size (a print resolution in dpi?)");
		}
		return PixelSize.calibrated(umPerPixel, origin);
	}

	/**
	 * Checks a pixel size that a user gave, in µm per pixel, and returns it.
	 *
	 * @param source the option or parameter that gave it, for the message (e.g. "--pixel-size")
	 * @throws org.pumaseg.InvalidInputException naming the value and the valid range when
	 *           {@code umPerPixel} is NaN or outside the plausible range for microscopy
	 */
	public static double requireMicroscopePixelSize(double umPerPixel, String source) {
		if (!(umPerPixel >= PixelSize.MIN_PLAUSIBLE_UM &&
			umPerPixel <= PixelSize.MAX_PLAUSIBLE_UM))
		{
			throw new org.pumaseg.InvalidInputException("Invalid " + source + " " + umPerPixel +
				" µm: give a microscope pixel size from " + PixelSize.MIN_PLAUSIBLE_UM + " to " +
				PixelSize.MAX_PLAUSIBLE_UM + " µm per pixel, such as 0.25 for 40x scans like " +
				"the PUMA ROIs.");
		}
		return umPerPixel;
	}

	/** Returns µm per {@code unit}, or NaN when {@code unit} is not a length unit. */
	static double micrometresPerUnit(String unit) {
		if (unit == null) {
			return Double.NaN;
		}
		switch (unit.trim().toLowerCase(Locale.ROOT)) {
			case "µm":
			case "μm": // Greek mu, as some programs write it
			case "um":
			case "u":
			case "micron":
			case "microns":
			case "micrometer":
			case "micrometre":
				return 1;
			case "nm":
				return 1e-3;
			case "mm":
				return 1e3;
			case "cm":
				return 1e4;
			case "m":
				return 1e6;
			case "inch":
			case "in":
				return 25_400;
			default:
				return Double.NaN;
		}
	}

	static String format(double value) {
		return String.format(Locale.ROOT, "%.4g", value);
	}
}
