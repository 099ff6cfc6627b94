package org.pumaseg.train;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.pumaseg.InvalidInputException;
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
	 */
	public record Request(TrainingTask task, Path data, Path output, int depth, int baseFilters,
		int epochs, int stepsPerEpoch, int batchSize, int cropSize, double learningRate, long seed,
		int patience, double validationFraction, TrainingDataset.Split split,
		boolean allowUnmatched, boolean noNucleusClasses, Path checkpoints, boolean resume,
		String commandLine) {}

	/** The trained network and how training went. */
	public record Outcome(NetworkConfig network, TrainingResult result) {}

	private TrainingRun() {}

	/**
	 * Trains and writes the package.
	 *
	 * @throws InvalidInputException when the output exists or the data are unusable, before any
	 *           training step
	 */
	public static Outcome run(Request request, Progress progress) {
		if (Files.exists(request.output())) {
			throw new InvalidInputException("The output package " + request.output() +
				" already exists. Choose a new folder, or delete the old package first.");
		}
		Path checkpointFolder = request.checkpoints() != null ? request.checkpoints() : request
			.output().resolveSibling(request.output().getFileName() + ".checkpoints");

		TrainingData trainingData = TrainingDataset.load(request.data(), request.task(), request
			.validationFraction(), request.split(), request.seed(), request.allowUnmatched(),
			progress.subRange(0, 0.02));
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
			0.98));
		List<TrainingImage> testSource = trainingData.validation().isEmpty() ? trainingData
			.training() : trainingData.validation();
		ModelExport.write(result, trainingData, testSource.get(0), card(request, trainingData),
			request.output());
		progress.update(1, "Wrote " + request.output().getFileName());
		return new Outcome(network, result);
	}

	private static ModelExport.Card card(Request request, TrainingData trainingData) {
		List<String> names = new ArrayList<>();
		trainingData.training().forEach(image -> names.add(image.name()));
		String description = "Images from " + request.data().toAbsolutePath().getFileName() +
			": " + names + ".";
		List<String> limits = new ArrayList<>(List.of("Scores are measured on the held-out " +
			"validation data only; data from other labs, scanners or tissue types may score " +
			"lower."));
		if (request.task() == TrainingTask.NUCLEI) {
			limits.add("Nuclei were validated by pixel Dice of the foreground, not by the PUMA " +
				"nuclei F1.");
		}
		return new ModelExport.Card("PumaSeg " + request.task().id() + " model", description,
			request.commandLine(), limits);
	}
}
