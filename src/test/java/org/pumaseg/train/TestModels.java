package org.pumaseg.train;

import java.nio.file.Path;
import java.util.List;

import org.pumaseg.Progress;

/**
 * Small model packages trained in the test run on synthetic discs, for tests of the
 * segmentation pipeline that need a real model: a nuclei model with distance maps and classes,
 * trained long enough to find the discs (80 steps), and a tissue model.
 */
public final class TestModels {

	private TestModels() {}

	/** Trains and writes a nuclei package (foreground, distance maps, 10 classes). */
	public static Path nuclei(Path target) {
		List<TrainingImage> images = SyntheticNuclei.images(5, 64, 1, true);
		TrainingData data = new TrainingData(TrainingTask.NUCLEI, images.subList(0, 4), images
			.subList(4, 5), "synthetic discs", 0.25, true);
		TrainingOptions options = new TrainingOptions(new NetworkConfig(2, 8, true, 11, 0), 4, 20,
			4, 48, 0.01, 7, 0, Augmentation.DEFAULT, null, false);
		TrainingResult result = new Trainer(options).train(data, Progress.none());
		ModelExport.write(result, data, images.get(4), new ModelExport.Card("Test nuclei model",
			"Synthetic discs.", "trained by the test suite", List.of("Synthetic data only.")),
			target);
		return target;
	}

	/**
	 * Trains and writes a nuclei package without class head (foreground and distance maps
	 * only), as {@code pumaseg train nuclei --no-nucleus-classes} writes.
	 */
	public static Path classlessNuclei(Path target) {
		List<TrainingImage> images = SyntheticNuclei.images(5, 64, 1, true);
		TrainingData data = new TrainingData(TrainingTask.NUCLEI, images.subList(0, 4), images
			.subList(4, 5), "synthetic discs", 0.25, true);
		TrainingOptions options = new TrainingOptions(new NetworkConfig(2, 8, true, 0, 0), 4, 20,
			4, 48, 0.01, 7, 0, Augmentation.DEFAULT, null, false);
		TrainingResult result = new Trainer(options).train(data, Progress.none());
		ModelExport.write(result, data, images.get(4), new ModelExport.Card(
			"Test nuclei model without classes", "Synthetic discs.", "trained by the test suite",
			List.of("Synthetic data only.")), target);
		return target;
	}

	/** Trains and writes a tissue package (tumour inside discs, stroma around). */
	public static Path tissue(Path target) {
		ModelExportTest.trainAndExport(new NetworkConfig(2, 4, false, 0, 6), TrainingTask.TISSUE,
			target);
		return target;
	}
}
