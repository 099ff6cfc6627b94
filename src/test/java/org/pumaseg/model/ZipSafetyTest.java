package org.pumaseg.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pumaseg.InvalidInputException;

/**
 * Hostile and broken zip files: each is rejected before anything is unpacked, or while
 * unpacking into a temporary folder that is then removed, and nothing lands outside the
 * cache.
 */
class ZipSafetyTest {

	@TempDir
	Path folder;

	private Path valid;
	private Path cache;

	@BeforeEach
	void writeValidPackage() throws IOException {
		cache = folder.resolve("cache");
		valid = folder.resolve("valid");
		TestPackages.write(valid, cache);
	}

	interface Entries {
		void add(ZipBuilder zip) throws IOException;
	}

	static Stream<Arguments> hostileZips() {
		byte[] text = "pwned".getBytes(StandardCharsets.UTF_8);
		return Stream.of(
			Arguments.of("zip slip", (Entries) zip -> zip.add("../evil.txt", text),
				List.of("zip entry '../evil.txt'", "zip slip")),
			Arguments.of("zip slip inside a path", (Entries) zip -> zip.add(
				"tf_saved_model/../../../evil.txt", text), List.of("contains '..'")),
			Arguments.of("absolute path", (Entries) zip -> zip.add("/tmp/evil.txt", text), List.of(
				"zip entry '/tmp/evil.txt'", "absolute path")),
			Arguments.of("drive letter", (Entries) zip -> zip.add("C:/evil.txt", text), List.of(
				"absolute path")),
			Arguments.of("zip slip with Windows separators", (Entries) zip -> zip.add(
				"..\\evil.txt", text), List.of("contains '..'")),
			Arguments.of("backslashes", (Entries) zip -> zip.add("tf_saved_model/..\\evil.txt",
				text), List.of("uses '\\'")),
			Arguments.of("symbolic link", (Entries) zip -> zip.addSymlink(
				"tf_saved_model/variables/passwd", "/etc/passwd"), List.of(
					"zip entry 'tf_saved_model/variables/passwd'", "symbolic link")),
			Arguments.of("duplicate name", (Entries) zip -> zip.add("README.md", text), List.of(
				"zip entry 'README.md'", "same name")),
			Arguments.of("name differing in case only", (Entries) zip -> zip.add("readme.MD",
				text), List.of("zip entry 'readme.MD'", "same name", "letter case")),
			Arguments.of("file used as a folder", (Entries) zip -> zip.add("README.md/notes.txt",
				text), List.of("inside 'README.md'")),
			Arguments.of("zip bomb", (Entries) zip -> zip.addZeros("zeros.bin", 64L << 20),
				List.of("zip entry 'zeros.bin'", "zip bombs")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("hostileZips")
	void hostileZipsAreRejectedAndNothingIsUnpacked(String name, Entries hostile,
		List<String> expected) throws IOException
	{
		Path zip = folder.resolve("model.zip");
		try (ZipBuilder builder = new ZipBuilder(zip)) {
			builder.addTree(valid, "");
			hostile.add(builder);
		}

		InvalidInputException error = assertThrows(InvalidInputException.class,
			() -> ModelPackage.open(zip, cache, ZipLimits.DEFAULT));

		String message = error.getMessage();
		assertTrue(message.startsWith("Model package 'model.zip'"), message);
		assertTrue(message.contains("Fix: "), message);
		for (String part : expected) {
			assertTrue(message.contains(part), "'" + part + "' missing from: " + message);
		}
		assertNothingUnpacked();
	}

	@Test
	void sizeLimitsHold() throws IOException {
		Path zip = folder.resolve("model.zip");
		ModelPackageWriter.zip(valid, zip);

		ZipLimits tooFewEntries = new ZipLimits(3, 1 << 30, 1 << 30, 100, 0);
		InvalidInputException entries = assertThrows(InvalidInputException.class,
			() -> ModelPackage.open(zip, cache, tooFewEntries));
		assertTrue(entries.getMessage().contains("more than the 3 a model package may have"),
			entries.getMessage());

		ZipLimits smallTotal = new ZipLimits(100, 1 << 30, 100_000, 100, 1 << 30);
		InvalidInputException total = assertThrows(InvalidInputException.class,
			() -> ModelPackage.open(zip, cache, smallTotal));
		assertTrue(total.getMessage().contains("more than the limit of 100000"), total
			.getMessage());

		ZipLimits smallEntries = new ZipLimits(100, 10_000, 1 << 30, 100, 1 << 30);
		InvalidInputException entry = assertThrows(InvalidInputException.class,
			() -> ModelPackage.open(zip, cache, smallEntries));
		assertTrue(entry.getMessage().contains("more than the limit of 10000"), entry
			.getMessage());
		assertNothingUnpacked();
	}

	/** An entry whose header declares fewer bytes than it contains is caught while unpacking. */
	@Test
	void entriesLyingAboutTheirSizeAreCaught() throws IOException {
		Path zip = folder.resolve("model.zip");
		byte[] notes = "a".repeat(100_000).getBytes(StandardCharsets.US_ASCII);
		try (ZipBuilder builder = new ZipBuilder(zip)) {
			builder.addTree(valid, "");
			builder.add("notes.txt", notes);
		}
		declareSize(zip, "notes.txt", 100);

		InvalidInputException error = assertThrows(InvalidInputException.class,
			() -> ModelPackage.open(zip, cache, ZipLimits.DEFAULT));

		assertTrue(error.getMessage().contains("zip entry 'notes.txt'"), error.getMessage());
		assertTrue(error.getMessage().contains("more bytes than the 100 its header declares"),
			error.getMessage());
		assertNothingUnpacked();
	}

	@Test
	void descriptionMustBeAtTheTop() throws IOException {
		Path zip = folder.resolve("model.zip");
		try (ZipBuilder builder = new ZipBuilder(zip)) {
			builder.addTree(valid, "valid/");
		}

		InvalidInputException error = assertThrows(InvalidInputException.class,
			() -> ModelPackage.open(zip, cache, ZipLimits.DEFAULT));

		assertTrue(error.getMessage().contains("zip entry 'valid/rdf.yaml'"), error.getMessage());
		assertTrue(error.getMessage().contains("not the folder itself"), error.getMessage());
	}

	@Test
	void zippedWeightsAreCheckedLikePackages() throws IOException {
		Path weights = folder.resolve("tf_weights.zip");
		try (ZipBuilder builder = new ZipBuilder(weights)) {
			builder.add("saved_model.pb", new byte[] { 8 });
			builder.add("../../evil.pb", new byte[] { 8 });
		}
		Path root = folder.resolve("zipped-weights");
		ModelPackage.deleteRecursively(root);
		Files.createDirectories(root);
		try (Stream<Path> files = Files.list(valid)) {
			for (Path file : files.toList()) {
				if (Files.isRegularFile(file)) {
					Files.copy(file, root.resolve(file.getFileName()));
				}
			}
		}
		Files.copy(weights, root.resolve("tf_weights.zip"));
		String rdf = Files.readString(root.resolve("rdf.yaml")).replace("source: tf_saved_model",
			"source: tf_weights.zip");
		Files.writeString(root.resolve("rdf.yaml"), rdf);

		InvalidInputException error = assertThrows(InvalidInputException.class,
			() -> ModelPackage.open(root, cache, ZipLimits.DEFAULT));

		assertTrue(error.getMessage().startsWith("Model package 'zipped-weights' > " +
			"'tf_weights.zip', zip entry '../../evil.pb'"), error.getMessage());
		assertFalse(Files.exists(cache.resolve("saved-models").resolve("../../evil.pb")));
		ModelPackageTest.assertNoLeftovers(cache);
	}

	@Test
	void cacheFoldersArePrivate() throws IOException {
		Path zip = folder.resolve("model.zip");
		ModelPackageWriter.zip(valid, zip);

		ModelPackage opened = ModelPackage.open(zip, cache, ZipLimits.DEFAULT);

		Path packages = opened.root().getParent();
		if (packages.getFileSystem().supportedFileAttributeViews().contains("posix")) {
			assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
				packages)));
		}
		assertEquals(TestPackages.nucleiModel(), opened.description());
	}

