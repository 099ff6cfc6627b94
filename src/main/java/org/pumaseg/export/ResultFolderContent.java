package org.pumaseg.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The current content of the path where a result folder goes, which decides whether PumaSeg
 * may keep or replace it. A folder is a complete result folder when it contains
 * {@value ResultFolderWriter#SUMMARY} and {@value ResultFolderWriter#NUCLEI_GEOJSON}; its
 * other entries are sorted into the files {@link ResultFolderWriter} writes and the rest.
 *
 * @param folder the path examined
 * @param kind what the path is
 * @param missingFiles for a folder that is not complete, the marker files it lacks
 * @param otherEntries names of the entries that {@link ResultFolderWriter} never writes,
 *          sorted (user notes, {@code pumaseg til} outputs, subfolders)
 */
public record ResultFolderContent(Path folder, Kind kind, List<String> missingFiles,
	List<String> otherEntries)
{

	/** Kind of entry at the path. */
	public enum Kind {
		/** Nothing exists under that name. */
		ABSENT,
		/** An empty folder, which can be replaced without losing anything. */
		EMPTY_FOLDER,
		/** A folder with {@value ResultFolderWriter#SUMMARY} and the nuclei file. */
		COMPLETE,
		/** A folder without {@value ResultFolderWriter#SUMMARY} or the nuclei file. */
		NOT_COMPLETE,
		/** A file or a link to one, not a folder. */
		FILE
	}

	public ResultFolderContent {
		missingFiles = List.copyOf(missingFiles);
		otherEntries = List.copyOf(otherEntries);
	}

	/**
	 * Examines {@code folder}, following a link to a folder as {@link Files#isDirectory} does.
	 *
	 * @throws UncheckedIOException when the folder cannot be listed
	 */
	public static ResultFolderContent of(Path folder) {
		if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
			return new ResultFolderContent(folder, Kind.ABSENT, List.of(), List.of());
		}
		if (!Files.isDirectory(folder)) {
			return new ResultFolderContent(folder, Kind.FILE, List.of(), List.of());
		}
		List<String> names;
		try (Stream<Path> entries = Files.list(folder)) {
			names = entries.map(entry -> entry.getFileName().toString()).sorted().toList();
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot list " + folder + ": " + e.getMessage(), e);
		}
		if (names.isEmpty()) {
			return new ResultFolderContent(folder, Kind.EMPTY_FOLDER, List.of(), List.of());
		}

		List<String> missing = new ArrayList<>();
		for (String marker : List.of(ResultFolderWriter.SUMMARY,
			ResultFolderWriter.NUCLEI_GEOJSON))
		{
			if (!Files.isRegularFile(folder.resolve(marker))) {
				missing.add(marker);
			}
		}
		List<String> others = new ArrayList<>();
		for (String name : names) {
			boolean regularFile = Files.isRegularFile(folder.resolve(name),
				LinkOption.NOFOLLOW_LINKS);
			if (!regularFile || !ResultFolderWriter.FILE_NAMES.contains(name)) {
				others.add(name);
			}
		}
		return new ResultFolderContent(folder, missing.isEmpty() ? Kind.COMPLETE
			: Kind.NOT_COMPLETE, missing, others);
	}

	/** Returns true when nothing exists under the folder's name. */
	public boolean absent() {
		return kind == Kind.ABSENT;
	}

	/**
	 * Returns true for a complete result folder, which {@code --skip-existing} keeps, whatever
	 * other files it contains.
	 */
	public boolean complete() {
		return kind == Kind.COMPLETE;
	}

	/**
	 * Returns true when writing a new result folder in its place loses nothing but PumaSeg's
	 * own results: nothing exists, an empty folder, or a complete result folder that contains only
	 * files PumaSeg writes.
	 */
	public boolean replaceable() {
		return kind == Kind.ABSENT || kind == Kind.EMPTY_FOLDER || kind == Kind.COMPLETE &&
			otherEntries.isEmpty();
	}

	/**
	 * Describes, in a sentence that names the folder, why this is not a complete result folder.
	 * Returns null for a complete result folder or an absent one.
	 */
	public String problem() {
		return switch (kind) {
			case ABSENT, COMPLETE -> null;
			case EMPTY_FOLDER -> "The folder " + folder + " is empty.";
			case FILE -> folder + " is a file, not a result folder.";
			case NOT_COMPLETE -> notCompleteProblem();
		};
	}

	private String notCompleteProblem() {
		String missing = String.join(" and ", missingFiles) + (missingFiles.size() == 1 ? " is"
			: " are") + " missing";
		if (otherEntries.isEmpty()) {
			return "The folder " + folder + " is an incomplete result folder: " + missing + ".";
		}
		return "The folder " + folder + " is not a PumaSeg result folder: " + missing +
			", and it contains files PumaSeg does not write (" + names(otherEntries) + ").";
	}

	/** Lists up to 5 names, then how many more there are. */
	static String names(List<String> names) {
		int listed = Math.min(names.size(), 5);
		String list = String.join(", ", names.subList(0, listed));
		return names.size() > listed ? list + " and " + (names.size() - listed) + " more" : list;
	}
}
