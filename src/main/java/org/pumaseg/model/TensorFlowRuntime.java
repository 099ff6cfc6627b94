package org.pumaseg.model;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.bytedeco.javacpp.Loader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.djl.engine.Engine;

/**
 * Starts the TensorFlow engine of Deep Java Library once for the whole product.
 * <p>
 * PumaSeg ships the CPU build of TensorFlow 2.10.1 from the Maven artifact
 * {@code org.tensorflow:tensorflow-core-api:0.5.0:linux-x86_64}. {@link #start()} first turns
 * DJL's network access off ({@link OfflineMode}), then has JavaCPP copy the three native
 * libraries from that jar into PumaSeg's cache folder, points DJL at them with the
 * {@code TENSORFLOW_LIBRARY_PATH} property and starts the engine. Every failure becomes an
 * {@link EngineUnavailableException} whose message states what to do.
 * <p>
 * The copy goes through JavaCPP (which TensorFlow Java uses to load its libraries) on purpose:
 * JavaCPP extracts libraries found on the class path into its own cache whatever DJL is told,
 * so a copy of our own would put the 456 MB of libraries on disk twice. JavaCPP reuses its copy
 * while the size and time stamp match the jar entry, and replaces it otherwise.
 * <p>
 * The cache folder is {@code $PUMASEG_CACHE_DIR} (environment) or the system property
 * {@code pumaseg.cache.dir}, else {@code $XDG_CACHE_HOME/pumaseg}, else
 * {@code ~/.cache/pumaseg}; the libraries go to its {@code javacpp} subfolder unless
 * {@code org.bytedeco.javacpp.cachedir} is set.
 */
public final class TensorFlowRuntime {

	/** TensorFlow release of the bundled natives and of DJL 0.28's TensorFlow engine. */
	public static final String TENSORFLOW_VERSION = "2.10.1";

	public static final String ENGINE_NAME = "TensorFlow";
	public static final String CACHE_DIR_PROPERTY = "pumaseg.cache.dir";
	public static final String CACHE_DIR_VARIABLE = "PUMASEG_CACHE_DIR";
	static final String LIBRARY_PATH_KEY = "TENSORFLOW_LIBRARY_PATH";

	static final String NATIVE_RESOURCE_FOLDER = "org/tensorflow/internal/c_api/linux-x86_64/";
	static final List<String> NATIVE_LIBRARIES = List.of("libtensorflow_framework.so.2",
		"libtensorflow_cc.so.2", "libjnitensorflow.so");
	static final String JAVACPP_CACHE_PROPERTY = "org.bytedeco.javacpp.cachedir";

	private static final Logger LOG = LoggerFactory.getLogger(TensorFlowRuntime.class);

	private static Engine engine;

	private TensorFlowRuntime() {}

	/**
	 * Starts the engine on the first call and returns it; later calls return the same engine.
	 *
	 * @throws EngineUnavailableException if the engine cannot start here
	 */
	public static synchronized Engine start() {
		if (engine != null) {
			return engine;
		}
		OfflineMode.enable();
		long startNanos = System.nanoTime();

		checkPlatform();
		if (System.getProperty(JAVACPP_CACHE_PROPERTY) == null) {
			System.setProperty(JAVACPP_CACHE_PROPERTY, cacheDirectory().resolve("javacpp")
				.toString());
		}
		Path libraryFolder = extractNatives();
		System.setProperty(LIBRARY_PATH_KEY, libraryFolder.toString());

		engine = loadEngine(libraryFolder);
		LOG.info("Started {} engine: TensorFlow {}, DJL {}, device {}, natives in {} ({} ms).",
			engine.getEngineName(), engine.getVersion(), Engine.getDjlVersion(), engine
				.defaultDevice(), libraryFolder, (System.nanoTime() - startNanos) / 1_000_000);
		return engine;
	}

	/** Returns the folder where PumaSeg caches native libraries and extracted packages. */
	public static Path cacheDirectory() {
		String configured = System.getProperty(CACHE_DIR_PROPERTY);
		if (configured == null || configured.isBlank()) {
			configured = System.getenv(CACHE_DIR_VARIABLE);
		}
		if (configured != null && !configured.isBlank()) {
			return Paths.get(configured).toAbsolutePath();
		}
		String xdgCache = System.getenv("XDG_CACHE_HOME");
		if (xdgCache != null && !xdgCache.isBlank()) {
			return Paths.get(xdgCache, "pumaseg").toAbsolutePath();
		}
		return Paths.get(System.getProperty("user.home"), ".cache", "pumaseg");
	}

