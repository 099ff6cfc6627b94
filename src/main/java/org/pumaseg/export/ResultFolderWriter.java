package org.pumaseg.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.pumaseg.InvalidInputException;
import org.pumaseg.OutputFiles;
import org.pumaseg.annotation.ChallengeJsonFormat;
import org.pumaseg.annotation.ClassifiedPolygon;
import org.pumaseg.annotation.GeoJsonFormat;
import org.pumaseg.annotation.TissueMaskTiff;
import org.pumaseg.annotation.Track;
import org.pumaseg.image.ImageFileWriter;
import org.pumaseg.image.RgbImage;
import org.pumaseg.label.LabelImage;
import org.pumaseg.result.DetectedNucleus;
import org.pumaseg.result.PanopticResult;
import org.pumaseg.tissue.TissueDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;

/**
 * Writes every file of one segmented image into {@code <output>/<image name>/}:
 * <ul>
 * <li>{@code nuclei.geojson}: QuPath detections with class, colour and measurements;</li>
 * <li>{@code nuclei.csv}: the {@link NucleusTable};</li>
 * <li>{@code nuclei-labels.tif} (32-bit, one id per nucleus) and {@code nuclei-classes.tif}
 * (8-bit, {@link ClassMaps} codes);</li>
 * <li>the challenge files: {@code <track slug>.json} and, with a tissue map,
 * {@code tissue-mask.tif} (codes 0 to 5);</li>
 * <li>with a tissue map, {@code tissue.geojson}: one QuPath annotation per connected region of
 * each tissue class, whose pixel-centre rasterisation gives back the tissue mask;</li>
 * <li>{@code overlay.png} and {@code summary.json}.</li>
 * </ul>
 * The files are written into a hidden temporary folder ({@link OutputFiles#temporarySibling})
 * that is renamed into place at the end, so a failure or a crash never leaves a half-written
 * result folder: a result folder under its own name is complete, and {@code summary.json} is
 * its last file. An existing result folder is replaced only when {@code overwrite} is set,
 * and only when it is complete and contains nothing but files this class writes
 * ({@link #checkTarget}); an empty folder under the result folder's name is replaced in any
 * case. Callers check that no result folder is or contains an input ({@code InputPaths}).
 */
public final class ResultFolderWriter {

	/** The nuclei as QuPath detections. */
	public static final String NUCLEI_GEOJSON = "nuclei.geojson";
	/** The tissue map in the challenge's mask codes, present when tissue was segmented. */
	public static final String TISSUE_MASK = "tissue-mask.tif";
	/** The tissue regions as QuPath annotations, present when tissue was segmented. */
	public static final String TISSUE_GEOJSON = "tissue.geojson";
	/** Counts, parameters and provenance; its presence marks a result folder. */
	public static final String SUMMARY = "summary.json";
	/** One row per nucleus. */
	public static final String NUCLEI_CSV = "nuclei.csv";
	/** 32-bit label image, one id per nucleus. */
	public static final String NUCLEI_LABELS = "nuclei-labels.tif";
	/** 8-bit image of {@link ClassMaps} nucleus class codes. */
	public static final String NUCLEI_CLASSES = "nuclei-classes.tif";
	/** The image with nucleus outlines and tinted tissue regions. */
	public static final String OVERLAY = "overlay.png";

	/**
	 * Names of every file this class may write into a result folder. {@code --overwrite}
	 * replaces a result folder only when it contains nothing else.
	 */
	public static final Set<String> FILE_NAMES = Set.of(NUCLEI_GEOJSON, TISSUE_MASK,
		TISSUE_GEOJSON, SUMMARY, NUCLEI_CSV, NUCLEI_LABELS, NUCLEI_CLASSES, OVERLAY,
		Track.TRACK1.outputSlug() + ".json", Track.TRACK2.outputSlug() + ".json");

	private static final Logger LOG = LoggerFactory.getLogger(ResultFolderWriter.class);

	private ResultFolderWriter() {}

	/**
	 * Tells whether {@code folder} is a result folder of this writer, recognised by its
	 * {@value #SUMMARY} and {@value #NUCLEI_GEOJSON}.
	 */
	public static boolean isResultFolder(Path folder) {
		return Files.isRegularFile(folder.resolve(SUMMARY)) && Files.isRegularFile(folder.resolve(
			NUCLEI_GEOJSON));
	}

	/** Returns the folder that {@link #write} fills for {@code result} under {@code output}. */
	public static Path folderFor(Path output, PanopticResult result) {
		return output.resolve(result.imageName());
	}

