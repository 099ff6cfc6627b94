package org.pumaseg.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.pumaseg.InvalidInputException;
import org.pumaseg.OutputFiles;
import org.pumaseg.Progress;

/**
 * One training run as users start it: reads a data folder, trains the network and writes a
 * model package with its model card. The command line and Fiji call this, so both train the
 * same way.
 */
public final class TrainingRun {

	/**
	 * Everything a run needs.
	 *
	 * @param commandLine how the run was started, in words, for the model card
	 * @param checkpoints checkpoint folder, or null for {@code <output>.checkpoints}
	 * @param pixelSizeUm pixel size to resample the data to before training, in µm, or NaN to
	 *        train at each image's own pixel size
	 */
	public record Request(TrainingTask task, Path data, Path output, int depth, int baseFilters,
		int epochs, int stepsPerEpoch, int batchSize, int cropSize, double learningRate, long seed,
		int patience, double validationFraction, TrainingDataset.Split split,
		boolean allowUnmatched, boolean noNucleusClasses, Path checkpoints, boolean resume,
		double pixelSizeUm, String commandLine) {}

	/**
	 * The trained network, how training went and the written package's validation scores
	 * (empty without validation data from annotation files).
	 */
	public record Outcome(NetworkConfig network, TrainingResult result,
		List<PackageEvaluation.ImageScores> packageScores) {}

	private TrainingRun() {}

	/**
	 * Trains and writes the package.
	 *
	 * @throws InvalidInputException before any training step when the output exists, when the
	 *           package or checkpoint folder cannot be written, or when the data are unusable.
	 *           After training, when the package cannot be written, its message states that the
	 *           checkpoint is kept.
	 */
	public static Outcome run(Request request, Progress progress) {
		if (Files.exists(request.output())) {
			throw new InvalidInputException("The output package " + request.output() +
				" already exists. Choose a new folder, or delete the old package first.");
		}
		Path checkpointFolder = checkpointFolder(request);
		// Checked before training, so that a run is not lost at its first checkpoint or at the end.
		OutputFiles.checkFolderTarget(request.output());
		checkCheckpointFolder(checkpointFolder);

		TrainingData trainingData = TrainingDataset.load(request.data(), request.task(), request
			.validationFraction(), request.split(), request.seed(), request.allowUnmatched(),
			request.pixelSizeUm(), progress.subRange(0, 0.02));
		boolean nuclei = request.task() == TrainingTask.NUCLEI;
		boolean classes = nuclei && trainingData.withNucleusClasses() && !request
			.noNucleusClasses();
		NetworkConfig network = new NetworkConfig(request.depth(), request.baseFilters(), nuclei,
			classes ? 11 : 0, request.task() == TrainingTask.TISSUE ? 6 : 0);
		TrainingOptions options = new TrainingOptions(network, request.epochs(), request
			.stepsPerEpoch(), request.batchSize(), request.cropSize(), request.learningRate(),
			request.seed(), request.patience(), Augmentation.DEFAULT, checkpointFolder, request
				.resume());

		TrainingResult result = new Trainer(options).train(trainingData, progress.subRange(0.02,
			0.95));
		List<TrainingImage> testSource = trainingData.validation().isEmpty() ? trainingData
			.training() : trainingData.validation();
		ModelExport.Card card = card(request, trainingData);
		try {
			ModelExport.write(result, trainingData, testSource.get(0), card, request.output());
		}
		catch (InvalidInputException | UncheckedIOException e) {
			String reason = e.getMessage().endsWith(".") ? e.getMessage() : e.getMessage() + ".";
			throw new InvalidInputException(reason + " The checkpoint in " +
				checkpointFolder + " is kept: once the package can be written, run the same " +
				"command with --resume to write it without training again.", e);
		}

		List<PackageEvaluation.ImageScores> scores = PackageEvaluation.evaluate(request.output(),
			request.output().toString(), request.task(), trainingData.validation(), progress
				.subRange(0.95, 1));
		if (!scores.isEmpty()) {
			writeCard(request.output(), ModelCard.text(result, trainingData, card, ModelExport
				.minTile(network), ModelExport.halo(network), scores));
		}
		progress.update(1, "Wrote " + request.output().getFileName());
		return new Outcome(network, result, scores);
	}

