package org.pumaseg.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.pumaseg.InvalidInputException;
import org.pumaseg.train.Augmentation;
import org.pumaseg.train.ModelExport;
import org.pumaseg.train.NetworkConfig;
import org.pumaseg.train.Trainer;
import org.pumaseg.train.TrainingData;
import org.pumaseg.train.TrainingDataset;
import org.pumaseg.train.TrainingImage;
import org.pumaseg.train.TrainingOptions;
import org.pumaseg.train.TrainingResult;
import org.pumaseg.train.TrainingTask;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pumaseg train nuclei|tissue}: trains a network and writes a model package. */
@Command(name = "train", mixinStandardHelpOptions = true,
	description = "Train a nuclei or tissue network on annotated images and write it as a " +
		"model package.")
final class TrainCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "TASK",
		description = "nuclei (foreground, distance maps and, with PUMA GeoJSON, nucleus " +
			"classes) or tissue (PUMA tissue classes).")
	String task;

	@Option(names = "--data", required = true, paramLabel = "DIR",
		description = "Folder of images with <name>_nuclei.geojson / <name>_tissue.geojson " +
			"(PUMA), <name>.xml (MoNuSeg outlines) or <name>_labels images; searched recursively.")
	Path data;

	@Option(names = "--out", required = true, paramLabel = "PACKAGE",
		description = "Model package folder to write; must not exist.")
	Path output;

	@Option(names = "--epochs", defaultValue = "50", description = "Maximum epochs (default 50).")
	int epochs;

	@Option(names = "--steps-per-epoch", defaultValue = "0",
		description = "Steps per epoch; 0 covers the training pixels once per epoch (default).")
	int stepsPerEpoch;

	@Option(names = "--batch-size", defaultValue = "4", description = "Crops per step (default 4).")
	int batchSize;

	@Option(names = "--crop-size", defaultValue = "256",
		description = "Side of the training crops in pixels (default 256).")
	int cropSize;

	@Option(names = "--depth", defaultValue = "4",
		description = "U-Net resolution levels, 2 to 6 (default 4).")
	int depth;

	@Option(names = "--base-filters", defaultValue = "16",
		description = "Filters of the first level, doubled per level (default 16).")
	int baseFilters;

	@Option(names = "--learning-rate", defaultValue = "0.001",
		description = "Adam learning rate (default 0.001).")
	double learningRate;

	@Option(names = "--seed", defaultValue = "1",
		description = "Seed of initialisation, split, crops and augmentation (default 1).")
	long seed;

	@Option(names = "--patience", defaultValue = "10",
		description = "Stop after this many epochs without a lower validation loss; 0 never " +
			"stops early (default 10).")
	int patience;

	@Option(names = "--validation-fraction", defaultValue = "0.2",
		description = "Share of the data held out for validation (default 0.2).")
	double validationFraction;

	@Option(names = "--split", defaultValue = "auto",
		description = "auto (region for one image, else image), region (the right-hand part " +
			"of every image) or image (whole images).")
	String split;

	@Option(names = "--no-nucleus-classes",
		description = "Train no nucleus class head even when the data has classes.")
	boolean noNucleusClasses;

	@Option(names = "--allow-unmatched",
		description = "Skip images without annotations and annotations without images " +
			"instead of stopping.")
	boolean allowUnmatched;

	@Option(names = "--checkpoints", paramLabel = "DIR",
		description = "Checkpoint folder (default: PACKAGE.checkpoints next to the package).")
	Path checkpoints;

	@Option(names = "--resume", description = "Continue from the checkpoint in the checkpoint " +
		"folder.")
	boolean resume;

	@Override
	public Integer call() {
		TrainingTask trainingTask = TrainingTask.fromId(task);
		TrainingDataset.Split dataSplit = parseSplit(split);
		if (Files.exists(output)) {
			throw new InvalidInputException("The output package " + output + " already exists. " +
				"Choose a new folder, or delete the old package first.");
		}
		Path checkpointFolder = checkpoints != null ? checkpoints : output.resolveSibling(output
			.getFileName() + ".checkpoints");

		ConsoleProgress progress = new ConsoleProgress("train " + trainingTask.id());
		TrainingData trainingData = TrainingDataset.load(data, trainingTask, validationFraction,
			dataSplit, seed, allowUnmatched, progress.progress().subRange(0, 0.02));
		boolean classes = trainingTask == TrainingTask.NUCLEI && trainingData
			.withNucleusClasses() && !noNucleusClasses;
		NetworkConfig network = new NetworkConfig(depth, baseFilters, trainingTask ==
			TrainingTask.NUCLEI, classes ? 11 : 0, trainingTask == TrainingTask.TISSUE ? 6 : 0);
		TrainingOptions options = new TrainingOptions(network, epochs, stepsPerEpoch, batchSize,
			cropSize, learningRate, seed, patience, Augmentation.DEFAULT, checkpointFolder, resume);

		TrainingResult result = new Trainer(options).train(trainingData, progress.progress()
			.subRange(0.02, 0.98));
		List<TrainingImage> testSource = trainingData.validation().isEmpty() ? trainingData
			.training() : trainingData.validation();
		ModelExport.write(result, trainingData, testSource.get(0), card(trainingData,
			trainingTask), output);

		System.out.println("Wrote " + output + ": " + network.summary() + "; " + result.epochs() +
			" epochs, " + result.steps() + " steps" + (result.bestValidation() == null ? ""
				: "; validation " + result.bestValidation()) + ".");
		return 0;
	}

	private ModelExport.Card card(TrainingData trainingData, TrainingTask trainingTask) {
		List<String> names = new ArrayList<>();
		trainingData.training().forEach(image -> names.add(image.name()));
		String description = "Images from " + data.toAbsolutePath().getFileName() + ": " + names +
			".";
		List<String> limits = new ArrayList<>(List.of("Scores are measured on the held-out " +
			"validation data only; data from other labs, scanners or tissue types may score " +
			"lower."));
		if (trainingTask == TrainingTask.NUCLEI) {
			limits.add("Nuclei were validated by pixel Dice of the foreground, not by the PUMA " +
				"nuclei F1.");
		}
		StringBuilder command = new StringBuilder("pumaseg train " + trainingTask.id() +
			" --data " + data + " --out " + output);
		for (Map.Entry<String, Object> option : Map.<String, Object>of("--epochs", epochs,
			"--seed", seed, "--depth", depth, "--base-filters", baseFilters, "--crop-size",
			cropSize, "--batch-size", batchSize, "--split", split, "--validation-fraction",
			validationFraction).entrySet())
		{
			command.append(' ').append(option.getKey()).append(' ').append(option.getValue());
		}
		return new ModelExport.Card("PumaSeg " + trainingTask.id() + " model", description,
			command.toString(), limits);
	}

	private static TrainingDataset.Split parseSplit(String name) {
		for (TrainingDataset.Split value : TrainingDataset.Split.values()) {
			if (value.name().equalsIgnoreCase(name)) {
				return value;
			}
		}
		throw new InvalidInputException("Unknown split \"" + name + "\". Use auto, region or " +
			"image.");
	}
}
