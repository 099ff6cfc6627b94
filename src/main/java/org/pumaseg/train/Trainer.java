package org.pumaseg.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.pumaseg.InvalidInputException;
import org.pumaseg.Progress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a {@link NetworkConfig} network on {@link TrainingData}: random augmented crops,
 * Adam, validation after each epoch, checkpoints, resume and early stopping on the
 * validation criterion ({@link ValidationScores#criterion()}: the PUMA track-1 nuclei F1 of the
 * decoded nuclei, the tissue micro Dice, or the loss when neither can be computed).
 * <p>
 * Runs are reproducible: the crops and augmentation of step s come from a random generator
 * seeded with (seed, s), so a resumed run draws the same crops as an uninterrupted one.
 */
public final class Trainer {

	private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

	/** A validation criterion counts as better only when better by this fraction. */
	static final double MIN_RELATIVE_IMPROVEMENT = 1e-4;

	private final TrainingOptions options;

	public Trainer(TrainingOptions options) {
		this.options = options;
	}

	public TrainingResult train(TrainingData data, Progress progress) {
		if (data.training().isEmpty()) {
			throw new InvalidInputException("No training images left after the split. Give " +
				"more annotated images.");
		}
		NetworkConfig network = options.network();
		ClassWeights weights = ClassWeights.of(data.training(), network.nucleusClasses(), network
			.tissueClasses());
		int stepsPerEpoch = stepsPerEpoch(data);
		LOG.info("Training {} on {} images ({} validation): {}; {} epochs x {} steps, batch {}, " +
			"crops {} px, learning rate {}, seed {}.", data.task().id(), data.training().size(), data
				.validation().size(), network.summary(), options.epochs(), stepsPerEpoch, options
					.batchSize(), options.cropSize(), options.learningRate(), options.seed());

		float[][] parameters = Initialization.heNormal(network, options.seed());
		Adam adam = new Adam(options.learningRate(), parameters);
		State state = new State();
		state.bestParameters = copy(parameters);
		if (options.resume()) {
			restore(Checkpoint.read(options.checkpointDirectory()), parameters, adam, state);
			if (state.epoch >= options.epochs()) {
				LOG.info("The checkpoint already has {} epochs ({} requested), so no epoch is " +
					"trained and its best parameters are kept.", state.epoch, options.epochs());
			}
		}

		long sessionStart = System.nanoTime();
		long etaStart = sessionStart;
		long stepsAtStart = state.step;
		long totalSteps = (long) options.epochs() * stepsPerEpoch;
		LossValues lastTrainingLoss = null;
		boolean stoppedEarly = false;
		try (TrainingGraph graph = new TrainingGraph(network)) {
			float[][] gradients = new float[parameters.length][];
			while (state.epoch < options.epochs()) {
				List<LossValues> epochLosses = new ArrayList<>();
				for (int s = 0; s < stepsPerEpoch; s++) {
					progress.checkCanceled();
					Batch batch = sampleBatch(data.training(), state.step, weights);
					LossValues loss = graph.step(parameters, batch, gradients);
					checkFinite(loss, state.step);
					adam.update(parameters, gradients);
					state.step++;
					epochLosses.add(loss);
					reportProgress(progress, state, totalSteps, stepsAtStart, etaStart, loss);
				}
				state.epoch++;
				lastTrainingLoss = LossValues.mean(epochLosses, java.util.Collections.nCopies(
					epochLosses.size(), 1.0));

				long validationStart = System.nanoTime();
				ValidationScores validation = data.validation().isEmpty() ? null : Validation.score(
					graph, parameters, data.validation(), options.cropSize(), weights, umPerPixel(data));
				LOG.info("Validation of epoch {} took {} ms.", state.epoch, (System.nanoTime() -
					validationStart) / 1_000_000);
				boolean improved = updateBest(state, parameters, validation);
				String line = String.format(Locale.ROOT, "epoch %d, step %d: training loss %s%s%s",
					state.epoch, state.step, lastTrainingLoss, validation == null ? ""
						: "; validation " + validation, improved ? " (best)" : "");
				state.history.add(line);
				LOG.info(line);
				if (improved) {
					state.bestValidation = validation;
				}

				state.elapsedNanos += System.nanoTime() - sessionStart;
				sessionStart = System.nanoTime();
				writeCheckpoint(state, parameters, adam);
				if (options.patience() > 0 && state.epochsWithoutImprovement >= options.patience() &&
					state.epoch < options.epochs())
				{
					LOG.info("Stopping early: no better validation {} for {} epochs.", validation == null
						? "score" : validation.criterion().name(), options.patience());
					stoppedEarly = true;
					break;
				}
			}
		}
		return new TrainingResult(network, state.bestParameters, state.step, state.epoch,
			state.bestEpoch, state.elapsedNanos / 1e9, state.bestValidation, lastTrainingLoss, List
				.copyOf(state.history), stoppedEarly);
	}

	/** Mutable bookkeeping of a run; what a checkpoint stores besides arrays. */
	private static final class State {
		long step;
		int epoch;
		double bestLoss = Double.POSITIVE_INFINITY;
		int bestEpoch;
		int epochsWithoutImprovement;
		long elapsedNanos;
		float[][] bestParameters;
		ValidationScores bestValidation;
		List<String> history = new ArrayList<>();
	}

	int stepsPerEpoch(TrainingData data) {
		if (options.stepsPerEpoch() > 0) {
			return options.stepsPerEpoch();
		}
		double cropPixels = (double) options.cropSize() * options.cropSize() * options
			.batchSize();
		return (int) Math.max(1, Math.ceil(data.trainingPixels() / cropPixels));
	}

	/** Pixel size the decoding of validation nuclei assumes, as the exported package states. */
	static double umPerPixel(TrainingData data) {
		return Double.isNaN(data.umPerPixel()) ? TrainingDataset.DEFAULT_UM_PER_PIXEL : data
			.umPerPixel();
	}

	private boolean updateBest(State state, float[][] parameters, ValidationScores validation) {
		double cost = validation == null ? Double.NaN : validation.criterion().cost();
		boolean improved = validation == null || Double.isInfinite(state.bestLoss) && cost < state
			.bestLoss || cost < state.bestLoss - MIN_RELATIVE_IMPROVEMENT * Math.abs(state.bestLoss);
		if (improved) {
			state.bestLoss = validation == null ? Double.POSITIVE_INFINITY : cost;
			state.bestEpoch = state.epoch;
			state.bestParameters = copy(parameters);
			state.epochsWithoutImprovement = 0;
		}
		else {
			state.epochsWithoutImprovement++;
		}
		return improved;
	}

	private void restore(Checkpoint checkpoint, float[][] parameters, Adam adam, State state) {
		if (!checkpoint.network().equals(options.network())) {
			throw new InvalidInputException("The checkpoint in " + options.checkpointDirectory() +
				" is of another network (" + checkpoint.network().summary() + ") than requested (" +
				options.network().summary() + "). Resume with the same network settings.");
		}
		if (checkpoint.seed() != options.seed()) {
			LOG.warn("Resuming with seed {}, but the checkpoint was trained with seed {}.", options
				.seed(), checkpoint.seed());
		}
		for (int p = 0; p < parameters.length; p++) {
			System.arraycopy(checkpoint.parameters()[p], 0, parameters[p], 0, parameters[p].length);
		}
		adam.restore(checkpoint.step(), checkpoint.firstMoments(), checkpoint.secondMoments());
		state.step = checkpoint.step();
		state.epoch = checkpoint.epoch();
		state.bestLoss = checkpoint.bestLoss();
		state.bestEpoch = checkpoint.bestEpoch();
		state.epochsWithoutImprovement = checkpoint.epochsWithoutImprovement();
		state.elapsedNanos = checkpoint.elapsedNanos();
		state.bestParameters = checkpoint.bestParameters();
		state.history = new ArrayList<>(checkpoint.history());
		state.bestValidation = checkpoint.bestValidation();
		LOG.info("Resumed from {} at epoch {}, step {}.", options.checkpointDirectory(), state.epoch,
			state.step);
	}

	private void writeCheckpoint(State state, float[][] parameters, Adam adam) {
		if (options.checkpointDirectory() == null) {
			return;
		}
		try {
			new Checkpoint(options.network(), options.seed(), state.step, state.epoch,
				state.bestLoss, state.bestEpoch, state.epochsWithoutImprovement, state.elapsedNanos,
				parameters, adam.firstMoments(), adam.secondMoments(), state.bestParameters,
				state.history, state.bestValidation).write(options.checkpointDirectory());
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot write a checkpoint to " + options
				.checkpointDirectory() + ": " + e.getMessage(), e);
		}
	}

	/** Samples a batch of random crops whose positions and augmentation depend on (seed, step) only. */
	Batch sampleBatch(List<TrainingImage> images, long step, ClassWeights weights) {
		SplittableRandom random = new SplittableRandom(options.seed() * 0x9E3779B97F4A7C15L +
			step);
		int size = options.cropSize();
		Batch batch = emptyBatch(options.network(), options.batchSize(), size);
		long totalPixels = 0;
		for (TrainingImage image : images) {
			totalPixels += (long) image.width() * image.height();
		}
		double reach = size * (1 + options.augmentation().scaleRange());
		for (int item = 0; item < batch.n(); item++) {
			TrainingImage image = pickByArea(images, totalPixels, random);
			int x0 = random.nextInt(Math.max(1, (int) (image.width() - reach) + 1));
			int y0 = random.nextInt(Math.max(1, (int) (image.height() - reach) + 1));
			options.augmentation().crop(image, x0, y0, random, batch, item, weights);
		}
		return batch;
	}

	private static TrainingImage pickByArea(List<TrainingImage> images, long totalPixels,
		SplittableRandom random)
	{
		long target = random.nextLong(totalPixels);
		for (TrainingImage image : images) {
			target -= (long) image.width() * image.height();
			if (target < 0) {
				return image;
			}
		}
		return images.get(images.size() - 1);
	}

	static Batch emptyBatch(NetworkConfig network, int n, int size) {
		int pixels = n * size * size;
		boolean maps = network.nucleiMaps();
		boolean nucleusClasses = network.nucleusClasses() > 0;
		boolean tissueClasses = network.tissueClasses() > 0;
		return new Batch(n, size, size, new float[pixels * 3], maps ? new float[pixels] : null,
			maps ? new float[pixels * 2] : null, nucleusClasses ? new int[pixels] : null,
			nucleusClasses ? new float[pixels] : null, tissueClasses ? new int[pixels] : null,
			tissueClasses ? new float[pixels] : null);
	}

	private static void checkFinite(LossValues loss, long step) {
		if (!Double.isFinite(loss.total())) {
			throw new IllegalStateException("The training loss became " + loss.total() +
				" at step " + step + "; lower the learning rate.");
		}
	}

	/** Reports the step with an ETA from the mean step time since {@code etaStart}. */
	private static void reportProgress(Progress progress, State state, long totalSteps,
		long stepsAtStart, long etaStart, LossValues loss)
	{
		long done = state.step - stepsAtStart;
		long remaining = Math.max(0, totalSteps - state.step);
		double secondsPerStep = (System.nanoTime() - etaStart) / 1e9 / Math.max(1, done);
		progress.update((double) state.step / totalSteps, String.format(Locale.ROOT,
			"epoch %d, step %d/%d, loss %.4f, ETA %s", state.epoch + 1, state.step, totalSteps,
			loss.total(), duration(remaining * secondsPerStep)));
	}

	static String duration(double seconds) {
		long s = Math.round(seconds);
		if (s < 60) {
			return s + " s";
		}
		if (s < 3600) {
			return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
		}
		return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
	}

	private static float[][] copy(float[][] arrays) {
		float[][] copy = new float[arrays.length][];
		for (int i = 0; i < arrays.length; i++) {
			copy[i] = arrays[i].clone();
		}
		return copy;
	}
}
