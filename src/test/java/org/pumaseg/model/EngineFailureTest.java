package org.pumaseg.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Engine start-up failures and repairs, each in a fresh JVM. */
class EngineFailureTest {

	private static final String NATIVES_IN_CACHE =
		"javacpp/tensorflow-core-api-0.5.0-linux-x86_64.jar/" +
			TensorFlowRuntime.NATIVE_RESOURCE_FOLDER;

	@Test
	void truncatedCacheIsReplaced(@TempDir Path cache) throws Exception {
		startIn(cache);
		Path library = cache.resolve(NATIVES_IN_CACHE + "libtensorflow_framework.so.2");
		long size = Files.size(library);
		Files.write(library, new byte[1000]);

		ChildJvm.Result result = startIn(cache);

		assertEquals(0, result.exitCode(), result.output());
		assertTrue(result.output().contains("probe started TensorFlow 2.10.1"), result.output());
		assertTrue(result.output().contains("Replacing the incomplete or damaged"), result
			.output());
		assertEquals(size, Files.size(library));
	}

	@Test
	void corruptCacheGivesOneMessage(@TempDir Path cache) throws Exception {
		startIn(cache);
		// Same size and time stamp as the jar entry, so the copy looks intact, but no ELF file.
		Path library = cache.resolve(NATIVES_IN_CACHE + "libjnitensorflow.so");
		FileTime modified = Files.getLastModifiedTime(library);
		Files.write(library, new byte[(int) Files.size(library)]);
		Files.setLastModifiedTime(library, modified);

		ChildJvm.Result result = startIn(cache);

		assertEquals(3, result.exitCode(), result.output());
		assertTrue(result.output().contains("probe unavailable: TensorFlow 2.10.1 could not " +
			"be loaded from " + library.getParent()), result.output());
		assertTrue(result.output().contains("delete that folder"), result.output());
		assertFalse(result.output().contains("\tat "), "stack trace: " + result.output());
	}

	@Test
	void missingNativesJarIsNamed(@TempDir Path cache) throws Exception {
		String classPath = Arrays.stream(System.getProperty("java.class.path").split(
			File.pathSeparator)).filter(entry -> !entry.contains("tensorflow-core-api")).collect(
				Collectors.joining(File.pathSeparator));

		ChildJvm.Result result = ChildJvm.run(List.of(), List.of("-cp", classPath), Map.of(
			"PUMASEG_CACHE_DIR", cache.toString()), "start");

		assertEquals(3, result.exitCode(), result.output());
		assertTrue(result.output().contains(
			"org.tensorflow:tensorflow-core-api:0.5.0:linux-x86_64 is not on the class path"),
			result.output());
	}

	@Test
	void unsupportedPlatformIsNamed(@TempDir Path cache) throws Exception {
		ChildJvm.Result result = ChildJvm.run(List.of(), List.of("-Dos.arch=aarch64"), Map.of(
			"PUMASEG_CACHE_DIR", cache.toString()), "start");

		assertEquals(3, result.exitCode(), result.output());
		assertTrue(result.output().contains("runs on Linux x86-64 only"), result.output());
		assertTrue(result.output().contains("aarch64"), result.output());
	}

	@Test
	void unusableCacheFallsBackWithWarning(@TempDir Path folder) throws Exception {
		Path cacheFile = Files.writeString(folder.resolve("cache-is-a-file"), "");

		ChildJvm.Result result = startIn(cacheFile);

		assertEquals(0, result.exitCode(), result.output());
		assertTrue(result.output().contains("probe started TensorFlow 2.10.1"), result.output());
		assertTrue(result.output().contains("is not usable"), result.output());
		assertTrue(result.output().contains("Set PUMASEG_CACHE_DIR to a writable folder"),
			result.output());
	}

	private static ChildJvm.Result startIn(Path cache) throws Exception {
		return ChildJvm.run(List.of(), List.of(), Map.of("PUMASEG_CACHE_DIR", cache.toString()),
			"start");
	}
}
