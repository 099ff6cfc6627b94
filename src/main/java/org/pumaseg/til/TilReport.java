package org.pumaseg.til;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * TIL measures of one ROI: compartment areas, counts, densities and fractions, distance
 * statistics, one row per TIL, and how each input was obtained (assumed pixel size, estimated
 * tumour region). Written as JSON ({@link #writeJson}) and as one row of a batch CSV table
 * ({@link #csvHeader()}, {@link #toCsvRow()}).
 *
 * @param imageName ROI or image name
 * @param widthPx ROI width in pixels
 * @param heightPx ROI height in pixels
 * @param umPerPixel pixel size used, in µm
 * @param pixelSizeAssumed true when the pixel size was given by the caller because the input
 *          carries no calibration
 * @param pixelSizeOrigin where the pixel size comes from, in words
 * @param roiAreaMm2 ROI area in mm²
 * @param tissueMap true when a tissue map was given
 * @param tumourRegionEstimated true when the tumour region was estimated from tumour nuclei
 * @param tumourRegionMethod how the tumour region was obtained, in words
 * @param bandWidthUm peritumoural band width in µm
 * @param bandClipped true when the band reaches the ROI border, so its area is clipped
 * @param nucleusCount all nuclei of the ROI
 * @param tilCount TILs (lymphocytes and plasma cells) of the ROI
 * @param tumourCellCount tumour nuclei of the ROI
 * @param compartments measures per compartment, in {@link Compartment} order
 * @param borderDistance signed TIL distances to the nearest tumour border (negative inside)
 * @param nearestTumourCellDistance TIL distances to the nearest tumour nucleus
 * @param notes statements a reader of the numbers must know
 * @param tils one entry per TIL
 */
@JsonPropertyOrder({ "imageName", "widthPx", "heightPx", "umPerPixel", "pixelSizeAssumed",
	"pixelSizeOrigin", "roiAreaMm2", "tissueMap", "tumourRegionEstimated",
	"tumourRegionMethod", "bandWidthUm", "bandClipped", "nucleusCount", "tilCount",
	"tumourCellCount", "compartments", "borderDistance", "nearestTumourCellDistance", "notes",
	"tils" })
public record TilReport(String imageName, int widthPx, int heightPx, double umPerPixel,
	boolean pixelSizeAssumed, String pixelSizeOrigin, double roiAreaMm2, boolean tissueMap,
	boolean tumourRegionEstimated, String tumourRegionMethod, double bandWidthUm,
	boolean bandClipped, int nucleusCount, int tilCount, int tumourCellCount,
	List<CompartmentMeasures> compartments, DistanceSummary borderDistance,
	DistanceSummary nearestTumourCellDistance, List<String> notes, List<TilMeasurement> tils)
{

	private static final ObjectMapper JSON = JsonMapper.builder().enable(
		SerializationFeature.INDENT_OUTPUT).build();

	public TilReport {
		compartments = List.copyOf(compartments);
		notes = List.copyOf(notes);
		tils = List.copyOf(tils);
	}

	/** Measures of {@code compartment}. */
	public CompartmentMeasures compartment(Compartment compartment) {
		for (CompartmentMeasures measures : compartments) {
			if (measures.compartment() == compartment) {
				return measures;
			}
		}
		throw new IllegalArgumentException("No measures for " + compartment + ".");
	}

	/** Writes this report as pretty-printed JSON (UTF-8). */
	public void writeJson(OutputStream out) throws IOException {
		JSON.writeValue(out, this);
	}

	/** This report as pretty-printed JSON. */
	public String toJson() {
		try {
			return JSON.writeValueAsString(this);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Column names of {@link #toCsvRow()}, comma-separated, without a line break. */
	public static String csvHeader() {
		List<String> columns = new ArrayList<>(List.of("image", "width_px", "height_px",
			"um_per_pixel", "pixel_size_assumed", "tumour_region", "band_width_um",
			"band_clipped", "nuclei", "tils", "tumour_cells"));
		for (Compartment compartment : Compartment.values()) {
			String id = compartment.id();
			columns.addAll(List.of(id + "_area_mm2", id + "_tils", id + "_nuclei", id +
				"_til_density_per_mm2", id + "_til_fraction"));
		}
		for (String distance : List.of("border_distance_um", "nearest_tumour_cell_um")) {
			columns.addAll(List.of(distance + "_n", distance + "_mean", distance + "_q1",
				distance + "_median", distance + "_q3"));
		}
		return String.join(",", columns);
	}

	/**
	 * Formats one CSV row matching {@link #csvHeader()}, without a line break. Undefined values
	 * are written as {@value Quantity#UNDEFINED_TEXT}, and the tumour region column is "tissue map" or
	 * "estimated".
	 */
	public String toCsvRow() {
		List<String> cells = new ArrayList<>(List.of(csvText(imageName), Integer.toString(
			widthPx), Integer.toString(heightPx), Double.toString(umPerPixel), Boolean.toString(
				pixelSizeAssumed), tumourRegionEstimated ? "estimated" : "tissue map", Double
					.toString(bandWidthUm), Boolean.toString(bandClipped), Integer.toString(
						nucleusCount), Integer.toString(tilCount), Integer.toString(
							tumourCellCount)));
		for (Compartment compartment : Compartment.values()) {
			CompartmentMeasures measures = compartment(compartment);
			cells.add(orUndefined(measures.areaMm2()));
			cells.add(orUndefined(measures.tilCount()));
			cells.add(orUndefined(measures.nucleusCount()));
			cells.add(measures.tilDensityPerMm2().toCsv());
			cells.add(measures.tilFraction().toCsv());
		}
		for (DistanceSummary summary : List.of(borderDistance, nearestTumourCellDistance)) {
			cells.add(Integer.toString(summary.count()));
			cells.add(orUndefined(summary.mean()));
			cells.add(orUndefined(summary.firstQuartile()));
			cells.add(orUndefined(summary.median()));
			cells.add(orUndefined(summary.thirdQuartile()));
		}
		return String.join(",", cells);
	}

	/** Formats one CSV line per TIL after a header line, with \n line breaks. */
	public String tilsCsv() {
		StringBuilder csv = new StringBuilder(
			"x_px,y_px,class,location,in_stroma,in_band,border_distance_um,nearest_tumour_cell_um\n");
		for (TilMeasurement til : tils) {
			csv.append(String.format(Locale.ROOT, "%.3f,%.3f,%s,%s,%b,%b,%s,%s%n", til.x(), til
				.y(), til.className(), til.location().id(), til.inStroma(), til.inBand(),
				orUndefined(til.borderDistanceUm()), orUndefined(til.nearestTumourCellUm())));
		}
		return csv.toString().replace(System.lineSeparator(), "\n");
	}

	private static String orUndefined(Number value) {
		return value == null ? Quantity.UNDEFINED_TEXT : value.toString();
	}

	private static String csvText(String text) {
		if (text.contains(",") || text.contains("\"") || text.contains("\n")) {
			return "\"" + text.replace("\"", "\"\"") + "\"";
		}
		return text;
	}
}