	private void assertNothingUnpacked() throws IOException {
		Path packages = cache.resolve("model-packages");
		if (Files.isDirectory(packages)) {
			try (Stream<Path> children = Files.list(packages)) {
				assertEquals(List.of(), children.toList(), "nothing unpacked into the cache");
			}
		}
		// The test's own folder holds the cache, so a slipped entry would land in it. The
		// shared temporary folder is not walked: other processes create and delete files there.
		try (Stream<Path> all = Files.walk(folder)) {
			assertEquals(List.of(), all.filter(path -> path.getFileName().toString().equals(
				"evil.txt")).toList(), "nothing written outside the cache");
		}
		assertFalse(Files.exists(Path.of("/tmp/evil.txt")), "absolute entry written");
		ModelPackageTest.assertNoLeftovers(folder);
	}

	/** Overwrites the uncompressed size of {@code name} in the zip's central directory. */
	private static void declareSize(Path zip, String name, int size) throws IOException {
		byte[] bytes = Files.readAllBytes(zip);
		ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
		byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
		boolean patched = false;
		for (int i = 0; i + 46 < bytes.length; i++) {
			if (buffer.getInt(i) != 0x02014b50) {
				continue;
			}
			int nameLength = buffer.getShort(i + 28) & 0xffff;
			String entryName = new String(bytes, i + 46, nameLength, StandardCharsets.UTF_8);
			if (nameLength == nameBytes.length && entryName.equals(name)) {
				buffer.putInt(i + 24, size);
				patched = true;
			}
		}
		assertTrue(patched, "central directory entry found");
		Files.write(zip, bytes);
	}
}