	/** Rejects systems the bundled natives cannot run on, before any library is loaded. */
	static void checkPlatform() {
		String os = System.getProperty("os.name", "");
		String arch = System.getProperty("os.arch", "");
		boolean linux = os.toLowerCase(Locale.ROOT).startsWith("linux");
		boolean x86_64 = arch.equals("amd64") || arch.equals("x86_64");
		if (!linux || !x86_64) {
			throw new EngineUnavailableException("PumaSeg's bundled TensorFlow " +
				TENSORFLOW_VERSION + " runs on Linux x86-64 only, but this system is " + os + " " +
				arch + ". Run PumaSeg on a Linux x86-64 machine; builds for other systems do " +
				"not exist yet.");
		}
		if (!cpuHasAvx()) {
			throw new EngineUnavailableException("This processor lacks the AVX instructions " +
				"that the TensorFlow " + TENSORFLOW_VERSION +
				" CPU build needs. Run PumaSeg on a processor made after 2011.");
		}
	}

	private static boolean cpuHasAvx() {
		Path cpuInfo = Paths.get("/proc/cpuinfo");
		if (!Files.isReadable(cpuInfo)) {
			// NOTE: without /proc/cpuinfo the check cannot run; loading then fails with the
			// message of loadEngine if AVX is missing.
			return true;
		}
		try (Stream<String> lines = Files.lines(cpuInfo)) {
			return lines.filter(line -> line.startsWith("flags")).findFirst().map(
				line -> line.contains(" avx")).orElse(true);
		}
		catch (IOException | java.io.UncheckedIOException e) {
			return true;
		}
	}

	/**
	 * Has JavaCPP copy the native libraries into its cache, unless an intact copy is there, and
	 * returns the folder that holds them. JavaCPP locks its cache while copying, so concurrent
	 * starts of several processes are safe.
	 */
	static Path extractNatives() {
		Path folder = null;
		for (String library : NATIVE_LIBRARIES) {
			URL resource = findResource(library);
			File cached;
			try {
				warnIfDamaged(resource, library);
				cached = Loader.cacheResource(resource);
			}
			catch (IOException | RuntimeException e) {
				throw new EngineUnavailableException("Could not copy the TensorFlow native " +
					"library " + library + " to the cache folder " + javacppCacheFolder() + " (" +
					e + "). Free disk space there, or set " + CACHE_DIR_VARIABLE +
					" to a writable folder.", e);
			}
			Path parent = cached.toPath().getParent();
			if (folder != null && !folder.equals(parent)) {
				throw new EngineUnavailableException("The TensorFlow native libraries were " +
					"copied to two folders, " + folder + " and " + parent +
					": the PumaSeg installation has two copies of the natives jar. Keep one.");
			}
			folder = parent;
		}
		Path cacheFolder = Paths.get(javacppCacheFolder()).toAbsolutePath();
		if (!folder.toAbsolutePath().startsWith(cacheFolder)) {
			// JavaCPP falls back to a temporary folder when its cache folder is not writable.
			LOG.warn("The cache folder {} is not usable, so the TensorFlow libraries were copied " +
				"to {} and will be copied again at every start. Set {} to a writable folder.",
				cacheFolder, folder, CACHE_DIR_VARIABLE);
		}
		return folder;
	}

	private static void warnIfDamaged(URL resource, String library) throws IOException {
		File expected = new File(Loader.getCacheDir(), "tensorflow-core-api-0.5.0-linux-x86_64.jar/" +
			NATIVE_RESOURCE_FOLDER + library);
		long size = resourceSize(resource);
		if (expected.isFile() && expected.length() != size) {
			LOG.warn("Replacing the incomplete or damaged TensorFlow library {} ({} bytes " +
				"instead of {}).", expected, expected.length(), size);
		}
	}

	private static String javacppCacheFolder() {
		return System.getProperty(JAVACPP_CACHE_PROPERTY, "~/.javacpp/cache");
	}

	private static URL findResource(String library) {
		URL url = TensorFlowRuntime.class.getClassLoader().getResource(NATIVE_RESOURCE_FOLDER +
			library);
		if (url == null) {
			throw new EngineUnavailableException("The TensorFlow native library " + library +
				" is missing: the jar org.tensorflow:tensorflow-core-api:0.5.0:linux-x86_64 is " +
				"not on the class path. In Fiji, update PumaSeg from its update site; elsewhere, " +
				"run PumaSeg with the class path that Maven builds (the ./pumaseg launcher does).");
		}
		return url;
	}

	private static long resourceSize(URL url) {
		try {
			URLConnection connection = url.openConnection();
			connection.setUseCaches(false);
			return connection.getContentLengthLong();
		}
		catch (IOException e) {
			throw new EngineUnavailableException("Cannot read the TensorFlow native library " +
				url + ": " + e + ". The PumaSeg installation is damaged; reinstall it.", e);
		}
	}

	private static Engine loadEngine(Path libraryFolder) {
		try {
			return Engine.getEngine(ENGINE_NAME);
		}
		catch (RuntimeException | LinkageError e) {
			throw new EngineUnavailableException("TensorFlow " + TENSORFLOW_VERSION +
				" could not be loaded from " + libraryFolder + " (" + rootMessage(e) + "). " +
				"The copies there may be damaged: delete that folder so that PumaSeg copies " +
				"the libraries again, then retry.", e);
		}
	}

	private static String rootMessage(Throwable e) {
		Throwable root = e;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName() + ": " + root.getMessage();
	}
}
