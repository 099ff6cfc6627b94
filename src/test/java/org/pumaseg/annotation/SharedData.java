package org.pumaseg.annotation;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Locates the shared real-data folder next to the repository; tests skip when it is absent. */
public final class SharedData {

	private SharedData() {}

	public static Path folder(String relative) {
		Path folder = Paths.get("..", "shared", "data").resolve(relative);
		assumeTrue(Files.isDirectory(folder), "real data folder " + folder + " is absent");
		return folder;
	}

	/** Files under {@code relative} whose names end with {@code suffix}, sorted. */
	public static List<Path> files(String relative, String suffix) throws IOException {
		try (Stream<Path> walk = Files.walk(folder(relative))) {
			return walk.filter(path -> path.getFileName().toString().endsWith(suffix)).sorted()
				.collect(Collectors.toList());
		}
	}
}
