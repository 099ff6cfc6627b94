package org.pumaseg.tissue;

import org.pumaseg.InvalidInputException;

/**
 * Parameters of {@link TissueDecoder}, with defaults from {@link #defaults()}.
 *
 * @param minProbability a pixel whose most likely class has a lower probability is background;
 *          default 0.3
 * @param smoothingSigmaUm standard deviation of the Gaussian applied to each probability map
 *          before the argmax, in µm, or 0 for no smoothing. Default 2 µm (8 pixels at 0.25 µm
 *          per pixel), which removes single-pixel speckle
 * @param minRegionAreaUm2 connected regions of one class smaller than this take the most
 *          common class around them; 0 keeps every region; default 100 µm² (1,600 pixels at
 *          0.25 µm per pixel, about the area of a few tumour cells)
 */
public record TissueDecodingOptions(double minProbability, double smoothingSigmaUm,
	double minRegionAreaUm2)
{

	public TissueDecodingOptions {
		if (!(minProbability >= 0 && minProbability <= 1)) {
			throw new InvalidInputException("The tissue minimum probability must be in [0, 1], got " +
				minProbability + ".");
		}
		if (!(smoothingSigmaUm >= 0) || Double.isInfinite(smoothingSigmaUm)) {
			throw new InvalidInputException("The tissue smoothing sigma must be at least 0 µm, got " +
				smoothingSigmaUm + ".");
		}
		if (!(minRegionAreaUm2 >= 0) || Double.isInfinite(minRegionAreaUm2)) {
			throw new InvalidInputException("The minimum tissue region area must be at least 0 µm², " +
				"got " + minRegionAreaUm2 + ".");
		}
	}

	/** Returns the documented defaults. */
	public static TissueDecodingOptions defaults() {
		return new TissueDecodingOptions(0.3, 2, 100);
	}

	/** No smoothing and no minimum region: the plain argmax with the background rule. */
	public static TissueDecodingOptions argmaxOnly(double minProbability) {
		return new TissueDecodingOptions(minProbability, 0, 0);
	}
}
