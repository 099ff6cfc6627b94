package org.pumaseg.til;

import org.pumaseg.InvalidInputException;

/**
 * Settings of TIL quantification, in micrometres.
 *
 * @param bandWidthUm width of the peritumoural band outside the tumour border
 * @param histogramBinUm bin width of the distance histograms
 * @param estimation how the tumour region is estimated when there is no tissue map
 */
public record TilParameters(double bandWidthUm, double histogramBinUm,
	TumourRegionEstimation estimation)
{

	/**
	 * Default band width. A PUMA ROI is about 250 µm wide (1024 px at about 0.24 µm/px), so a
	 * band of 50 µm (about 7 lymphocyte diameters) keeps the cells next to the tumour apart
	 * from the distant stroma of the same ROI.
	 */
	public static final double DEFAULT_BAND_WIDTH_UM = 50;

	public static final double DEFAULT_HISTOGRAM_BIN_UM = 10;

	public TilParameters {
		if (!(bandWidthUm > 0 && Double.isFinite(bandWidthUm))) {
			throw new InvalidInputException("Band width must be a positive number of µm, got " +
				bandWidthUm + ". Use for example " + DEFAULT_BAND_WIDTH_UM + ".");
		}
		if (!(histogramBinUm > 0 && Double.isFinite(histogramBinUm))) {
			throw new InvalidInputException("Histogram bin width must be a positive number of " +
				"µm, got " + histogramBinUm + ". Use for example " + DEFAULT_HISTOGRAM_BIN_UM +
				".");
		}
		if (estimation == null) {
			estimation = TumourRegionEstimation.defaults();
		}
	}

	public static TilParameters defaults() {
		return new TilParameters(DEFAULT_BAND_WIDTH_UM, DEFAULT_HISTOGRAM_BIN_UM,
			TumourRegionEstimation.defaults());
	}

	public TilParameters withBandWidthUm(double newBandWidthUm) {
		return new TilParameters(newBandWidthUm, histogramBinUm, estimation);
	}
}
