package org.pumaseg.export;

import java.util.List;
import java.util.Locale;

import org.pumaseg.result.DetectedNucleus;
import org.pumaseg.result.PanopticResult;

/**
 * The per-nucleus table: one row per nucleus with id, class (as the nuclei model names it, and
 * its track-1 group), class probability, centroid and area in pixels and in µm, and the tissue
 * class under the centroid. The same columns feed {@code nuclei.csv} and ImageJ's Results
 * table.
 */
public final class NucleusTable {

	public static final List<String> COLUMNS = List.of("id", "class", "track1_class",
		"probability", "centroid_x_px", "centroid_y_px", "area_px", "centroid_x_um",
		"centroid_y_um", "area_um2", "tissue_class");

	private NucleusTable() {}

	/** Returns the cells of {@code nucleus}'s row, in {@link #COLUMNS} order, as text. */
	public static List<String> row(DetectedNucleus nucleus, double umPerPixel) {
		boolean physical = !Double.isNaN(umPerPixel);
		return List.of(Integer.toString(nucleus.id()), nucleus.className(), nucleus
			.track1ClassName(), Double.isNaN(nucleus.probability()) ? "" : format(nucleus
				.probability()), format(nucleus
				.centroidX()), format(nucleus.centroidY()), Long.toString(nucleus.areaPixels()),
			physical ? format(nucleus.centroidX() * umPerPixel) : "", physical ? format(nucleus
				.centroidY() * umPerPixel) : "", physical ? format(nucleus.areaPixels() *
					umPerPixel * umPerPixel) : "", nucleus.tissueClass() == null ? "" : nucleus
						.tissueClass().className());
	}

	/** Returns the whole table as CSV (comma-separated, header first, one line per nucleus). */
	public static String toCsv(PanopticResult result) {
		StringBuilder csv = new StringBuilder(String.join(",", COLUMNS)).append('\n');
		double um = result.pixelSize().umPerPixel();
		for (DetectedNucleus nucleus : result.nuclei()) {
			csv.append(String.join(",", row(nucleus, um))).append('\n');
		}
		return csv.toString();
	}

	private static String format(double value) {
		return String.format(Locale.ROOT, "%.4f", value);
	}
}
