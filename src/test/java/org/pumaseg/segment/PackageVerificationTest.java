package org.pumaseg.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pumaseg.cli.CliRun;
import org.pumaseg.testimages.SyntheticHeImage;

/** {@code segment} runs a package's test input before any image and refuses edited packages. */
class PackageVerificationTest {

	private static void copyTree(Path source, Path target) throws IOException {
		try (Stream<Path> walk = Files.walk(source)) {
			walk.forEach(path -> {
				try {
					Files.copy(path, target.resolve(source.relativize(path).toString()));
				}
				catch (IOException e) {
					throw new UncheckedIOException(e);
				}
			});
		}
	}

	@Test
	void editedPreprocessingIsRefused(@TempDir Path folder) throws Exception {
		Path edited = folder.resolve("nuclei edited");
		copyTree(Path.of("models", "nuclei-default"), edited);
		Path rdf = edited.resolve("rdf.yaml");
		String yaml = Files.readString(rdf);
		assertTrue(yaml.contains("gain: 0.00392156862745098"), "the bundled package changed");
		Files.writeString(rdf, yaml.replace("gain: 0.00392156862745098", "gain: 1.0"));
		Path output = folder.resolve("out");

		CliRun run = CliRun.run("segment", Path.of("test-images", SyntheticHeImage.DEFAULT_NAME)
			.toString(), "--out", output.toString(), "--nuclei-model", edited.toString(),
			"--no-tissue");

		assertEquals(2, run.exitCode(), run.err());
		assertTrue(run.err().contains("fails its own test"), run.err());
		assertTrue(run.err().contains("nuclei edited"), run.err());
		assertFalse(Files.exists(output.resolve("synthetic_he_512")));
	}
}
