package org.pumaseg.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.pumaseg.InvalidInputException;
import org.pumaseg.OutputFiles;
import org.pumaseg.train.TrainingDataset;
import org.pumaseg.train.TrainingResult;
import org.pumaseg.train.TrainingRun;
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
		description = "Model package folder to write; must not exist. With --validate-only, " +
			"the model card file to write instead.")
	Path output;

	@Option(names = "--validate-only", paramLabel = "PACKAGE",
		description = "Train nothing: score this existing package on the validation part of " +
			"--data (split by --split, --validation-fraction and --seed as in training), as " +
			"pumaseg segment and pumaseg evaluate do, and write its model card with the " +
			"validation section replaced by these scores and the commands that reproduce " +
			"them to --out (a new file).")
	Path validateOnly;

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
		description = "Stop after this many epochs without a better validation score (PUMA " +
			"track-1 F1 for nuclei, micro Dice for tissue, else the loss); 0 never stops early " +
			"(default 10).")
	int patience;

	@Option(names = "--validation-fraction", defaultValue = "0.2",
		description = "Share of the data held out for validation (default 0.2).")
	double validationFraction;

	@Option(names = "--split", defaultValue = "auto",
		description = "auto (region for one image, else image), region (the right-hand part " +
			"of every image) or image (whole images).")
	String split;

	@Option(names = "--pixel-size", paramLabel = "UM",
		description = "Resample every calibrated image and its annotations to this pixel size " +
			"in µm before training, e.g. 0.25 for 40x scans; uncalibrated images are taken to " +
			"have it already. Default: train at each image's own pixel size.")
	Double pixelSize;

	@Option(names = "--no-nucleus-classes",
		description = "Train no nucleus class head even when the data has classes. The " +
			"model then segments nuclei of the one class 'nucleus', without TIL measures.")
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
		if (validateOnly != null) {
			return validate(trainingTask);
		}
		TrainingRun.Request request = new TrainingRun.Request(trainingTask, data, output, depth,
			baseFilters, epochs, stepsPerEpoch, batchSize, cropSize, learningRate, seed, patience,
			validationFraction, parseSplit(split), allowUnmatched, noNucleusClasses, checkpoints,
			resume, pixelSize == null ? Double.NaN : pixelSize, commandLine(trainingTask));

		Path checkpointFile = TrainingRun.checkpointFile(request);
		FileTime checkpointAtStart = modificationTime(checkpointFile);
		Thread onInterrupt = new Thread(() -> reportStop(checkpointFile, checkpointAtStart, resume),
			"pumaseg-train-interrupt");
		Runtime.getRuntime().addShutdownHook(onInterrupt);
		TrainingRun.Outcome outcome;
		try {
			outcome = TrainingRun.run(request, new ConsoleProgress("train " + trainingTask.id())
				.progress());
		}
		finally {
			removeHook(onInterrupt);
		}

		TrainingResult result = outcome.result();
		System.out.println("Wrote " + output + ": " + outcome.network().summary() + "; " + result
			.epochs() + " epochs, " + result.steps() + " steps" + (result.bestValidation() == null
				? "" : "; validation " + result.bestValidation()) + ".");
		return 0;
	}

	/**
	 * Prints, on Ctrl-C, whether a checkpoint is kept and how to continue from it. Without
	 * --resume an older checkpoint counts only once this run has replaced it, at the end of its
	 * first epoch, because it may belong to another run.
	 */
	private static void reportStop(Path checkpointFile, FileTime atStart, boolean resumed) {
		FileTime now = modificationTime(checkpointFile);
		if (now != null && (resumed || !now.equals(atStart))) {
			System.err.println("Interrupted: the checkpoint " + checkpointFile + " is kept. Run " +
				"the same command with --resume to continue from its last complete epoch.");
		}
		else {
			System.err.println("Interrupted before the first epoch ended, so this run wrote no " +
				"checkpoint.");
		}
		System.err.flush();
	}

	/** Returns the modification time of {@code file}, or null when it does not exist. */
	private static FileTime modificationTime(Path file) {
		try {
			return Files.getLastModifiedTime(file);
		}
		catch (IOException e) {
			return null;
		}
	}

	private static void removeHook(Thread hook) {
		try {
			Runtime.getRuntime().removeShutdownHook(hook);
		}
		catch (IllegalStateException e) {
			// The JVM is already shutting down, so the hook runs or has run.
		}
	}

	private int validate(TrainingTask trainingTask) {
		OutputFiles.checkTarget(output, false, List.of(data, validateOnly, validateOnly.resolve(
			"README.md")), "model-card.md");
		String card = TrainingRun.revalidatedCard(trainingTask, data, validationFraction,
			parseSplit(split), seed, allowUnmatched, validateOnly, validateOnly.toString(),
			new ConsoleProgress("validate " + trainingTask.id()).progress());
		OutputFiles.write(output, out -> out.write(card.getBytes(StandardCharsets.UTF_8)));
		System.out.println("Wrote " + output + ": the model card of " + validateOnly +
			" with new validation scores.");
		return 0;
	}

	/** Returns the command with every option that shapes the model, for the model card. */
	private String commandLine(TrainingTask trainingTask) {
		StringBuilder command = new StringBuilder("pumaseg train " + trainingTask.id() +
			" --data " + data + " --out " + output);
		Map<String, Object> options = new LinkedHashMap<>();
		options.put("--epochs", epochs);
		options.put("--steps-per-epoch", stepsPerEpoch);
		options.put("--batch-size", batchSize);
		options.put("--crop-size", cropSize);
		options.put("--depth", depth);
		options.put("--base-filters", baseFilters);
		options.put("--learning-rate", learningRate);
		options.put("--seed", seed);
		options.put("--patience", patience);
		options.put("--split", split);
		options.put("--validation-fraction", validationFraction);
		for (Map.Entry<String, Object> option : options.entrySet()) {
			command.append(' ').append(option.getKey()).append(' ').append(option.getValue());
		}
		if (pixelSize != null) {
			command.append(" --pixel-size ").append(pixelSize);
		}
		if (noNucleusClasses) {
			command.append(" --no-nucleus-classes");
		}
		return command.toString();
	}

	private static TrainingDataset.Split parseSplit(String name) {
		for (TrainingDataset.Split value : TrainingDataset.Split.values()) {
			if (value.name().equalsIgnoreCase(name)) {
				return value;
			}
		}
		throw new InvalidInputException("Unknown --split \"" + name + "\". Use auto, region or " +
			"image.");
	}
}
