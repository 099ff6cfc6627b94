package org.pumaseg.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pumaseg.InvalidInputException;
import org.pumaseg.Progress;
import org.pumaseg.model.ModelPackage;
import org.pumaseg.model.NpyArray;
import org.pumaseg.model.OfflineMode;
import org.pumaseg.model.OutputMeaning;
import org.pumaseg.model.TensorFlowRuntime;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;

class ModelExportTest {

	@BeforeAll
	static void offline() {
		OfflineMode.enable();
	}

	static ModelPackage trainAndExport(NetworkConfig network, TrainingTask task, Path target) {
		List<TrainingImage> images = SyntheticNuclei.images(2, 64, 3, network
			.nucleusClasses() > 0);
		if (task == TrainingTask.TISSUE) {
			images = images.stream().map(image -> new TrainingImage(image.name(), image.width(),
				image.height(), image.packedRgb(), Targets.ofTissue(image.width(), image.height(),
					tissueOf(image)))).toList();
		}
		TrainingData data = new TrainingData(task, images.subList(0, 1), images.subList(1, 2),
			"synthetic", Double.NaN, true);
		TrainingOptions options = new TrainingOptions(network, 2, 3, 2, 32, 0.01, 1, 0,
			Augmentation.DEFAULT, null, false);
		TrainingResult result = new Trainer(options).train(data, Progress.none());
		return ModelExport.write(result, data, images.get(1), new ModelExport.Card(
			"Test " + task.id() + " model", "Synthetic discs.", "pumaseg train " + task.id(), List
				.of("Trained on synthetic discs only.")), target);
	}

	/** Tissue code 3 (tumour) inside nuclei and 1 (stroma) around them. */
	private static byte[] tissueOf(TrainingImage image) {
		byte[] codes = new byte[image.width() * image.height()];
		for (int i = 0; i < codes.length; i++) {
			codes[i] = (byte) (image.targets().foreground()[i] == 1 ? 3 : 1);
		}
		return codes;
	}

	@Test
	void nucleiPackageValidatesAndReproducesInDjl(@TempDir Path scratch) throws Exception {
		Path target = scratch.resolve("nuclei-package");
		ModelPackage written = trainAndExport(new NetworkConfig(3, 4, true, 11, 0),
			TrainingTask.NUCLEI, target);

		ModelPackage opened = ModelPackage.open(target);
		assertEquals(List.of(ModelExport.NUCLEI_MAPS, ModelExport.NUCLEUS_CLASSES), opened
			.description().outputs().stream().map(o -> o.id()).toList());
		assertEquals(OutputMeaning.NUCLEI_FOREGROUND, opened.description().pumaseg().outputs()
			.get(0).meaning());
		assertTrue(Files.readString(target.resolve("README.md")).contains("## Validation scores"));
		assertFalse(Files.exists(written.savedModelDirectory().resolve("variables/variables.index")) &&
			Files.size(written.savedModelDirectory().resolve("variables/variables.index")) > 1000,
			"the SavedModel holds no optimiser state");

		reproduceInDjl(opened, List.of(ModelExport.NUCLEI_MAPS, ModelExport.NUCLEUS_CLASSES));
	}

	@Test
	void tissuePackageValidatesAndReproducesInDjl(@TempDir Path scratch) throws Exception {
		Path target = scratch.resolve("tissue-package");
		trainAndExport(new NetworkConfig(2, 4, false, 0, 6), TrainingTask.TISSUE, target);
		ModelPackage opened = ModelPackage.open(target);
		assertNotNull(opened.description().pumaseg().tissueClasses());
		reproduceInDjl(opened, List.of(ModelExport.TISSUE_CLASSES));
	}

	@Test
	void existingTargetIsRejected(@TempDir Path scratch) throws Exception {
		Path target = Files.createDirectories(scratch.resolve("exists"));
		assertThrows(InvalidInputException.class, () -> trainAndExport(new NetworkConfig(2, 4,
			true, 0, 0), TrainingTask.NUCLEI, target));
	}

	private static void reproduceInDjl(ModelPackage opened, List<String> outputIds)
		throws Exception
	{
		TensorFlowRuntime.start();
		NpyArray testInput = opened.testTensor(ModelExport.INPUT);
		float[] scaled = testInput.toFloatArray();
		for (int i = 0; i < scaled.length; i++) {
			scaled[i] /= 255f;
		}
		int[] shape = testInput.shape();
		Criteria<NDList, NDList> criteria = Criteria.builder().setTypes(NDList.class,
			NDList.class).optModelPath(opened.savedModelDirectory()).optEngine(
				TensorFlowRuntime.ENGINE_NAME).optTranslator(new NoopTranslator()).build();
		try (ZooModel<NDList, NDList> model = criteria.loadModel();
			Predictor<NDList, NDList> predictor = model.newPredictor();
			NDManager manager = model.getNDManager().newSubManager())
		{
			NDArray input = manager.create(scaled, new Shape(shape[0], shape[1], shape[2],
				shape[3]));
			input.setName(ModelExport.INPUT);
			NDList outputs = predictor.predict(new NDList(input));
			for (String id : outputIds) {
				NpyArray expected = opened.testTensor(id);
				NDArray actual = outputs.get(id);
				assertNotNull(actual, "output " + id + " missing");
				assertArrayEquals(expected.shape(), toInts(actual.getShape().getShape()));
				assertArrayEquals(expected.toFloatArray(), actual.toFloatArray(), 1e-4f, id);
			}
		}
	}

	private static int[] toInts(long[] values) {
		int[] ints = new int[values.length];
		for (int i = 0; i < values.length; i++) {
			ints[i] = (int) values[i];
		}
		return ints;
	}
}
