package org.pumaseg.til;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Measures of one TIL.
 *
 * @param x centroid column in pixels
 * @param y centroid row in pixels
 * @param className the PUMA class name (lymphocyte or plasma cell)
 * @param location the compartment the TIL is shown in
 * @param inStroma true when the centroid lies in the stroma class of the tissue map
 * @param inBand true when the centroid lies in the peritumoural band
 * @param borderDistanceUm signed distance to the nearest tumour border in µm, negative inside
 *          the tumour and positive outside. Null when the ROI has no tumour border
 * @param nearestTumourCellUm distance to the nearest tumour nucleus centroid in µm; null when
 *          the ROI has no tumour nuclei
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TilMeasurement(double x, double y, String className, TilLocation location,
	boolean inStroma, boolean inBand, Double borderDistanceUm, Double nearestTumourCellUm)
{}
