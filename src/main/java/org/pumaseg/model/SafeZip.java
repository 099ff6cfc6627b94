package org.pumaseg.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Unpacks a zip file into a folder after checking every entry: the path stays inside the
 * folder (no {@code ..}, no absolute or drive paths, no backslashes), the entry is a plain
 * file or folder (no symbolic links or devices), no two entries share a name (also not by
 * case, which would clash on Windows and macOS, and not a file with a folder), nothing is
 * encrypted, and the {@link ZipLimits} hold. The central directory is the one authority on
 * the entries; sizes are counted again while unpacking.
 * <p>
 * Operating-system litter ({@code __MACOSX/}, {@code .DS_Store}, {@code Thumbs.db}) is
 * skipped.
 */
final class SafeZip {

	private static final int UNIX_FILE_TYPE_MASK = 0170000;
	private static final int UNIX_REGULAR_FILE = 0100000;
	private static final int UNIX_DIRECTORY = 0040000;
	private static final int UNIX_SYMBOLIC_LINK = 0120000;

	private final PackageErrors errors;
	private final ZipLimits limits;

	SafeZip(PackageErrors errors, ZipLimits limits) {
		this.errors = errors;
		this.limits = limits;
	}

	/** Returns true for files that archivers and file managers add, never part of a package. */
	static boolean isLitter(String path) {
		String name = path.substring(path.lastIndexOf('/') + 1);
		return path.startsWith("__MACOSX/") || path.equals("__MACOSX") || name.equals(
			".DS_Store") || name.equals("Thumbs.db") || name.equals("desktop.ini");
	}

