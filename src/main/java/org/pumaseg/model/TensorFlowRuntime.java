package org.pumaseg.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.djl.engine.Engine;

/**
 * Starts the TensorFlow engine of Deep Java Library once for the whole product.
 * <p>
 * PumaSeg ships the CPU build of TensorFlow 2.10.1 from the Maven artifact
 * {@code org.tensorflow:tensorflow-core-api:0.5.0:linux-x86_64}. {@link #start()} first turns
 * DJL's network access off ({@link OfflineMode}), then copies the three native libraries from
 * that jar to a per-user cache folder (once; later starts reuse them after checking their
 * sizes), points DJL at them with the {@code TENSORFLOW_LIBRARY_PATH} property and starts the
 * engine. Every failure becomes an {@link EngineUnavailableException} whose message says what
 * to do.
 * <p>
 * The cache folder is {@code $PUMASEG_CACHE_DIR} (environment) or the system property
 * {@code pumaseg.cache.dir}, else {@code $XDG_CACHE_HOME/pumaseg}, else
 * {@code ~/.cache/pumaseg}. A user who sets {@code TENSORFLOW_LIBRARY_PATH} (for example to GPU
 * natives of the same TensorFlow version) keeps that choice and nothing is extracted.
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
	private static final String MANIFEST = "pumaseg-natives.properties";

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

		String userLibraryPath = userLibraryPath();
		Path libraryFolder;
		if (userLibraryPath != null) {
			libraryFolder = Paths.get(userLibraryPath);
			LOG.info("Using TensorFlow natives from {} ({} is set).", libraryFolder,
				LIBRARY_PATH_KEY);
		}
		else {
			checkPlatform();
			libraryFolder = extractNatives(cacheDirectory());
			System.setProperty(LIBRARY_PATH_KEY, libraryFolder.toString());
		}

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

	private static String userLibraryPath() {
		String path = System.getProperty(LIBRARY_PATH_KEY);
		if (path == null || path.isBlank()) {
			path = System.getenv(LIBRARY_PATH_KEY);
		}
		return path == null || path.isBlank() ? null : path;
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
				arch + ". Set " + LIBRARY_PATH_KEY +
				" to a folder with TensorFlow 2.10.1 native libraries built for this system.");
		}
		if (!cpuHasAvx()) {
			throw new EngineUnavailableException("This processor lacks the AVX instructions " +
				"that the TensorFlow " + TENSORFLOW_VERSION +
				" CPU build needs. Run PumaSeg on a processor made after 2011, or set " +
				LIBRARY_PATH_KEY + " to TensorFlow natives built without AVX.");
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
	 * Copies the native libraries into {@code cacheRoot/tensorflow/<version>-cpu-linux-x86_64}
	 * unless a complete copy is there, and returns that folder. Extraction goes to a temporary
	 * folder first and is moved into place, so a crash or a second process never leaves a
	 * half-written copy behind.
	 */
	static Path extractNatives(Path cacheRoot) {
		Path target = cacheRoot.resolve("tensorflow").resolve(TENSORFLOW_VERSION +
			"-cpu-linux-x86_64");
		List<URL> resources = NATIVE_LIBRARIES.stream().map(TensorFlowRuntime::findResource)
			.toList();
		long[] sizes = resources.stream().mapToLong(TensorFlowRuntime::resourceSize).toArray();
		if (isCompleteCopy(target, sizes)) {
			return target;
		}

		Path temporary = null;
		try {
			Files.createDirectories(target.getParent());
			if (Files.exists(target)) {
				LOG.warn("Replacing the incomplete or damaged TensorFlow natives in {}.", target);
				deleteRecursively(target);
			}
			temporary = Files.createTempDirectory(target.getParent(), ".extract-");
			LOG.info("Extracting TensorFlow {} natives to {} (once per machine).",
				TENSORFLOW_VERSION, target);
			Properties manifest = new Properties();
			for (int i = 0; i < NATIVE_LIBRARIES.size(); i++) {
				String library = NATIVE_LIBRARIES.get(i);
				try (InputStream in = resources.get(i).openStream();
					OutputStream out = Files.newOutputStream(temporary.resolve(library)))
				{
					in.transferTo(out);
				}
				manifest.setProperty(library, Long.toString(sizes[i]));
			}
			try (OutputStream out = Files.newOutputStream(temporary.resolve(MANIFEST))) {
				manifest.store(out, "TensorFlow " + TENSORFLOW_VERSION + " natives (sizes in bytes)");
			}
			moveIntoPlace(temporary, target);
			temporary = null;
		}
		catch (IOException e) {
			throw new EngineUnavailableException("Could not copy the TensorFlow native libraries " +
				"to " + target + ": " + e + ". Free disk space there, or set " + CACHE_DIR_VARIABLE +
				" to a writable folder.", e);
		}
		finally {
			if (temporary != null) {
				deleteQuietly(temporary);
			}
		}
		if (!isCompleteCopy(target, sizes)) {
			throw new EngineUnavailableException("The TensorFlow native libraries in " + target +
				" are incomplete after extraction. Delete that folder and try again.");
		}
		return target;
	}

	private static void moveIntoPlace(Path temporary, Path target) throws IOException {
		try {
			Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (FileAlreadyExistsException | DirectoryNotEmptyException
				| AtomicMoveNotSupportedException e)
		{
			// Another process finished its copy first; its copy is checked by the caller.
			LOG.debug("TensorFlow natives were extracted concurrently to {}.", target);
			deleteQuietly(temporary);
		}
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

	private static boolean isCompleteCopy(Path folder, long[] expectedSizes) {
		Path manifestFile = folder.resolve(MANIFEST);
		if (!Files.isRegularFile(manifestFile)) {
			return false;
		}
		try {
			for (int i = 0; i < NATIVE_LIBRARIES.size(); i++) {
				Path library = folder.resolve(NATIVE_LIBRARIES.get(i));
				if (!Files.isRegularFile(library) || Files.size(library) != expectedSizes[i]) {
					return false;
				}
			}
			return true;
		}
		catch (IOException e) {
			return false;
		}
	}

	private static Engine loadEngine(Path libraryFolder) {
		try {
			return Engine.getEngine(ENGINE_NAME);
		}
		catch (RuntimeException | LinkageError e) {
			throw new EngineUnavailableException("TensorFlow " + TENSORFLOW_VERSION +
				" could not be loaded from " + libraryFolder + " (" + rootMessage(e) + "). " +
				"If that folder is PumaSeg's cache, delete it so that the libraries are copied " +
				"again; if you set " + LIBRARY_PATH_KEY + ", point it to TensorFlow " +
				TENSORFLOW_VERSION + " natives or unset it.", e);
		}
	}

	private static String rootMessage(Throwable e) {
		Throwable root = e;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName() + ": " + root.getMessage();
	}

	private static void deleteRecursively(Path folder) throws IOException {
		try (Stream<Path> paths = Files.walk(folder)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

	private static void deleteQuietly(Path folder) {
		try {
			deleteRecursively(folder);
		}
		catch (IOException e) {
			LOG.warn("Could not delete the temporary folder {}: {}", folder, e.toString());
		}
	}
}