	/**
	 * Checks, before any work, that the result folder for {@code imageName} can be written:
	 * {@code output} is a writable folder, or it can be created with its missing parents, and
	 * nothing but an empty folder exists under the result folder's name, or, with
	 * {@code overwrite}, a complete result folder that contains only files this class writes.
	 *
	 * @throws InvalidInputException naming the folder, what is wrong with it and the fix
	 */
	public static void checkTarget(Path output, String imageName, boolean overwrite) {
		OutputFiles.checkFolderTarget(output);
		String problem = targetProblem(ResultFolderContent.of(output.resolve(imageName)),
			overwrite);
		if (problem != null) {
			throw new InvalidInputException(problem);
		}
	}

	/**
	 * Returns why a new result folder cannot be written in place of {@code existing}, with the
	 * fix, or null when it can. Only {@code --overwrite} replaces a complete result folder, and
	 * nothing replaces a folder that contains files this class does not write.
	 */
	public static String targetProblem(ResultFolderContent existing, boolean overwrite) {
		Path folder = existing.folder();
		if (existing.kind() == ResultFolderContent.Kind.ABSENT || existing.kind() ==
			ResultFolderContent.Kind.EMPTY_FOLDER)
		{
			return null;
		}
		if (!existing.complete()) {
			return existing.problem() + " PumaSeg replaces only complete result folders, so it " +
				"leaves this one unchanged: move or delete it yourself, or choose another output " +
				"folder.";
		}
		String others = ResultFolderContent.names(existing.otherEntries());
		if (!existing.otherEntries().isEmpty() && overwrite) {
			return "The result folder " + folder + " contains files PumaSeg does not write (" +
				others + "), so --overwrite does not replace it. Move those files out of it, keep " +
				"it and segment only the other images (--skip-existing instead of --overwrite), or " +
				"choose another output folder.";
		}
		if (!existing.otherEntries().isEmpty()) {
			return "The result folder " + folder + " already exists and contains files PumaSeg " +
				"does not write (" + others + "). Keep it and segment only the other images " +
				"(--skip-existing), or choose another output folder. --overwrite replaces it only " +
				"after those files are moved out.";
		}
		if (!overwrite) {
			return "The result folder " + folder + " already exists. Replace it (--overwrite), " +
				"keep it and segment only the other images (--skip-existing), or choose another " +
				"output folder.";
		}
		return null;
	}

	/**
	 * Returns why {@code --skip-existing} can neither keep nor replace {@code existing}, with
	 * the fix, or null when it can: the folder is complete, absent or empty.
	 */
	public static String skipProblem(ResultFolderContent existing) {
		String problem = existing.problem();
		if (existing.complete() || problem == null || existing.kind() ==
			ResultFolderContent.Kind.EMPTY_FOLDER)
		{
			return null;
		}
		return problem + " It is neither kept nor replaced: move or delete it, then run again " +
			"with --skip-existing to segment this image.";
	}

	/**
	 * Writes all files and returns the result folder.
	 *
	 * @param summary extra entries for {@code summary.json} (timings, model ids, TIL measures)
	 */
	public static Path write(Path output, RgbImage image, PanopticResult result, Track track,
		boolean overwrite, Map<String, Object> summary) throws IOException
	{
		checkTarget(output, result.imageName(), overwrite);
		OutputFiles.createFolder(output);
		Path target = folderFor(output, result);
		Path temporary = OutputFiles.temporarySibling(target);
		Files.createDirectory(temporary);
		OutputFiles.deleteOnExit(temporary);
		boolean done = false;
		try {
			writeFiles(temporary, image, result, track, summary);
			replace(temporary, target, overwrite);
			done = true;
			LOG.info("Wrote {} nuclei of {} to {}.", result.nuclei().size(), result.imageName(),
				target);
			return target;
		}
		finally {
			if (!done) {
				deleteRecursively(temporary);
			}
			OutputFiles.release(temporary);
		}
	}

