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
 * @param markerEnergyThreshold HoVer-Net decoding: a nucleus pixel can seed an instance when
 *          neither distance map falls faster than this along its axis there, in map units per
 *          pixel ({@link BoundaryEnergy}). Inside a nucleus the maps rise; across a contact
 *          between two nuclei they fall by up to 2 within one or two pixels (an energy near 1),
 *          and at a nucleus' left and top edges by about 1 (an energy near 0.5). Default 0.2
 * @param minMarkerAreaUm2 HoVer-Net decoding: seeds smaller than this are dropped as noise;
 *          default 0.5 µm² (about 8 pixels at 0.25 µm per pixel)
 * @param hMaximaUm foreground-only decoding: a maximum of the distance to the background seeds
 *          an instance when it rises at least this far above the saddle to any higher maximum;
 *          default 0.5 µm (2 pixels at 0.25 µm per pixel)
 * @param minAreaUm2 instances smaller than this are removed; default 3 µm² (about 50 pixels at
 *          0.24 µm per pixel; the smallest nucleus annotated in a PUMA ROI measured 4.3 µm²)
 * @param fillHoles whether background enclosed by one instance joins it; default true
 */
public record NucleiDecodingOptions(double foregroundThreshold, double markerEnergyThreshold,
	double minMarkerAreaUm2, double hMaximaUm, double minAreaUm2, boolean fillHoles)
{

	public NucleiDecodingOptions {
		check(foregroundThreshold >= 0 && foregroundThreshold <= 1, "foreground threshold",
			foregroundThreshold, "a probability in [0, 1]");
		check(markerEnergyThreshold > 0 && Double.isFinite(markerEnergyThreshold),
			"marker energy threshold", markerEnergyThreshold, "positive");
		check(minMarkerAreaUm2 >= 0 && Double.isFinite(minMarkerAreaUm2), "minimum marker area",
			minMarkerAreaUm2, "at least 0 µm²");
		check(hMaximaUm >= 0 && Double.isFinite(hMaximaUm), "h-maxima height", hMaximaUm,
			"at least 0 µm");
		check(minAreaUm2 >= 0 && Double.isFinite(minAreaUm2), "minimum nucleus area", minAreaUm2,
			"at least 0 µm²");
	}

	/** Returns the documented defaults. */
	public static NucleiDecodingOptions defaults() {
		return new NucleiDecodingOptions(0.5, 0.2, 0.5, 0.5, 3, true);
	}

	public NucleiDecodingOptions withForegroundThreshold(double threshold) {
		return new NucleiDecodingOptions(threshold, markerEnergyThreshold, minMarkerAreaUm2,
			hMaximaUm, minAreaUm2, fillHoles);
	}

	public NucleiDecodingOptions withMarkerEnergyThreshold(double threshold) {
		return new NucleiDecodingOptions(foregroundThreshold, threshold, minMarkerAreaUm2,
			hMaximaUm, minAreaUm2, fillHoles);
	}

	public NucleiDecodingOptions withMinMarkerAreaUm2(double area) {
		return new NucleiDecodingOptions(foregroundThreshold, markerEnergyThreshold, area,
			hMaximaUm, minAreaUm2, fillHoles);
	}

	public NucleiDecodingOptions withHMaximaUm(double h) {
		return new NucleiDecodingOptions(foregroundThreshold, markerEnergyThreshold,
			minMarkerAreaUm2, h, minAreaUm2, fillHoles);
	}

	public NucleiDecodingOptions withMinAreaUm2(double area) {
		return new NucleiDecodingOptions(foregroundThreshold, markerEnergyThreshold,
			minMarkerAreaUm2, hMaximaUm, area, fillHoles);
	}

	public NucleiDecodingOptions withFillHoles(boolean fill) {
		return new NucleiDecodingOptions(foregroundThreshold, markerEnergyThreshold,
			minMarkerAreaUm2, hMaximaUm, minAreaUm2, fill);
	}

	private static void check(boolean valid, String name, double value, String rule) {
		if (!valid) {
			throw new InvalidInputException("The nuclei " + name + " must be " + rule + ", got " +
				value + ".");
		}
	}
}
