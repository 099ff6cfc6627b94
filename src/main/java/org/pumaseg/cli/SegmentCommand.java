package org.pumaseg.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.pumaseg.InvalidInputException;
import org.pumaseg.Progress;
import org.pumaseg.annotation.Track;
import org.pumaseg.image.PixelSizes;
import org.pumaseg.segment.BatchSegmentation;
import org.pumaseg.segment.DefaultModels;
import org.pumaseg.segment.PanopticSegmenter;
import org.pumaseg.segment.SegmentationOptions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pumaseg segment}: panoptic segmentation of images or folders of images. */
@Command(name = "segment", mixinStandardHelpOptions = true,
	description = "Find and classify every nucleus and the tissue class of every pixel, and " +
		"write, per image, a folder OUT/<image name>/ with nuclei and tissue GeoJSON, challenge " +
		"files, label and class TIFFs, nuclei.csv, overlay.png and summary.json (with TIL " +
		"measures).")
final class SegmentCommand implements Callable<Integer> {

	@Parameters(arity = "1..*", paramLabel = "IN",
		description = "Images (TIFF, PNG, JPEG) or folders of images.")
	List<Path> inputs;

	@Option(names = "--out", required = true, paramLabel = "DIR",
		description = "Folder for the results; created if missing.")
	Path output;

	@Option(names = "--nuclei-model", paramLabel = "PACKAGE",
		description = "Nuclei model package (folder or .zip). Default: the bundled model.")
	Path nucleiModel;

	@Option(names = "--tissue-model", paramLabel = "PACKAGE",
		description = "Tissue model package (folder or .zip). Default: the bundled model.")
	Path tissueModel;

	@Option(names = "--no-tissue", description = "Segment nuclei only; not with --tissue-model.")
	boolean noTissue;

	@Option(names = "--track", paramLabel = "1|2", defaultValue = "2",
		description = "PUMA track of the challenge JSON: 1 (tumour, lymphocyte, other) or 2 " +
			"(10 classes). Default: ${DEFAULT-VALUE}.")
	int track;

	@Option(names = "--tile", paramLabel = "PX", defaultValue = "256",
		description = "Tile size in pixels. Default: ${DEFAULT-VALUE}.")
	int tile;

	@Option(names = "--threads", paramLabel = "N", defaultValue = "0",
		description = "Engine threads per operation; 0 uses every core. Default: " +
			"${DEFAULT-VALUE}.")
	int threads;

	@Option(names = "--engine", paramLabel = "auto|tensorflow|onnx", defaultValue = "auto",
		description = "Weights to run: tensorflow (SavedModel, TensorFlow engine), onnx (ONNX " +
			"file, ONNX Runtime engine) or auto (the SavedModel when the package has one, else " +
			"ONNX). Default: ${DEFAULT-VALUE}.")
	String engine;

	@Option(names = "--workers", paramLabel = "N", defaultValue = "1",
		description = "Images segmented at once (1 to 64), sharing one copy of each model. " +
			"Each worker keeps its image and the model outputs in memory, estimated at 150 " +
			"bytes per pixel at the model's pixel size (about 160 MB for a 1024 x 1024 " +
			"image), so give Java enough heap (JAVA_OPTS=-Xmx8g). Results and " +
			"batch-summary.csv are the same as with one worker. Default: ${DEFAULT-VALUE}.")
	int workers;

	@Option(names = "--pixel-size", paramLabel = "UM",
		description = "Pixel size in µm for images whose calibration is missing, not in a " +
			"length unit or a print resolution such as 300 dpi (as in the PUMA ROIs); recorded " +
			"as assumed. An image with its own calibration keeps it, with a warning naming both " +
			"values when they differ. From 0.02 to 50. Default: the nuclei model's pixel size.")
	Double pixelSize;

	@Option(names = "--overwrite", description = "Replace existing result folders. Only " +
		"complete result folders that contain nothing but PumaSeg's files are replaced; any other " +
		"folder in the way, and a result folder that is or contains an input, are rejected.")
	boolean overwrite;

	@Option(names = "--skip-existing", description = "Keep images whose complete result " +
		"folder exists and segment only the others, e.g. to finish an interrupted batch. " +
		"They are counted as skipped. An incomplete folder in the way fails its image only.")
	boolean skipExisting;

