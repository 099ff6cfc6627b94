package org.pumaseg.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.engine.Engine;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;

class TensorFlowRuntimeTest {

	static {
		OfflineMode.enable();
	}

	@Test
	void startReturnsTensorFlowEngine() {
		Engine engine = TensorFlowRuntime.start();

		assertEquals("TensorFlow", engine.getEngineName());
		assertEquals(TensorFlowRuntime.TENSORFLOW_VERSION, engine.getVersion());
		assertSame(engine, TensorFlowRuntime.start());
		assertTrue(OfflineMode.isEnabled());
	}

	@Test
	void nativesAreCachedOutsideBuildFolder() {
		TensorFlowRuntime.start();
		Path natives = Path.of(System.getProperty("TENSORFLOW_LIBRARY_PATH"));

		assertFalse(natives.toString().contains("/target/"), natives.toString());
		assertTrue(natives.startsWith(TensorFlowRuntime.cacheDirectory()), natives.toString());
		for (String library : TensorFlowRuntime.NATIVE_LIBRARIES) {
			assertTrue(Files.isRegularFile(natives.resolve(library)), library);
		}
	}

	@Test
	void savedModelBuiltInJavaRunsThroughDjl(@TempDir Path folder) throws Exception {
		Path modelFolder = TinySavedModels.affineAndWeighted(folder.resolve("tiny"));
		float[] pixels = { //
			0, 1, 2, 3, 4, 5, //
			-1, 0.5f, 8, 10, 20, 40 };

		Criteria<NDList, NDList> criteria = Criteria.builder().setTypes(NDList.class,
			NDList.class).optModelPath(modelFolder).optEngine(TensorFlowRuntime.ENGINE_NAME)
			.optTranslator(new NoopTranslator()).build();
		try (ZooModel<NDList, NDList> model = criteria.loadModel();
			Predictor<NDList, NDList> predictor = model.newPredictor();
			NDManager manager = model.getNDManager().newSubManager())
		{
			NDArray input = manager.create(pixels, new Shape(1, 2, 2, 3));
			input.setName("image");
			NDList outputs = predictor.predict(new NDList(input));

			float[] scaled = outputs.get("scaled").toFloatArray();
			float[] weighted = outputs.get("weighted").toFloatArray();
			float[] expectedScaled = new float[pixels.length];
			for (int i = 0; i < pixels.length; i++) {
				expectedScaled[i] = 2 * pixels[i] + 1;
			}
			// 0.5 r + 0.25 g + 0.125 b per pixel, worked by hand.
			float[] expectedWeighted = { 0.5f, 3.125f, 0.625f, 15f };
			assertArrayEquals(expectedScaled, scaled, 1e-6f);
			assertArrayEquals(new long[] { 1, 2, 2, 1 }, outputs.get("weighted").getShape()
				.getShape());
			assertArrayEquals(expectedWeighted, weighted, 1e-5f);
		}
	}
}