	/** True when the file starts like a zip (a local header or an empty archive). */
	static boolean looksLikeZip(Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			byte[] start = in.readNBytes(4);
			return start.length == 4 && start[0] == 'P' && start[1] == 'K' && ((start[2] == 3 &&
				start[3] == 4) || (start[2] == 5 && start[3] == 6));
		}
	}

	/** Checks and lists the entries of {@code zip}: relative paths, folders ending with '/'. */
	List<String> list(Path zip) {
		try (ZipFile file = open(zip)) {
			return check(file, Files.size(zip)).names;
		}
		catch (IOException e) {
			throw unreadable(zip, e);
		}
	}

	/**
	 * Checks all entries, then unpacks them into {@code folder}, which must exist and be
	 * empty. On failure the folder may contain part of the content; the caller deletes it.
	 */
	void extract(Path zip, Path folder) {
		try (ZipFile file = open(zip)) {
			Checked checked = check(file, Files.size(zip));
			long total = 0;
			for (ZipArchiveEntry entry : checked.entries) {
				String name = normalise(entry.getName());
				Path target = folder.resolve(name).normalize();
				if (!target.startsWith(folder)) {
					throw errors.entry(entry.getName(), "leaves the package folder",
						"re-create the zip from the package folder's contents.");
				}
				if (entry.isDirectory()) {
					Files.createDirectories(target);
					continue;
				}
				Files.createDirectories(target.getParent());
				total += copy(file, entry, target, limits.maxTotalBytes() - total);
			}
		}
		catch (IOException e) {
			throw unreadable(zip, e);
		}
	}

	private static ZipFile open(Path zip) throws IOException {
		return ZipFile.builder().setPath(zip).get();
	}

	private static final class Checked {
		final List<ZipArchiveEntry> entries = new ArrayList<>();
		final List<String> names = new ArrayList<>();
	}

	private Checked check(ZipFile file, long zipBytes) {
		List<ZipArchiveEntry> entries = Collections.list(file.getEntriesInPhysicalOrder());
		if (entries.size() > limits.maxEntries()) {
			throw errors.whole("the zip has " + entries.size() + " entries, more than the " +
				limits.maxEntries() + " a model package may have", "remove files the model does " +
					"not need.", null);
		}

		Checked checked = new Checked();
		Map<String, String> seen = new HashMap<>();
		long declaredTotal = 0;
		for (ZipArchiveEntry entry : entries) {
			String raw = entry.getName();
			String name = normalise(raw);
			if (name.isEmpty() || isLitter(name)) {
				continue;
			}
			checkType(entry);
			if (!file.canReadEntryData(entry)) {
				throw errors.entry(raw, "is encrypted or uses a compression method PumaSeg " +
					"cannot read", "zip the package without a password, with the usual 'deflate' " +
						"compression.");
			}

			String key = name.toLowerCase(Locale.ROOT);
			String directoryKey = key.endsWith("/") ? key.substring(0, key.length() - 1) : key;
			String previous = seen.putIfAbsent(directoryKey, raw);
			if (previous != null) {
				boolean bothFolders = entry.isDirectory() && previous.endsWith("/");
				if (!bothFolders) {
					throw errors.entry(raw, "has the same name as the entry '" + previous +
						"' (letter case ignored, as on Windows and macOS)", "re-create the zip " +
							"with each file once.");
				}
			}

			long size = entry.getSize();
			long compressed = entry.getCompressedSize();
			if (size > limits.maxEntryBytes()) {
				throw errors.entry(raw, "unpacks to " + size + " bytes, more than the limit of " +
					limits.maxEntryBytes(), "keep each file of the package below that size.");
			}
			if (size > limits.ratioFloorBytes() && compressed > 0 && (double) size /
				compressed > limits.maxCompressionRatio())
			{
				throw errors.entry(raw, "unpacks " + compressed + " bytes into " + size +
					" bytes (ratio " + Math.round((double) size / compressed) + ":1, limit " + Math
						.round(limits.maxCompressionRatio()) + ":1), as zip bombs do",
					"do not open this file; if you made it, remove the highly repetitive content.");
			}
			declaredTotal += Math.max(size, 0);
			checked.entries.add(entry);
			checked.names.add(name);
		}

		if (declaredTotal > limits.maxTotalBytes()) {
			throw errors.whole("the zip unpacks to " + declaredTotal + " bytes, more than the " +
				"limit of " + limits.maxTotalBytes(), "remove files the model does not need.",
				null);
		}
		if (declaredTotal > limits.ratioFloorBytes() && zipBytes > 0 && (double) declaredTotal /
			zipBytes > limits.maxCompressionRatio())
		{
			throw errors.whole("the zip of " + zipBytes + " bytes unpacks to " + declaredTotal +
				" bytes, more than " + Math.round(limits.maxCompressionRatio()) +
				" times its size, as zip bombs do", "do not open this file.", null);
		}
		checkFileFolderClashes(checked.names);
		return checked;
	}

	private void checkType(ZipArchiveEntry entry) {
		if (entry.isUnixSymlink()) {
			throw errors.entry(entry.getName(), "is a symbolic link", "replace the link by the " +
				"file it points to, or remove it.");
		}
		if (entry.getPlatform() == ZipArchiveEntry.PLATFORM_UNIX) {
			int type = entry.getUnixMode() & UNIX_FILE_TYPE_MASK;
			if (type != 0 && type != UNIX_REGULAR_FILE && type != UNIX_DIRECTORY) {
				throw errors.entry(entry.getName(), "is a special file (" + (type ==
					UNIX_SYMBOLIC_LINK ? "link" : "device, pipe or socket") + "), not a plain file",
					"keep only plain files and folders in the package.");
			}
		}
	}

	/** Rejects a file 'a' next to an entry 'a/b', which would make 'a' a file and a folder. */
	private void checkFileFolderClashes(List<String> names) {
		java.util.Set<String> files = new java.util.HashSet<>();
		for (String name : names) {
			if (!name.endsWith("/")) {
				files.add(name.toLowerCase(Locale.ROOT));
			}
		}
		for (String name : names) {
			String lower = name.toLowerCase(Locale.ROOT);
			for (int slash = lower.indexOf('/'); slash > 0 && slash < lower.length() - 1; slash =
				lower.indexOf('/', slash + 1))
			{
				if (files.contains(lower.substring(0, slash))) {
					throw errors.entry(name, "lies inside '" + name.substring(0, slash) +
						"', which the zip also holds as a file", "re-create the zip from the " +
							"package folder.");
				}
			}
		}
	}

	/**
	 * Returns the entry path with '.' parts dropped, and rejects paths that could leave the folder or
	 * that mean different things on different systems.
	 */
	private String normalise(String raw) {
		if (raw.indexOf('\\') >= 0) {
			throw errors.entry(raw, "uses '\\' in its path, which some systems read as a " +
				"folder separator", "re-create the zip with a tool that writes '/' separators.");
		}
		if (raw.startsWith("/") || raw.matches("^[A-Za-z]:.*") || raw.indexOf('\0') >= 0) {
			throw errors.entry(raw, "has an absolute path, which would be unpacked outside the " +
				"package", "re-create the zip from the package folder's contents, with relative " +
					"paths.");
		}
		boolean directory = raw.endsWith("/");
		List<String> parts = new ArrayList<>();
		for (String part : raw.split("/")) {
			if (part.equals("..")) {
				throw errors.entry(raw, "contains '..', which would unpack it outside the " +
					"package (zip slip)", "do not open this file; if you made it, zip the " +
						"package folder's contents without '..' in any path.");
			}
			if (!part.isEmpty() && !part.equals(".")) {
				parts.add(part);
			}
		}
		String name = String.join("/", parts);
		return directory && !name.isEmpty() ? name + "/" : name;
	}

	/** Copies one entry, counting bytes against its declared size and the limits. */
	private long copy(ZipFile file, ZipArchiveEntry entry, Path target, long totalLeft)
		throws IOException
	{
		long declared = entry.getSize();
		long allowed = Math.min(limits.maxEntryBytes(), totalLeft);
		byte[] buffer = new byte[64 * 1024];
		long written = 0;
		try (InputStream in = file.getInputStream(entry);
			OutputStream out = Files.newOutputStream(target))
		{
			int read;
			while ((read = in.read(buffer)) >= 0) {
				written += read;
				if (declared >= 0 && written > declared) {
					throw errors.entry(entry.getName(), "contains more bytes than the " + declared +
						" its header declares", "do not open this file: it is damaged or made " +
							"to fool size checks.");
				}
				if (written > allowed) {
					throw errors.entry(entry.getName(), "unpacks to more than " + allowed +
						" bytes, beyond the size limits", "do not open this file, or remove " +
							"files the model does not need.");
				}
				out.write(buffer, 0, read);
			}
		}
		return written;
	}

	private RuntimeException unreadable(Path zip, IOException e) {
		return errors.whole("the zip file cannot be read (" + e.getMessage() + ")",
			"check that " + zip.getFileName() + " is a complete, undamaged zip file.", e);
	}
}
