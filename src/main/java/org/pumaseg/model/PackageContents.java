package org.pumaseg.model;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The files that go into a model package next to rdf.yaml, each under the path that rdf.yaml
 * names: files or folders to copy (the SavedModel folder), arrays to save as .npy (test
 * tensors) and texts (the model card).
 */
public final class PackageContents {

	/** Source of one package file. */
	sealed interface Item {}

	record CopyOf(Path path) implements Item {}

	record Array(NpyArray array) implements Item {}

	record Bytes(byte[] bytes) implements Item {}

	private final Map<String, Item> items = new LinkedHashMap<>();

	/** Copies a file, or a folder with everything in it, to {@code packagePath}. */
	public PackageContents copy(String packagePath, Path file) {
		return put(packagePath, new CopyOf(Objects.requireNonNull(file)));
	}

	/** Saves {@code array} as a .npy file at {@code packagePath}. */
	public PackageContents npy(String packagePath, NpyArray array) {
		return put(packagePath, new Array(Objects.requireNonNull(array)));
	}

	/** Writes {@code text} as UTF-8 to {@code packagePath}. */
	public PackageContents text(String packagePath, String text) {
		return put(packagePath, new Bytes(text.getBytes(StandardCharsets.UTF_8)));
	}

	private PackageContents put(String packagePath, Item item) {
		String path = packagePath.endsWith("/") ? packagePath.substring(0, packagePath.length() -
			1) : packagePath;
		if (items.putIfAbsent(path, item) != null) {
			throw new IllegalArgumentException("The package already has a file '" + path + "'.");
		}
		return this;
	}

	Map<String, Item> items() {
		return Collections.unmodifiableMap(items);
	}
}
