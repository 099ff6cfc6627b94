package org.pumaseg.command;

import java.awt.GraphicsEnvironment;
import java.io.File;
import java.nio.file.Path;

import org.pumaseg.InvalidInputException;
import org.pumaseg.Progress;
import org.pumaseg.image.ImagePlusConverter;
import org.pumaseg.image.RgbImage;
import org.pumaseg.ij1.ResultDisplay;
import org.pumaseg.result.PanopticResult;
import org.pumaseg.segment.DefaultModels;
import org.pumaseg.segment.PanopticSegmenter;
import org.pumaseg.segment.SegmentationOptions;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import ij.plugin.frame.RoiManager;

/**
 * Segments the active H&E image: nucleus instances with classes and the tissue class of every
 * pixel. Shows label, class and tissue images, draws the tissue region borders and nucleus
 * outlines as an overlay on the input, and fills a Results table (one row per nucleus) and a summary table.
 */
@Plugin(type = Command.class, label = "Panoptic Segmentation",
	menuPath = "Plugins>PumaSeg>Panoptic Segmentation")
public class PanopticSegmentationCommand extends PumaSegCommand {

	static final String BOTH = "nuclei and tissue";
	static final String NUCLEI = "nuclei only";
	static final String TISSUE = "tissue only";

	@Parameter(label = "Image")
	private ImagePlus image;

	@Parameter(label = "Segment", choices = { BOTH, NUCLEI, TISSUE })
	private String segment = BOTH;

	@Parameter(label = "Nuclei model", required = false, style = FileWidget.OPEN_STYLE,
		persist = false, description = "Model package (folder or .zip). Leave empty for the " +
			"bundled model.")
	private File nuclei_model;

	@Parameter(label = "Tissue model", required = false, style = FileWidget.OPEN_STYLE,
		persist = false, description = "Model package (folder or .zip). Leave empty for the " +
			"bundled model.")
	private File tissue_model;

	@Parameter(label = "Engine", choices = { "auto", "tensorflow", "onnx" },
		description = "Weights to run: tensorflow (SavedModel), onnx (ONNX file) or auto (the " +
			"SavedModel when the package has one, else ONNX).")
	private String engine = "auto";

	@Parameter(label = "Tile size (px)", min = "32", max = "4096",
		description = "Side of the tiles the model sees; larger tiles are faster but use more " +
			"memory.")
	private int tile_size = 256;

	@Parameter(label = "Add nuclei to the ROI Manager",
		description = "Adds one ROI per nucleus, named by class and id, up to " +
			ResultDisplay.DEFAULT_ROI_MANAGER_CAP + " nuclei. Skipped without a display.")
	private boolean roi_manager = false;

	@Parameter(type = ItemIO.OUTPUT, label = "Nucleus labels")
	private ImagePlus labels;

	@Parameter(type = ItemIO.OUTPUT, label = "Nucleus classes")
	private ImagePlus classes;

	@Parameter(type = ItemIO.OUTPUT, label = "Tissue classes")
	private ImagePlus tissue;

	@Parameter(type = ItemIO.OUTPUT, label = "Nuclei")
	private ResultsTable nuclei;

	@Parameter(type = ItemIO.OUTPUT, label = "Summary")
	private ResultsTable summary;

	@Override
	protected void execute(Progress progress) {
		Path nucleiPackage = segment.equals(TISSUE) ? null : given(nuclei_model) ? nuclei_model
			.toPath() : DefaultModels.nuclei();
		Path tissuePackage = segment.equals(NUCLEI) ? null : given(tissue_model) ? tissue_model
			.toPath() : DefaultModels.tissue();
		if (!segment.equals(BOTH) && !segment.equals(NUCLEI) && !segment.equals(TISSUE)) {
			throw new InvalidInputException("Unknown segment choice '" + segment + "'. Use '" +
				BOTH + "', '" + NUCLEI + "' or '" + TISSUE + "'.");
		}
		RgbImage input = ImagePlusConverter.fromOpenImage(image);

		PanopticResult result;
		try (PanopticSegmenter segmenter = new PanopticSegmenter(nucleiPackage, tissuePackage,
			SegmentationOptions.defaults().withTileSize(tile_size).withEngine(engine)))
		{
			result = segmenter.segment(input, progress).result();
		}

		labels = ResultDisplay.labelImage(result);
		classes = ResultDisplay.nucleusClassImage(result);
		tissue = ResultDisplay.tissueImage(result);
		nuclei = ResultDisplay.nucleusTable(result);
		summary = ResultDisplay.summaryTable(result);
		image.setOverlay(ResultDisplay.panopticOverlay(result));
		if (roi_manager) {
			addToRoiManager(result);
		}
		log.info("Panoptic Segmentation of " + image.getTitle() + ": " + result.nuclei().size() +
			" nuclei; models " + result.provenance() + ".");
	}

	private void addToRoiManager(PanopticResult result) {
		// The ROI Manager is a window, so ImageJ cannot create it without a display.
		if (GraphicsEnvironment.isHeadless()) {
			log.warn("Panoptic Segmentation: no display, so the nuclei were not added to the " +
				"ROI Manager. The label image and the overlay contain them.");
			return;
		}
		int cap = ResultDisplay.DEFAULT_ROI_MANAGER_CAP;
		if (result.nuclei().size() > cap) {
			log.warn("Panoptic Segmentation: " + result.nuclei().size() + " nuclei is more than " +
				"the ROI Manager handles well (" + cap + "); none were added. Use the overlay " +
				"or the label image instead.");
			return;
		}
		RoiManager manager = RoiManager.getRoiManager();
		for (var roi : ResultDisplay.nucleusRois(result)) {
			manager.addRoi(roi);
		}
	}

	private static boolean given(File file) {
		return file != null && !file.getPath().isBlank();
	}
}
