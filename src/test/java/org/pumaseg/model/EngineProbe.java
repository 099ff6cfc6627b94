package org.pumaseg.model;

import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;

/**
 * Child-JVM program for tests that need a fresh JVM, because the engine starts once per JVM.
 * {@code run-model} starts the engine the way the product does (nothing set beforehand), builds
 * a tiny SavedModel and runs it through DJL; {@code start} only starts the engine and prints
 * the message of a failure; {@code connect PORT} opens one loopback connection.
 */
public final class EngineProbe {

	private EngineProbe() {}

	public static void main(String[] args) throws Exception {
		if (args[0].equals("connect")) {
			try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(
				args[1])))
			{
				System.out.println("probe connected " + socket.isConnected());
			}
			return;
		}

		if (args[0].equals("start")) {
			try {
				System.out.println("probe started TensorFlow " + TensorFlowRuntime.start()
					.getVersion());
			}
			catch (EngineUnavailableException e) {
				System.out.println("probe unavailable: " + e.getMessage());
				System.exit(3);
			}
			return;
		}

		TensorFlowRuntime.start();
		Path folder = Files.createTempDirectory("pumaseg-network-probe");
		TinySavedModels.affineAndWeighted(folder.resolve("model"));
		Criteria<NDList, NDList> criteria = Criteria.builder().setTypes(NDList.class,
			NDList.class).optModelPath(folder.resolve("model")).optEngine(
				TensorFlowRuntime.ENGINE_NAME).optTranslator(new NoopTranslator()).build();
		try (ZooModel<NDList, NDList> model = criteria.loadModel();
			Predictor<NDList, NDList> predictor = model.newPredictor();
			NDManager manager = model.getNDManager().newSubManager())
		{
			NDArray input = manager.ones(new Shape(1, 4, 4, 3));
			input.setName("image");
			float first = predictor.predict(new NDList(input)).get("scaled").toFloatArray()[0];
			System.out.println("probe output " + first);
		}
	}
}
