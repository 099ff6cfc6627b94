package org.pumaseg.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.pumaseg.InvalidInputException;
import org.pumaseg.OutputFiles;
import org.pumaseg.image.ImageFileWriter;
import org.pumaseg.image.PixelSize;
import org.pumaseg.image.RgbImage;
import org.pumaseg.til.TilAnalysis;
import org.pumaseg.til.TilInputFiles;
import org.pumaseg.til.TilParameters;
import org.pumaseg.til.TilPicture;
import org.pumaseg.til.TilQuantifier;
import org.pumaseg.til.TilReport;
import org.pumaseg.til.TilResultFolder;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pumaseg til}: TIL quantification of one ROI from a nuclei file, without a model run,
 * or from a result folder of {@code pumaseg segment} (its nuclei, tissue mask and pixel size).
 */
@Command(name = "til", mixinStandardHelpOptions = true,
	description = "Quantify tumour-infiltrating lymphocytes (lymphocytes and plasma cells) in " +
		"one ROI: counts, densities per mm² and fractions in the tumour, the stroma and a " +
		"peritumoural band, and distances to the tumour border and to tumour cells. Writes " +
		"til.json, til.csv (one row for a batch table), til_cells.csv (one row per TIL) and " +
		"til.png.")
final class TilCommand implements Callable<Integer> {

	static final List<String> OUTPUT_NAMES = List.of("til.json", "til.csv", "til_cells.csv",
		"til.png");

	@Option(names = "--nuclei", required = true, paramLabel = "GEOJSON",
		description = "Nuclei polygons with PUMA classes (GeoJSON or challenge JSON), or a " +
			"result folder of pumaseg segment (its nuclei.geojson, tissue-mask.tif and pixel " +
			"size are used).")
	Path nuclei;

	@Option(names = "--tissue", paramLabel = "MASK_OR_GEOJSON",
		description = "Tissue map: a challenge tissue mask TIFF (codes 0-5) or tissue regions " +
			"as GeoJSON. Without it the tumour region is estimated from the tumour nuclei.")
	Path tissue;

	@Option(names = "--image", paramLabel = "IMG",
		description = "The H&E image of the ROI: sets the ROI size and pixel size and is the " +
			"picture's background (white without it).")
	Path image;

	@Option(names = "--pixel-size", paramLabel = "UM",
		description = "Pixel size in µm, recorded as assumed. Used when no input file carries " +
			"a calibration, and for a result folder always (it replaces the folder's pixel " +
			"size). PUMA ROIs: about 0.25.")
	Double pixelSize;

	@Option(names = "--band-width", paramLabel = "UM",
		description = "Width of the peritumoural band in µm. Default: ${DEFAULT-VALUE}.")
	double bandWidth = TilParameters.DEFAULT_BAND_WIDTH_UM;

	@Option(names = "--out", required = true, paramLabel = "DIR",
		description = "Output folder; created if missing.")
	Path output;

	@Option(names = "--overwrite", description = "Replace existing output files (never inputs).")
	boolean overwrite;

	/** Pixel size of a result folder (see TilResultFolder#pixelSize), else null. */
	private PixelSize resultFolderPixelSize;

	/** Name of the ROI when --nuclei is a result folder, else null. */
	private String roiName;

	/** Reads the nuclei, tissue mask and pixel size of a result folder of pumaseg segment. */
	private void useResultFolder() throws java.io.IOException {
		TilResultFolder folder = TilResultFolder.read(nuclei, tissue, pixelSize);
		nuclei = folder.nuclei();
		tissue = folder.tissue();
		resultFolderPixelSize = folder.pixelSize();
		roiName = folder.roiName();
	}

	@Override
	public Integer call() throws Exception {
		if (Files.isDirectory(nuclei)) {
			useResultFolder();
		}
		TilParameters parameters = TilParameters.defaults().withBandWidthUm(bandWidth);
		List<Path> inputs = new ArrayList<>(List.of(nuclei));
		if (tissue != null) {
			inputs.add(tissue);
		}
		if (image != null) {
			inputs.add(image);
		}
		OutputFiles.checkFolderTarget(output);
		if (Files.isDirectory(output)) {
			for (String name : OUTPUT_NAMES) {
				OutputFiles.checkTarget(output.resolve(name), overwrite, inputs);
			}
		}

		TilInputFiles.Loaded loaded = TilInputFiles.load(nuclei, tissue, image, pixelSize == null
			? Double.NaN : pixelSize, resultFolderPixelSize, roiName);
		ConsoleProgress progress = new ConsoleProgress("til");
		TilAnalysis analysis = TilQuantifier.quantify(loaded.input(), parameters, progress
			.progress());
		TilReport report = analysis.report();
		// Everything is computed before the first file is written.
		RgbImage picture = TilPicture.render(analysis, loaded.image());
		OutputFiles.createFolder(output);
		OutputFiles.write(output.resolve("til.json"), report::writeJson);
		OutputFiles.write(output.resolve("til.csv"), out -> out.write((TilReport.csvHeader() +
			"\n" + report.toCsvRow() + "\n").getBytes(StandardCharsets.UTF_8)));
		OutputFiles.write(output.resolve("til_cells.csv"), out -> out.write(report.tilsCsv()
			.getBytes(StandardCharsets.UTF_8)));
		ImageFileWriter.write(picture, output.resolve("til.png"));

		System.out.println("Wrote " + String.join(", ", OUTPUT_NAMES) + " to " + output + ": " +
			report.tilCount() + " TILs, " + report.tumourCellCount() + " tumour cells, tumour " +
			"region " + (report.tumourRegionEstimated() ? "estimated" : "from the tissue map") +
			(report.pixelSizeAssumed() ? ", pixel size assumed " + report.umPerPixel() + " µm" : "") +
			".");
		return 0;
	}
}
