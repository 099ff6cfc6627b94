package org.pumaseg.command;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

import org.pumaseg.Progress;
import org.pumaseg.annotation.Track;
import org.pumaseg.image.PixelSizes;
import org.pumaseg.segment.BatchSegmentation;
import org.pumaseg.segment.DefaultModels;
import org.pumaseg.segment.PanopticSegmenter;
import org.pumaseg.segment.SegmentationOptions;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

/**
 * Segments every image of a folder and writes, per image, the same result folder as
 * {@code pumaseg segment}, plus a batch summary. A failing image is logged and skipped.
 * Several workers segment images in parallel with the same results.
 */
@Plugin(type = Command.class, label = "Batch Segmentation",
	menuPath = "Plugins>PumaSeg>Batch Segmentation")
public class BatchSegmentationCommand extends PumaSegCommand {

	/** The parameter name, as macros give it and as messages name it. */
	private static final String PIXEL_SIZE_PARAMETER = "pixel_size_um";

	@Parameter(label = "Input folder", style = FileWidget.DIRECTORY_STYLE, persist = false)
	private File input_folder;

	@Parameter(label = "Output folder", style = FileWidget.DIRECTORY_STYLE, persist = false)
	private File output_folder;

	@Parameter(label = "Nuclei model", required = false, style = FileWidget.OPEN_STYLE,
		persist = false, description = "Leave empty for the bundled model.")
	private File nuclei_model;

	@Parameter(label = "Tissue model", required = false, style = FileWidget.OPEN_STYLE,
		persist = false, description = "Leave empty for the bundled model.")
	private File tissue_model;

	@Parameter(label = "PUMA track", choices = { "1", "2" },
		description = "Class names of the challenge JSON: 1 (tumour, lymphocyte, other) or 2 " +
			"(10 classes).")
	private String track = "2";

	@Parameter(label = "Engine", choices = { "auto", "tensorflow", "onnx" },
		description = "Weights to run: tensorflow (SavedModel), onnx (ONNX file) or auto (the " +
			"SavedModel when the package has one, else ONNX).")
	private String engine = "auto";

	@Parameter(label = "Tile size (px)", min = "32", max = "4096")
	private int tile_size = 256;

	@Parameter(label = "Workers", min = "1", max = "64",
		description = "Images segmented at once, sharing one copy of each model. Each worker " +
			"keeps its image and the model outputs in memory, estimated at 150 bytes per " +
			"pixel (about 160 MB for a 1024 x 1024 image). Results are the same as with one " +
			"worker.")
	private int workers = 1;

	@Parameter(label = "Replace existing results",
		description = "Replace complete result folders that contain only PumaSeg's files. Other " +
			"folders in the way, and an output folder that contains the input images, are " +
			"rejected.")
	private boolean overwrite = false;

	// Not persisted: a remembered choice would clash with "Replace existing results".
	@Parameter(label = "Keep existing results", persist = false,
		description = "Skip images whose complete result folder exists, to finish an " +
			"interrupted batch; not together with replacing.")
	private boolean skip_existing = false;

	@Parameter(label = "Pixel size of uncalibrated images (µm)", min = "0", stepSize = "0.01",
		description = "Micrometres per pixel for images without a usable calibration (none, " +
			"or a print resolution such as 300 dpi); 0 takes the nuclei model's pixel size. " +
			"Images with their own calibration keep it.")
	private double pixel_size_um = 0;

	@Override
	protected void execute(Progress progress) {
		BatchSegmentation.checkWorkers(workers, "workers");
		// 0 is the dialog's "not given"; any other value is checked before the models load.
		double uncalibratedUm = pixel_size_um == 0 ? Double.NaN : pixel_size_um;
		if (!Double.isNaN(uncalibratedUm)) {
			PixelSizes.requireMicroscopePixelSize(uncalibratedUm, PIXEL_SIZE_PARAMETER);
		}
		List<Path> images = BatchSegmentation.expandInputs(List.of(input_folder.toPath()),
			output_folder.toPath());
		BatchSegmentation.checkTargets(images, output_folder.toPath(), overwrite, skip_existing);
		Path nuclei = nuclei_model != null && !nuclei_model.getPath().isBlank() ? nuclei_model
			.toPath() : DefaultModels.nuclei();
		Path tissue = tissue_model != null && !tissue_model.getPath().isBlank() ? tissue_model
			.toPath() : DefaultModels.tissue();
		try (PanopticSegmenter segmenter = new PanopticSegmenter(nuclei, tissue,
			SegmentationOptions.defaults().withTileSize(tile_size).withEngine(engine)))
		{
			var outcomes = new BatchSegmentation(segmenter, Track.of(Integer.parseInt(track)),
				overwrite, workers).skipExisting(skip_existing).pixelSizeForUncalibrated(uncalibratedUm,
					PIXEL_SIZE_PARAMETER).run(images, output_folder.toPath(), progress);
			long failed = outcomes.stream().filter(outcome -> outcome.failed()).count();
			long skipped = outcomes.stream().filter(outcome -> outcome.skipped()).count();
			log.info("Batch Segmentation: " + (outcomes.size() - failed - skipped) + " of " +
				outcomes.size() + " images segmented into " + output_folder + (skipped > 0 ? ", " +
					skipped + " kept from an earlier run" : "") + ".");
			for (var outcome : outcomes) {
				if (outcome.failed()) {
					log.error("Batch Segmentation: " + outcome.input() + " failed: " + outcome
						.error());
				}
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException("Batch Segmentation could not write to " +
				output_folder + ": " + e.getMessage(), e);
		}
	}
}
