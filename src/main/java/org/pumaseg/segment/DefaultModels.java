package org.pumaseg.segment;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.pumaseg.InvalidInputException;
import org.pumaseg.model.TensorFlowRuntime;

/**
 * Finds the default model packages {@value #NUCLEI} and {@value #TISSUE}.
 * <p>
 * The folder named by the system property {@code pumaseg.models.dir} comes first (the
 * {@code ./pumaseg} launcher sets it to the repository's {@code models} folder). Otherwise the
 * packages come from the class path, where the build puts them under {@code pumaseg-models/}:
 * as plain folders when PumaSeg runs from its build output, or copied once out of the jar into
 * PumaSeg's cache folder when it runs from a jar (Fiji).
 */
public final class DefaultModels {

	public static final String DIRECTORY_PROPERTY = "pumaseg.models.dir";
	public static final String NUCLEI = "nuclei-default";
	public static final String TISSUE = "tissue-default";
	static final String RESOURCE_FOLDER = "pumaseg-models/";

	private DefaultModels() {}

	/** Returns the default nuclei model package. */
	public static Path nuclei() {
		return find(NUCLEI);
	}

	/** Returns the default tissue model package. */
	public static Path tissue() {
		return find(TISSUE);
	}

	private static synchronized Path find(String name) {
		String folder = System.getProperty(DIRECTORY_PROPERTY);
		if (folder != null && !folder.isBlank()) {
			Path path = Paths.get(folder, name);
			if (!Files.isDirectory(path)) {
				throw missing(path.toString());
			}
			return path;
		}
		URL description = DefaultModels.class.getClassLoader().getResource(RESOURCE_FOLDER +
			name + "/rdf.yaml");
		if (description == null) {
			throw missing(RESOURCE_FOLDER + name + " on the class path");
		}
		try {
			if (description.getProtocol().equals("file")) {
				return Paths.get(description.toURI()).getParent();
			}
			return extractFromJar(description, name);
		}
		catch (IOException | URISyntaxException e) {
			throw new InvalidInputException("Could not copy the default model " + name +
				" to the cache folder " + TensorFlowRuntime.cacheDirectory() + " (" + e
					.getMessage() + "). Free disk space there, or set " +
				TensorFlowRuntime.CACHE_DIR_VARIABLE + " to a writable folder.", e);
		}
	}

	/**
	 * Copies the package folder out of the jar into the cache, keyed by the jar's size and time
	 * stamp so that an updated jar gets a fresh copy, and returns the copy.
	 */
	private static Path extractFromJar(URL description, String name) throws IOException,
		URISyntaxException
	{
		String url = description.toString();
		Path jar = Paths.get(new java.net.URI(url.substring("jar:".length(), url.indexOf("!/"))));
		String key = Files.size(jar) + "-" + Files.getLastModifiedTime(jar).toMillis();
		Path target = TensorFlowRuntime.cacheDirectory().resolve("default-models").resolve(key)
			.resolve(name);
		if (Files.isRegularFile(target.resolve("rdf.yaml"))) {
			return target;
		}
		Path temporary = Files.createTempDirectory(Files.createDirectories(target.getParent()),
			"." + name);
		String prefix = RESOURCE_FOLDER + name + "/";
		try (JarFile file = new JarFile(jar.toFile())) {
			Enumeration<JarEntry> entries = file.entries();
			while (entries.hasMoreElements()) {
				JarEntry entry = entries.nextElement();
				if (!entry.getName().startsWith(prefix) || entry.isDirectory() || entry.getName()
					.contains(".."))
				{
					continue;
				}
				Path out = temporary.resolve(entry.getName().substring(prefix.length()));
				Files.createDirectories(out.getParent());
				try (InputStream in = file.getInputStream(entry)) {
					Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
				}
			}
		}
		try {
			Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException e) {
			// Another process copied it first; its copy is complete because it was moved.
			if (!Files.isRegularFile(target.resolve("rdf.yaml"))) {
				throw e;
			}
		}
		return target;
	}

	private static InvalidInputException missing(String where) {
		return new InvalidInputException("The default model is missing (" + where + "). Give a " +
			"model package with --nuclei-model / --tissue-model (in Fiji: the model fields), " +
			"or reinstall PumaSeg.");
	}
}
