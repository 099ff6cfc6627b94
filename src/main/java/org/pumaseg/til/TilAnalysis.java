package org.pumaseg.til;

import java.util.Objects;

/**
 * The result of TIL quantification: the report, and the masks it was measured on, which the
 * picture draws.
 *
 * @param report the measures
 * @param tumour the tumour region
 * @param band the peritumoural band, row-major, clipped to the ROI
 * @param stroma the stroma class of the tissue map, row-major, or null without a tissue map
 */
public record TilAnalysis(TilReport report, TumourRegion tumour, boolean[] band,
	boolean[] stroma)
{

	public TilAnalysis {
		Objects.requireNonNull(report);
		Objects.requireNonNull(tumour);
		Objects.requireNonNull(band);
	}
}
