package org.pumaseg.command;

import java.io.File;

import org.pumaseg.Progress;
import org.pumaseg.train.TrainingDataset;
import org.pumaseg.train.TrainingResult;
import org.pumaseg.train.TrainingRun;
import org.pumaseg.train.TrainingTask;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

/**
 * Trains a nuclei or tissue model on a folder of annotated images and writes a model package,
 * as {@code pumaseg train} does. Training runs on the CPU and can take hours. The status bar
 * shows the epoch and the estimated time left, and Cancel stops training between steps.
 */
@Plugin(type = Command.class, label = "Train Model", menuPath = "Plugins>PumaSeg>Train Model")
public class TrainCommand extends PumaSegCommand {

	@Parameter(label = "Task", choices = { "nuclei", "tissue" })
	private String task = "nuclei";

	@Parameter(label = "Training data folder", style = FileWidget.DIRECTORY_STYLE,
		persist = false, description = "Images with <name>_nuclei.geojson / " +
			"<name>_tissue.geojson (PUMA), <name>.xml (MoNuSeg) or <name>_labels images.")
	private File data;

	@Parameter(label = "Output package folder", style = FileWidget.SAVE_STYLE, persist = false,
		description = "A new folder for the model package; it must not exist.")
	private File output;

	@Parameter(label = "Epochs", min = "1", max = "1000")
	private int epochs = 50;

	@Parameter(label = "Steps per epoch", min = "0",
		description = "0 covers the training pixels once per epoch.")
	private int steps_per_epoch = 0;

	@Parameter(label = "Crop size (px)", min = "16", max = "2048",
		description = "Side of the training crops; a multiple of 2^(levels - 1).")
	private int crop_size = 256;

	@Parameter(label = "U-Net levels", min = "2", max = "6")
	private int depth = 4;

	@Parameter(label = "Base filters", min = "1", max = "256")
	private int base_filters = 16;

	@Parameter(label = "Random seed")
	private long seed = 1;

	@Parameter(label = "Training pixel size (µm)", min = "0", stepSize = "0.05",
		description = "Resample every calibrated image and its annotations to this pixel size " +
			"before training, e.g. 0.25 for 40x scans; uncalibrated images are taken to have it " +
			"already. 0 trains at each image's own pixel size.")
	private double pixel_size_um = 0;

	@Override
	protected void execute(Progress progress) {
		TrainingTask trainingTask = TrainingTask.fromId(task);
		String commandLine = "Fiji: Plugins > PumaSeg > Train Model, task=" + task + " data=[" +
			data + "] epochs=" + epochs + " steps_per_epoch=" + steps_per_epoch + " crop_size=" +
			crop_size + " depth=" + depth + " base_filters=" + base_filters + " seed=" + seed +
			" pixel_size_um=" + pixel_size_um;
		TrainingRun.Request request = new TrainingRun.Request(trainingTask, data.toPath(), output
			.toPath(), depth, base_filters, epochs, steps_per_epoch, 4, crop_size, 0.001, seed, 10,
			0.2, TrainingDataset.Split.AUTO, false, false, null, false, pixel_size_um > 0
				? pixel_size_um : Double.NaN, commandLine);

		TrainingResult result = TrainingRun.run(request, progress).result();
		log.info("Train Model: wrote " + output + " after " + result.epochs() + " epochs, " +
			result.steps() + " steps" + (result.bestValidation() == null ? "" : "; validation " +
				result.bestValidation()) + ".");
	}
}