	private static void writeFiles(Path folder, RgbImage image, PanopticResult result,
		Track track, Map<String, Object> summary) throws IOException
	{
		List<ClassifiedPolygon> detections = NucleusObjects.detections(result);
		GeoJsonFormat.write(folder.resolve(NUCLEI_GEOJSON), detections);
		if (result.nuclei().stream().allMatch(DetectedNucleus::hasClass)) {
			ChallengeJsonFormat.write(folder.resolve(track.outputSlug() + ".json"), detections,
				track);
		}
		else {
			// Both PUMA tracks score classes, so nuclei without class have no challenge file.
			LOG.info("No {}.json for {}: the nuclei model predicts no nucleus classes.", track
				.outputSlug(), result.imageName());
		}
		Files.writeString(folder.resolve(NUCLEI_CSV), NucleusTable.toCsv(result),
			StandardCharsets.UTF_8);

		LabelImage labels = ClassMaps.nucleusLabels(result);
		saveTiff(labelImagePlus(labels), folder.resolve(NUCLEI_LABELS));
		ByteProcessor classes = new ByteProcessor(result.width(), result.height(), ClassMaps
			.nucleusClassCodes(result, labels));
		saveTiff(new ImagePlus("nuclei-classes", classes), folder.resolve(NUCLEI_CLASSES));
		if (result.tissue() != null) {
			TissueMaskTiff.write(folder.resolve(TISSUE_MASK), result.tissue());
			GeoJsonFormat.write(folder.resolve(TISSUE_GEOJSON), tissueRegions(result));
		}

		ImageFileWriter.write(OverlayRenderer.render(image, result), folder.resolve(OVERLAY));
		Map<String, Object> fullSummary = new LinkedHashMap<>(ResultSummary.of(result, track));
		fullSummary.putAll(summary);
		ResultSummary.write(folder.resolve(SUMMARY), fullSummary);
	}

	/**
	 * Returns the tissue regions as annotations with stable ids (name-based UUIDs of the image
	 * name and the region's index), so repeated runs write the same file.
	 */
	private static List<ClassifiedPolygon> tissueRegions(PanopticResult result) {
		List<ClassifiedPolygon> regions = TissueDecoder.regions(result.tissue());
		List<ClassifiedPolygon> withIds = new ArrayList<>(regions.size());
		for (int i = 0; i < regions.size(); i++) {
			ClassifiedPolygon region = regions.get(i);
			String id = UUID.nameUUIDFromBytes((result.imageName() + "/tissue/" + (i + 1))
				.getBytes(StandardCharsets.UTF_8)).toString();
			withIds.add(new ClassifiedPolygon(id, region.className(), region.geometry(), region
				.objectType(), region.probability(), region.score(), region.measurements()));
		}
		return withIds;
	}

	/**
	 * Converts the ids to a 32-bit float image, exact up to 2^24 (16,777,216) nuclei, because
	 * ImageJ has no 32-bit integer type and its float TIFFs open in every tool.
	 */
	private static ImagePlus labelImagePlus(LabelImage labels) {
		int[] ids = labels.labels();
		float[] values = new float[ids.length];
		for (int i = 0; i < ids.length; i++) {
			values[i] = ids[i];
		}
		return new ImagePlus("nuclei-labels", new FloatProcessor(labels.width(), labels.height(),
			values));
	}

	private static void saveTiff(ImagePlus image, Path file) throws IOException {
		if (!new FileSaver(image).saveAsTiff(file.toString())) {
			throw new IOException("Could not write " + file);
		}
	}

	private static void replace(Path temporary, Path target, boolean overwrite)
		throws IOException
	{
		Path old = null;
		ResultFolderContent existing = ResultFolderContent.of(target);
		if (existing.kind() == ResultFolderContent.Kind.EMPTY_FOLDER) {
			// Fails with DirectoryNotEmptyException if a file appeared since the check.
			Files.delete(target);
		}
		else if (!existing.absent()) {
			// checkTarget ran before the files were written; check again so that a folder that
			// changed meanwhile is never deleted.
			String problem = targetProblem(existing, overwrite);
			if (problem != null) {
				throw new InvalidInputException(problem);
			}
			// NOTE: a kill between the two moves leaves no result folder. The old one stays
			// under a temporary name until the next run into this folder deletes it.
			old = OutputFiles.temporarySibling(target);
			Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
			OutputFiles.deleteOnExit(old);
		}
		try {
			Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (AtomicMoveNotSupportedException e) {
			Files.move(temporary, target);
		}
		if (old != null) {
			deleteRecursively(old);
			OutputFiles.release(old);
			LOG.info("Replaced the result folder {} of an earlier run.", target);
		}
	}

	private static void deleteRecursively(Path folder) {
		if (!Files.exists(folder)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(folder)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
		catch (IOException e) {
			LOG.warn("Could not delete the temporary folder {}: {}", folder, e.toString());
		}
	}
}
