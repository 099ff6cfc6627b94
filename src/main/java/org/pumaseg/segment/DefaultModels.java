package org.pumaseg.segment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.pumaseg.InvalidInputException;

/**
 * Where the default model packages are: the folder named by the system property
 * {@code pumaseg.models.dir} (the {@code ./pumaseg} launcher sets it to the repository's
 * {@code models} folder), holding {@value #NUCLEI} and {@value #TISSUE}.
 */
public final class DefaultModels {

	public static final String DIRECTORY_PROPERTY = "pumaseg.models.dir";
	public static final String NUCLEI = "nuclei-default";
	public static final String TISSUE = "tissue-default";

	private DefaultModels() {}

	/** Returns the default nuclei model package. */
	public static Path nuclei() {
		return find(NUCLEI);
	}

	/** Returns the default tissue model package. */
	public static Path tissue() {
		return find(TISSUE);
	}

	private static Path find(String name) {
		String folder = System.getProperty(DIRECTORY_PROPERTY);
		if (folder == null || folder.isBlank()) {
			throw new InvalidInputException("No default " + name + " model is configured " +
				"(system property " + DIRECTORY_PROPERTY + " is not set). Give a model package " +
				"with --nuclei-model / --tissue-model, or run PumaSeg through ./pumaseg.");
		}
		Path path = Paths.get(folder, name);
		if (!Files.isDirectory(path)) {
			throw new InvalidInputException("The default model " + path + " is missing. Give a " +
				"model package with --nuclei-model / --tissue-model, or restore the models " +
				"folder of PumaSeg.");
		}
		return path;
	}
}
