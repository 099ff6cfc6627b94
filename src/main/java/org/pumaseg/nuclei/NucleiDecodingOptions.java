package org.pumaseg.nuclei;

import org.pumaseg.InvalidInputException;

/**
 * Parameters of {@link NucleiDecoder}, with defaults from {@link #defaults()}.
 * <p>
 * Sizes are physical (µm, µm²) so that one set of values fits models trained at different pixel
 * sizes; the decoder converts them with the maps' pixel size.
 *
 * @param foregroundThreshold a pixel is nucleus when its foreground probability is at least
 *          this; default 0.5
 * @param markerGradientThreshold HoVer-Net decoding: a nucleus pixel can seed an instance when
 *          the steepest slope of the distance maps there is below this, in map units per pixel.
 *          Inside a nucleus of radius r pixels the maps rise by about 1/r per pixel; between
 *          two touching nuclei they jump by up to 2 within one or two pixels. Default 0.3
 * @param minMarkerAreaUm2 HoVer-Net decoding: seeds smaller than this are dropped as noise;
 *          default 0.5 µm² (about 8 pixels at 0.25 µm per pixel)
 * @param hMaximaUm foreground-only decoding: a maximum of the distance to the background seeds
 *          an instance when it rises at least this far above the saddle to any higher maximum;
 *          default 0.5 µm (2 pixels at 0.25 µm per pixel)
 * @param minAreaUm2 instances smaller than this are removed; default 3 µm² (about 50 pixels at
 *          0.24 µm per pixel; the smallest nucleus annotated in a PUMA ROI measured 4.3 µm²)
 * @param fillHoles whether background enclosed by one instance joins it; default true
 */
public record NucleiDecodingOptions(double foregroundThreshold, double markerGradientThreshold,
	double minMarkerAreaUm2, double hMaximaUm, double minAreaUm2, boolean fillHoles)
{

	public NucleiDecodingOptions {
		check(foregroundThreshold >= 0 && foregroundThreshold <= 1, "foreground threshold",
			foregroundThreshold, "a probability in [0, 1]");
		check(markerGradientThreshold > 0 && Double.isFinite(markerGradientThreshold),
			"marker gradient threshold", markerGradientThreshold, "positive");
		check(minMarkerAreaUm2 >= 0 && Double.isFinite(minMarkerAreaUm2), "minimum marker area",
			minMarkerAreaUm2, "at least 0 µm²");
		check(hMaximaUm >= 0 && Double.isFinite(hMaximaUm), "h-maxima height", hMaximaUm,
			"at least 0 µm");
		check(minAreaUm2 >= 0 && Double.isFinite(minAreaUm2), "minimum nucleus area", minAreaUm2,
			"at least 0 µm²");
	}

	/** The documented defaults. */
	public static NucleiDecodingOptions defaults() {
		return new NucleiDecodingOptions(0.5, 0.3, 0.5, 0.5, 3, true);
	}

	public NucleiDecodingOptions withForegroundThreshold(double threshold) {
		return new NucleiDecodingOptions(threshold, markerGradientThreshold, minMarkerAreaUm2,
			hMaximaUm, minAreaUm2, fillHoles);
	}

	public NucleiDecodingOptions withMarkerGradientThreshold(double threshold) {
		return new NucleiDecodingOptions(foregroundThreshold, threshold, minMarkerAreaUm2,
			hMaximaUm, minAreaUm2, fillHoles);
	}

	public NucleiDecodingOptions withMinMarkerAreaUm2(double area) {
		return new NucleiDecodingOptions(foregroundThreshold, markerGradientThreshold, area,
			hMaximaUm, minAreaUm2, fillHoles);
	}

	public NucleiDecodingOptions withHMaximaUm(double h) {
		return new NucleiDecodingOptions(foregroundThreshold, markerGradientThreshold,
			minMarkerAreaUm2, h, minAreaUm2, fillHoles);
	}

	public NucleiDecodingOptions withMinAreaUm2(double area) {
		return new NucleiDecodingOptions(foregroundThreshold, markerGradientThreshold,
			minMarkerAreaUm2, hMaximaUm, area, fillHoles);
	}

	public NucleiDecodingOptions withFillHoles(boolean fill) {
		return new NucleiDecodingOptions(foregroundThreshold, markerGradientThreshold,
			minMarkerAreaUm2, hMaximaUm, minAreaUm2, fill);
	}

	private static void check(boolean valid, String name, double value, String rule) {
		if (!valid) {
			throw new InvalidInputException("The nuclei " + name + " must be " + rule + ", got " +
				value + ".");
		}
	}
}
