package org.pumaseg.command;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.pumaseg.Progress;
import org.pumaseg.image.ImagePlusConverter;
import org.pumaseg.image.PixelSize;
import org.pumaseg.til.Compartment;
import org.pumaseg.til.CompartmentMeasures;
import org.pumaseg.til.TilAnalysis;
import org.pumaseg.til.TilInputFiles;
import org.pumaseg.til.TilParameters;
import org.pumaseg.til.TilPicture;
import org.pumaseg.til.TilQuantifier;
import org.pumaseg.til.TilReport;
import org.pumaseg.til.TilResultFolder;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

import ij.ImagePlus;
import ij.measure.ResultsTable;

/**
 * Quantifies TILs of one ROI from files: a Results table with one row per compartment and the
 * TIL picture.
 */
@Plugin(type = Command.class, label = "Quantify TILs", menuPath = "Plugins>PumaSeg>Quantify TILs")
public class TilQuantificationCommand extends PumaSegCommand {

	@Parameter(label = "Nuclei file", style = FileWidget.OPEN_STYLE,
		description = "Nuclei polygons with PUMA classes (GeoJSON or challenge JSON), or a " +
			"result folder of pumaseg segment or Batch Segmentation (its nuclei, tissue mask " +
			"and pixel size are used).")
	private File nuclei;

	@Parameter(label = "Tissue file", required = false, style = FileWidget.OPEN_STYLE,
		description = "Tissue mask TIFF (codes 0-5) or tissue GeoJSON. Leave empty to estimate " +
			"the tumour region from the tumour nuclei.")
	private File tissue;

	@Parameter(label = "H&E image", required = false, style = FileWidget.OPEN_STYLE,
		description = "The image of the ROI: its size, calibration and the picture's background.")
	private File image;

	@Parameter(label = "Pixel size (µm)", required = false, min = "0",
		description = "Used only when no file carries a calibration; recorded as assumed. " +
			"0: none (uncalibrated input is rejected).")
	private double pixel_size = 0;

	@Parameter(label = "Band width (µm)", min = "0.001",
		description = "Width of the peritumoural band outside the tumour border.")
	private double band_width = TilParameters.DEFAULT_BAND_WIDTH_UM;

	@Parameter(type = ItemIO.OUTPUT, label = "TIL results")
	private ResultsTable results;

	@Parameter(type = ItemIO.OUTPUT, label = "TIL picture")
	private ImagePlus picture;

	@Override
	protected void execute(Progress progress) {
		Path nucleiFile = nuclei.toPath();
		Path tissueFile = isGiven(tissue) ? tissue.toPath() : null;
		Double pixelSize = pixel_size > 0 ? pixel_size : null;
		String roiName = null;
		PixelSize folderPixelSize = null;
		if (Files.isDirectory(nucleiFile)) {
			TilResultFolder folder = readResultFolder(nucleiFile, tissueFile, pixelSize);
			nucleiFile = folder.nuclei();
			tissueFile = folder.tissue();
			folderPixelSize = folder.pixelSize();
			roiName = folder.roiName();
		}
		TilInputFiles.Loaded loaded = TilInputFiles.load(nucleiFile, tissueFile, isGiven(image)
			? image.toPath() : null, pixelSize == null ? Double.NaN : pixelSize, folderPixelSize,
			roiName);
		TilAnalysis analysis = TilQuantifier.quantify(loaded.input(), TilParameters.defaults()
			.withBandWidthUm(band_width), progress);
		results = table(analysis.report());
		picture = ImagePlusConverter.toImagePlus(TilPicture.render(analysis, loaded.image()));
		picture.setTitle(analysis.report().imageName() + " TILs");
		log.info("Quantify TILs: " + analysis.report().tilCount() + " TILs in " + analysis
			.report().imageName() + ", band " + band_width + " µm, tumour region " + analysis
				.report().tumourRegionMethod() + ".");
	}

	private static TilResultFolder readResultFolder(Path folder, Path tissueFile,
		Double pixelSize)
	{
		try {
			return TilResultFolder.read(folder, tissueFile, pixelSize);
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot read the result folder " + folder + ": " + e
				.getMessage(), e);
		}
	}

	private static boolean isGiven(File file) {
		return file != null && !file.getPath().isBlank();
	}

	/** One row per compartment; undefined values are the text "undefined". */
	static ResultsTable table(TilReport report) {
		ResultsTable table = new ResultsTable();
		for (Compartment compartment : Compartment.values()) {
			CompartmentMeasures measures = report.compartment(compartment);
			table.incrementCounter();
			table.addValue("Image", report.imageName());
			table.addValue("Compartment", compartment.label());
			addValue(table, "Area (mm²)", measures.areaMm2());
			addValue(table, "TILs", measures.tilCount());
			addValue(table, "Nuclei", measures.nucleusCount());
			addValue(table, "TIL density (/mm²)", measures.tilDensityPerMm2().value());
			addValue(table, "TIL fraction", measures.tilFraction().value());
			table.addValue("Note", measures.tilDensityPerMm2().isDefined() ? "" : measures
				.tilDensityPerMm2().undefinedReason());
			table.addValue("Tumour region", report.tumourRegionEstimated() ? "estimated"
				: "tissue map");
			table.addValue("Pixel size (µm)", report.umPerPixel());
			table.addValue("Pixel size assumed", report.pixelSizeAssumed() ? "yes" : "no");
			table.addValue("Band width (µm)", report.bandWidthUm());
		}
		return table;
	}

	private static void addValue(ResultsTable table, String column, Number value) {
		if (value == null) {
			table.addValue(column, org.pumaseg.til.Quantity.UNDEFINED_TEXT);
		}
		else {
			table.addValue(column, value.doubleValue());
		}
	}
}
