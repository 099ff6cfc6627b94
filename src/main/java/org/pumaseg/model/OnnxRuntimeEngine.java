package org.pumaseg.model;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.djl.engine.Engine;

/**
 * Starts the ONNX Runtime engine of Deep Java Library once for the whole product.
 * <p>
 * The natives come from the Maven artifact {@code com.microsoft.onnxruntime:onnxruntime:1.17.1}
 * (CPU builds for Linux x86-64 and aarch64, macOS and Windows x86-64 inside the jar). ONNX
 * Runtime copies the library for this system into a temporary folder when it starts and loads
 * it from there, so nothing is downloaded. {@link #start()} first turns DJL's network access
 * off ({@link OfflineMode}) and turns off DJL's hybrid mode, in which the ONNX Runtime engine
 * would start the default engine (TensorFlow here) for NDArray operations that it lacks:
 * PumaSeg only creates arrays, runs the model and reads the results, which ONNX Runtime does
 * alone.
 */
public final class OnnxRuntimeEngine {

	/** Release of the bundled ONNX Runtime natives. */
	public static final String ONNX_RUNTIME_VERSION = "1.17.1";

	public static final String ENGINE_NAME = "OnnxRuntime";

	/** DJL 0.28 property: when true, the ONNX Runtime engine starts no second engine. */
	static final String DISABLE_ALTERNATIVE_PROPERTY = "ai.djl.onnx.disable_alternative";

	private static final Logger LOG = LoggerFactory.getLogger(OnnxRuntimeEngine.class);

	private static Engine engine;

	private OnnxRuntimeEngine() {}

	/**
	 * Starts the engine on the first call and returns it; later calls return the same engine.
	 *
	 * @throws EngineUnavailableException if ONNX Runtime cannot start on this system
	 */
	public static synchronized Engine start() {
		if (engine != null) {
			return engine;
		}
		OfflineMode.enable();
		System.setProperty(DISABLE_ALTERNATIVE_PROPERTY, "true");
		long startNanos = System.nanoTime();
		try {
			engine = Engine.getEngine(ENGINE_NAME);
		}
		catch (RuntimeException | LinkageError e) {
			throw new EngineUnavailableException("ONNX Runtime " + ONNX_RUNTIME_VERSION +
				" could not be started on " + System.getProperty("os.name") + " " + System
					.getProperty("os.arch") + " (" + rootMessage(e) + "). Check that the jar " +
				"com.microsoft.onnxruntime:onnxruntime is on the class path (in Fiji, update " +
				"PumaSeg from its update site) and that the temporary folder " + System
					.getProperty("java.io.tmpdir") + " is writable, or use the TensorFlow weights " +
				"of the package.", e);
		}
		LOG.info("Started {} engine: ONNX Runtime {}, DJL {}, device {} ({} ms).", engine
			.getEngineName(), ONNX_RUNTIME_VERSION, Engine.getDjlVersion(), engine.defaultDevice(),
			(System.nanoTime() - startNanos) / 1_000_000);
		return engine;
	}

	private static String rootMessage(Throwable e) {
		Throwable root = e;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName() + ": " + root.getMessage();
	}
}