	/** Returns the checkpoint folder of a run: the requested one or {@code <output>.checkpoints}. */
	public static Path checkpointFolder(Request request) {
		return request.checkpoints() != null ? request.checkpoints() : request.output()
			.resolveSibling(request.output().getFileName() + ".checkpoints");
	}

	/** Returns the checkpoint file that a run writes after each epoch and reads to resume. */
	public static Path checkpointFile(Request request) {
		return checkpointFolder(request).resolve(Checkpoint.FILE_NAME);
	}

	/**
	 * Scores an existing package on the validation part of {@code data}, split as for training,
	 * and returns its model card with the validation section replaced by these scores and the
	 * commands that reproduce them. Nothing is written.
	 *
	 * @param packageName how the reproduce commands name the package
	 * @throws InvalidInputException when the package or data are unusable or the split leaves
	 *           no validation data
	 */
	public static String revalidatedCard(TrainingTask task, Path data, double validationFraction,
		TrainingDataset.Split split, long seed, boolean allowUnmatched, Path modelPackage,
		String packageName, Progress progress)
	{
		Path card = modelPackage.resolve("README.md");
		if (!Files.isRegularFile(card)) {
			throw new InvalidInputException("No model card " + card + ". Give a model package " +
				"folder written by pumaseg train.");
		}
		TrainingData trainingData = TrainingDataset.load(data, task, validationFraction, split,
			seed, allowUnmatched, progress.subRange(0, 0.1));
		if (trainingData.validation().isEmpty()) {
			throw new InvalidInputException("The split leaves no validation data. Give a " +
				"validation fraction above 0.");
		}
		List<PackageEvaluation.ImageScores> scores = PackageEvaluation.evaluate(modelPackage,
			packageName, task, trainingData.validation(), progress.subRange(0.1, 1));
		if (scores.isEmpty()) {
			throw new InvalidInputException("The validation images of " + data + " have no " +
				(task == TrainingTask.NUCLEI ? "nuclei GeoJSON" : "tissue GeoJSON") + " files to " +
				"score against. Give PUMA-style annotated images.");
		}
		try {
			String text = Files.readString(card, StandardCharsets.UTF_8);
			if (!text.contains(ModelCard.VALIDATION_HEADING + "\n")) {
				throw new InvalidInputException("The model card " + card + " has no '" +
					ModelCard.VALIDATION_HEADING + "' section to replace.");
			}
			return ModelCard.replaceValidationSection(text, ModelCard.validationSection(scores,
				null, task));
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot read " + card + ": " + e.getMessage(), e);
		}
	}

	private static void checkCheckpointFolder(Path folder) {
		try {
			OutputFiles.checkFolderTarget(folder);
		}
		catch (InvalidInputException e) {
			throw new InvalidInputException("Checkpoint folder: " + e.getMessage() + " Set the " +
				"checkpoint folder with --checkpoints DIR.", e);
		}
	}

	private static void writeCard(Path modelPackage, String text) {
		try {
			OutputFiles.writeAtomically(modelPackage.resolve("README.md"), file -> Files
				.writeString(file, text, StandardCharsets.UTF_8));
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot write the model card of " + modelPackage + ": " +
				e.getMessage(), e);
		}
	}

	private static ModelExport.Card card(Request request, TrainingData trainingData) {
		List<String> names = new ArrayList<>();
		trainingData.training().forEach(image -> names.add(image.name()));
		String description = "Images from " + request.data().toAbsolutePath().getFileName() +
			": " + names + ".";
		List<String> limits = new ArrayList<>(List.of("The held-out scores come from data of " +
			"the same source as the training data; data from other labs, scanners or tissue " +
			"types may score lower."));
		return new ModelExport.Card("PumaSeg " + request.task().id() + " model", description,
			request.commandLine(), limits);
	}
}
