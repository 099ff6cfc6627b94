package org.pumaseg.model;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.TreeSet;

/**
 * The files and folders of a package folder, as relative paths with '/' separators. Links and
 * special files are rejected: a package contains plain files only, so that it can be zipped,
 * copied and checked without surprises. Operating-system litter is skipped.
 */
final class PackageListing {

	private final Set<String> files = new TreeSet<>();
	private final Set<String> folders = new TreeSet<>();
	private String descriptionFile;

	private PackageListing() {}

	static PackageListing of(Path root, PackageErrors errors) {
		PackageListing listing = new PackageListing();
		try {
			Files.walkFileTree(root, new SimpleFileVisitor<>() {

				@Override
				public FileVisitResult preVisitDirectory(Path folder, BasicFileAttributes attributes) {
					if (folder.equals(root)) {
						return FileVisitResult.CONTINUE;
					}
					String path = relative(root, folder);
					if (SafeZip.isLitter(path)) {
						return FileVisitResult.SKIP_SUBTREE;
					}
					listing.folders.add(path);
					return FileVisitResult.CONTINUE;
				}

				@Override
				public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
					String path = relative(root, file);
					if (attributes.isSymbolicLink()) {
						throw errors.file(path, "is a symbolic link", "replace the link by the file " +
							"it points to, or remove it.");
					}
					if (!attributes.isRegularFile()) {
						throw errors.file(path, "is not a plain file", "remove it from the package.");
					}
					if (!SafeZip.isLitter(path)) {
						listing.files.add(path);
					}
					return FileVisitResult.CONTINUE;
				}
			});
		}
		catch (IOException e) {
			throw errors.whole("cannot be listed (" + e.getMessage() + ")",
				"check that the package folder is readable.", e);
		}
		listing.descriptionFile = findDescription(listing, errors);
		return listing;
	}

	private static String findDescription(PackageListing listing, PackageErrors errors) {
		String found = null;
		for (String name : ModelPackage.DESCRIPTION_FILES) {
			if (listing.files.contains(name)) {
				if (found != null) {
					throw errors.file(name, "is a second description next to " + found,
						"keep one description file, rdf.yaml.");
				}
				found = name;
			}
		}
		if (found != null) {
			return found;
		}
		for (String file : listing.files) {
			String name = file.substring(file.lastIndexOf('/') + 1);
			if (ModelPackage.DESCRIPTION_FILES.contains(name)) {
				throw errors.file(file, "is a description inside a sub-folder",
					"open the folder '" + file.substring(0, file.lastIndexOf('/')) +
						"' as the package.");
			}
		}
		throw errors.whole("has no rdf.yaml, so it is not a model package",
			"open a folder with rdf.yaml at its top, see " + PackageErrors.DOCS + ".", null);
	}

	private static String relative(Path root, Path path) {
		return root.relativize(path).toString().replace(java.io.File.separatorChar, '/');
	}

	Set<String> files() {
		return files;
	}

	Set<String> folders() {
		return folders;
	}

	/** rdf.yaml or bioimageio.yaml. */
	String descriptionFile() {
		return descriptionFile;
	}
}
