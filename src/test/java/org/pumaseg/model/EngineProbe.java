package org.pumaseg.model;

import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import ai.djl.engine.Engine;
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
 * the message of a failure; {@code run-onnx} does what {@code run-model} does with ONNX Runtime
 * and a tiny ONNX file; {@code start-concurrently N} calls {@link TensorFlowRuntime#start()}
 * from N threads released at the same moment and prints how many distinct engines and errors
 * they got; {@code connect PORT} opens one loopback connection.
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

		if (args[0].equals("start-concurrently")) {
			startConcurrently(Integer.parseInt(args[1]));
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

		if (args[0].equals("run-onnx")) {
			runOnnx();
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

	/** Runs a 1x1 convolution that sums the three channels of an all-ones input: 3.0. */
	private static void runOnnx() throws Exception {
		OnnxRuntimeEngine.start();
		Path folder = Files.createTempDirectory("pumaseg-network-probe");
		Path file = TinyOnnxModels.convolutions(folder.resolve("model.onnx"), List.<float[][][][]>of(
			TinySavedModels.uniformKernel(1, 3, 1, 1)), null, false, true, "image", "maps", -1,
			TinyOnnxModels.OPSET);
		Criteria<NDList, NDList> criteria = Criteria.builder().setTypes(NDList.class,
			NDList.class).optModelPath(file).optEngine(OnnxRuntimeEngine.ENGINE_NAME)
			.optTranslator(new NoopTranslator()).build();
		try (ZooModel<NDList, NDList> model = criteria.loadModel();
			Predictor<NDList, NDList> predictor = model.newPredictor();
			NDManager manager = model.getNDManager().newSubManager())
		{
			float[] ones = new float[3 * 4 * 4];
			java.util.Arrays.fill(ones, 1);
			NDArray input = manager.create(ones, new Shape(1, 3, 4, 4));
			input.setName("image");
			float first = predictor.predict(new NDList(input)).get(0).toFloatArray()[0];
			System.out.println("probe onnx output " + first);
		}
	}

	private static void startConcurrently(int threads) throws Exception {
		CyclicBarrier barrier = new CyclicBarrier(threads);
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		List<Future<Engine>> starts = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			starts.add(pool.submit(() -> {
				barrier.await();
				return TensorFlowRuntime.start();
			}));
		}
		Set<Engine> engines = Collections.newSetFromMap(new IdentityHashMap<>());
		int errors = 0;
		for (Future<Engine> start : starts) {
			try {
				engines.add(start.get());
			}
			catch (ExecutionException e) {
				errors++;
				e.getCause().printStackTrace(System.out);
			}
		}
		pool.shutdown();
		System.out.println("probe engines " + engines.size() + " errors " + errors);
	}
}
