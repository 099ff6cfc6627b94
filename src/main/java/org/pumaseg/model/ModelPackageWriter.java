package org.pumaseg.model;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.pumaseg.OutputFiles;

/**
 * Writes a model package folder: rdf.yaml from a {@link ModelDescription} plus the files of
 * {@link PackageContents}. The package is assembled in a hidden folder next to the target,
 * opened and validated like any package ({@link ModelPackage#open}), checked to read back as
 * the same description, and only then renamed to the target; on any failure nothing is left
 * behind.
 */
public final class ModelPackageWriter {

	private ModelPackageWriter() {}

	/**
	 * Writes the package to {@code folder}, which must not exist yet.
	 *
	 * @return the opened, validated package
	 * @throws org.pumaseg.InvalidInputException when the description breaks a rule, a named
	 *           file is not in {@code contents} or is invalid, or {@code folder} exists
	 */
	public static ModelPackage write(ModelDescription description, PackageContents contents,
		Path folder)
	{
		return write(description, contents, folder, ModelPackage.defaultCacheDirectory());
	}

	/** As {@link #write(ModelDescription, PackageContents, Path)} with a given cache folder. */
	public static ModelPackage write(ModelDescription description, PackageContents contents,
		Path folder, Path cacheDirectory)
	{
		String name = String.valueOf(folder.getFileName());
		PackageErrors errors = new PackageErrors(name);
		RdfYaml.validate(description, name);
		if (Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
			throw errors.whole("cannot be written: " + folder.toAbsolutePath() + " already exists",
				"choose a new folder, or delete the old package first.", null);
		}

		Path parent = folder.toAbsolutePath().getParent();
		Path temporary = null;
		try {
			Files.createDirectories(parent);
			// Not Files.createTempDirectory, which makes the folder private to its owner.
			temporary = OutputFiles.temporarySibling(folder.toAbsolutePath());
			Files.createDirectory(temporary);
			RdfValidator pathCheck = new RdfValidator(errors);
			for (Map.Entry<String, PackageContents.Item> item : contents.items().entrySet()) {
				pathCheck.checkPath("package contents", item.getKey(), false);
				writeItem(temporary.resolve(item.getKey()), item.getValue(), errors, item.getKey());
			}
			Files.writeString(temporary.resolve("rdf.yaml"), RdfYaml.write(description),
				StandardCharsets.UTF_8);

			ModelDescription readBack = ModelPackage.validateFolder(temporary, name,
				cacheDirectory);
			if (!readBack.equals(description)) {
				throw new IllegalStateException("rdf.yaml of " + name + " does not read back as " +
					"the description that was written:\n" + description + "\n" + readBack);
			}
			Files.move(temporary, folder, StandardCopyOption.ATOMIC_MOVE);
			temporary = null;
		}
		catch (IOException e) {
			throw errors.whole("cannot be written (" + e.getMessage() + ")",
				"check that " + parent + " is writable and has space.", e);
		}
		finally {
			deleteQuietly(temporary);
		}
		return ModelPackage.open(folder, cacheDirectory, ZipLimits.DEFAULT);
	}

	/**
	 * Zips a package folder (e.g. for sharing or for the bioimage.io zoo): rdf.yaml and every
	 * file, with paths relative to the folder, in a stable order. Written to a temporary file
	 * first; {@code zipFile} must not exist yet.
	 */
	public static void zip(Path packageFolder, Path zipFile) {
		PackageErrors errors = new PackageErrors(String.valueOf(packageFolder.getFileName()));
		if (Files.exists(zipFile, LinkOption.NOFOLLOW_LINKS)) {
			throw errors.whole("cannot be zipped: " + zipFile + " already exists",
				"choose a new zip file name.", null);
		}
		PackageListing listing = PackageListing.of(packageFolder, errors);
		try {
			OutputFiles.writeAtomically(zipFile, false, temporary -> {
				try (OutputStream out = Files.newOutputStream(temporary);
					ZipOutputStream zip = new ZipOutputStream(out))
				{
					for (String file : listing.files()) {
						zip.putNextEntry(new ZipEntry(file));
						Files.copy(packageFolder.resolve(file), zip);
						zip.closeEntry();
					}
				}
			});
		}
		catch (IOException e) {
			throw errors.whole("cannot be zipped (" + e.getMessage() + ")",
				"check that the target folder is writable.", e);
		}
	}

	private static void writeItem(Path target, PackageContents.Item item, PackageErrors errors,
		String packagePath) throws IOException
	{
		Files.createDirectories(target.getParent());
		if (item instanceof PackageContents.Array) {
			Npy.write(target, ((PackageContents.Array) item).array());
		}
		else if (item instanceof PackageContents.Bytes) {
			Files.write(target, ((PackageContents.Bytes) item).bytes());
		}
		else {
			copy(((PackageContents.CopyOf) item).path(), target, errors, packagePath);
		}
	}

	/** Copies a file or a folder tree; links are rejected so the package contains real files. */
	private static void copy(Path source, Path target, PackageErrors errors, String packagePath)
		throws IOException
	{
		if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
			throw errors.file(packagePath, "should be copied from " + source +
				", which does not exist", "give an existing file or folder.");
		}
		List<Path> links = new ArrayList<>();
		Files.walkFileTree(source, new SimpleFileVisitor<>() {

			@Override
			public FileVisitResult preVisitDirectory(Path folder, BasicFileAttributes attributes)
				throws IOException
			{
				Files.createDirectories(target.resolve(source.relativize(folder).toString()));
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
				throws IOException
			{
				if (!attributes.isRegularFile()) {
					links.add(file);
					return FileVisitResult.CONTINUE;
				}
				Path destination = source.equals(file) ? target : target.resolve(source.relativize(
					file).toString());
				// A new file gets the user's default permissions; Files.copy would keep the
				// source's, and training scratch files are private to their owner.
				try (OutputStream out = Files.newOutputStream(destination,
					StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))
				{
					Files.copy(file, out);
				}
				return FileVisitResult.CONTINUE;
			}
		});
		if (!links.isEmpty()) {
			throw errors.file(packagePath, "should be copied from " + source + ", which contains " +
				"the link or special file " + links.get(0), "copy real files only.");
		}
	}

	private static void deleteQuietly(Path path) {
		if (path == null) {
			return;
		}
		try {
			if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
				ModelPackage.deleteRecursively(path);
			}
			else {
				Files.deleteIfExists(path);
			}
		}
		catch (IOException e) {
			// A hidden temporary file or folder stays behind; it is named after the target.
		}
	}
}
