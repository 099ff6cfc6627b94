package org.pumaseg.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pumaseg.Progress;
import org.pumaseg.model.OfflineMode;

class TrainerTest {

	static final NetworkConfig TINY = new NetworkConfig(2, 8, true, 11, 0);

	@BeforeAll
	static void offline() {
		OfflineMode.enable();
	}

	static TrainingData discs() {
		return new TrainingData(TrainingTask.NUCLEI, SyntheticNuclei.images(4, 64, 1, true),
			SyntheticNuclei.images(1, 64, 2, true), "synthetic", 0.25, true);
	}

	static TrainingOptions options(int epochs, Path checkpoints, boolean resume) {
		return new TrainingOptions(TINY, epochs, 10, 4, 48, 0.01, 7, 0, Augmentation.DEFAULT,
			checkpoints, resume);
	}

	@Test
	void everyParameterHasGradient() {
		try (TrainingGraph graph = new TrainingGraph(new NetworkConfig(3, 4, true, 11, 6))) {
			assertEquals(graph.config().parameters().size(), graph.gradientCount());
		}
	}

	@Test
	void gradientsAreNonZeroForEveryLayer() {
		NetworkConfig config = new NetworkConfig(2, 4, true, 11, 0);
		float[][] parameters = Initialization.heNormal(config, 3);
		TrainingOptions options = new TrainingOptions(config, 1, 1, 2, 32, 0.001, 3, 0,
			Augmentation.NONE, null, false);
		List<TrainingImage> images = SyntheticNuclei.images(2, 64, 5, true);
		ClassWeights weights = ClassWeights.of(images, 11, 0);
		Batch batch = new Trainer(options).sampleBatch(images, 0, weights);
		float[][] gradients = new float[parameters.length][];
		try (TrainingGraph graph = new TrainingGraph(config)) {
			graph.step(parameters, batch, gradients);
		}
		List<NetworkConfig.ParameterSpec> specs = config.parameters();
		for (int p = 0; p < specs.size(); p++) {
			double norm = 0;
			for (float g : gradients[p]) {
				norm += g * g;
			}
			assertTrue(norm > 0, "gradient of " + specs.get(p).name() + " is zero");
		}
	}

	@Test
	void lossFallsOnSyntheticDiscs(@TempDir Path scratch) {
		TrainingResult result = new Trainer(options(8, null, false)).train(discs(), Progress
			.none());
		String first = result.history().get(0);
		double firstLoss = Double.parseDouble(first.replaceAll(".*training loss ([0-9.]+).*",
			"$1"));
		double lastLoss = result.lastTrainingLoss().total();
		assertTrue(lastLoss < 0.5 * firstLoss, "loss fell from " + firstLoss + " to only " +
			lastLoss + ": " + result.history());
		assertEquals(80, result.steps());
		assertTrue(result.bestValidation().scores().get("foreground_dice") > 0.6, result
			.history().toString());
	}

	@Test
	void resumeContinuesStepsAndLoss(@TempDir Path scratch) {
		TrainingResult uninterrupted = new Trainer(options(3, null, false)).train(discs(),
			Progress.none());

		Path checkpoints = scratch.resolve("checkpoints");
		new Trainer(options(2, checkpoints, false)).train(discs(), Progress.none());
		TrainingResult resumed = new Trainer(options(3, checkpoints, true)).train(discs(),
			Progress.none());

		assertEquals(30, resumed.steps());
		assertEquals(3, resumed.epochs());
		assertEquals(3, resumed.history().size());
		assertEquals(uninterrupted.lastTrainingLoss().total(), resumed.lastTrainingLoss().total(),
			1e-3 * uninterrupted.lastTrainingLoss().total());
		assertEquals(uninterrupted.bestValidation().loss().total(), resumed.bestValidation()
			.loss().total(), 1e-3 * uninterrupted.bestValidation().loss().total());
	}
}