	@Override
	public Integer call() throws Exception {
		Track chosenTrack;
		try {
			chosenTrack = Track.of(track);
		}
		catch (IllegalArgumentException e) {
			throw new InvalidInputException("Invalid --track " + track + ": use 1 or 2.");
		}
		if (pixelSize != null) {
			PixelSizes.requireMicroscopePixelSize(pixelSize, "--pixel-size");
		}
		BatchSegmentation.checkWorkers(workers, "--workers");
		SegmentationOptions options = SegmentationOptions.defaults().withTileSize(tile)
			.withThreads(threads).withEngine(engine);
		List<Path> images = BatchSegmentation.expandInputs(inputs, output);
		if (overwrite && skipExisting) {
			throw new InvalidInputException("Give --overwrite or --skip-existing, not both.");
		}
		if (noTissue && tissueModel != null) {
			throw new InvalidInputException("Give --no-tissue or --tissue-model " + tissueModel +
				", not both: --no-tissue segments nuclei only, so no tissue model would run.");
		}
		BatchSegmentation.checkTargets(images, output, overwrite, skipExisting);
		Path nuclei = nucleiModel != null ? nucleiModel : DefaultModels.nuclei();
		Path tissue = null;
		if (!noTissue) {
			tissue = tissueModel != null ? tissueModel : DefaultModels.tissue();
		}

		Progress progress = new ConsoleProgress("segment").progress();
		List<BatchSegmentation.ImageOutcome> outcomes;
		try (PanopticSegmenter segmenter = new PanopticSegmenter(nuclei, tissue, options)) {
			BatchSegmentation batch = new BatchSegmentation(segmenter, chosenTrack, overwrite,
				workers).skipExisting(skipExisting).onImageDone(SegmentCommand::printOutcome)
				.pixelSizeForUncalibrated(pixelSize == null ? Double.NaN : pixelSize,
					"--pixel-size");
			Thread onInterrupt = new Thread(() -> reportStop(batch.stop(), images.size()),
				"pumaseg-segment-interrupt");
			Runtime.getRuntime().addShutdownHook(onInterrupt);
			try {
				outcomes = batch.run(images, output, progress);
			}
			finally {
				removeHook(onInterrupt);
			}
		}

		int failed = 0;
		int skipped = 0;
		for (BatchSegmentation.ImageOutcome outcome : outcomes) {
			failed += outcome.failed() ? 1 : 0;
			skipped += outcome.skipped() ? 1 : 0;
		}
		if (outcomes.size() > 1) {
			System.out.println("Batch summary: " + output.resolve(BatchSegmentation.BATCH_SUMMARY) +
				" (" + (outcomes.size() - failed - skipped) + " of " + outcomes.size() +
				" images segmented" + (skipped > 0 ? ", " + skipped + " skipped" : "") + ").");
		}
		return failed == 0 ? 0 : failed == outcomes.size() ? PumaSegCli.EXIT_INVALID_INPUT
			: PumaSegCli.EXIT_FAILURE;
	}

	private static void printOutcome(BatchSegmentation.ImageOutcome outcome) {
		if (outcome.skipped()) {
			System.out.println("Skipped " + outcome.input() + ": " + outcome.resultFolder() +
				" exists.");
		}
		else if (outcome.succeeded()) {
			System.out.println("Wrote " + outcome.resultFolder() + ": " + outcome.result().nuclei()
				.size() + " nuclei, " + (outcome.til() == null ? "no classes, so no TIL count."
					: outcome.til().tilCount() + " TILs."));
		}
		else {
			System.err.println("Failed " + outcome.input() + ": " + outcome.error());
		}
	}

	/** Prints, on Ctrl-C, how far the batch got and how to finish it. */
	private void reportStop(BatchSegmentation.StopReport report, int imageCount) {
		if (report == null || report.unfinished() == 0) {
			return;
		}
		System.err.println("Interrupted: " + (report.segmented() + report.skipped()) + " of " +
			imageCount + " images done" + (report.failed() > 0 ? ", " + report.failed() +
				" failed" : "") + "; " + report.unfinished() + " not done" + (imageCount > 1
					? " (canceled in " + output.resolve(BatchSegmentation.BATCH_SUMMARY) + ")" : "") +
			". To finish, run the same command again with --skip-existing (and without " +
			"--overwrite).");
		System.err.flush();
	}

	private static void removeHook(Thread hook) {
		try {
			Runtime.getRuntime().removeShutdownHook(hook);
		}
		catch (IllegalStateException e) {
			// The JVM is already shutting down, so the hook runs or has run.
		}
	}
}
