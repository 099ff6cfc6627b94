package org.pumaseg.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.pumaseg.InvalidInputException;
import org.pumaseg.annotation.TissueMaskTiff;
import org.pumaseg.annotation.Track;
import org.pumaseg.export.ResultFolderWriter;

/**
 * Ground-truth and prediction files paired by image name, for {@link Evaluation}.
 * <p>
 * Two files are paired with each other whatever their names, under the ground truth's image
 * name. Otherwise the files of each side (a folder is searched recursively, in sorted order)
 * are paired when they have the same image name and kind:
 * <ul>
 * <li>{@code .tif} / {@code .tiff}: a tissue mask; colour TIFFs (the H&E images themselves)
 * are ignored.</li>
 * <li>{@code .geojson} / {@code .json} whose name ends in {@code _tissue}: tissue regions;
 * other {@code .geojson} / {@code .json}: nuclei. A file named {@code predictions.json} is the
 * challenge's job list and is ignored.</li>
 * <li>{@code .xml}: nuclei outlines without classes (MoNuSeg's Aperio XML).</li>
 * <li>In a result folder of {@code pumaseg segment}, only {@code nuclei.geojson} (nuclei) and
 * {@code tissue-mask.tif} (tissue) count, under the folder's name. Its challenge JSON and
 * {@code tissue.geojson} repeat them, so they are neither paired nor listed as ignored.</li>
 * <li>Other files are ignored.</li>
 * </ul>
 * A file named directly is scored whatever folder it lies in: in a result folder, its
 * challenge JSON and {@code tissue.geojson} count too. A file that cannot be scored is rejected
 * with the reason.
 * The image name is the file name without its extension and without a trailing
 * {@code _nuclei} or {@code _tissue}: {@code roi_094_nuclei.geojson}, {@code roi_094.json} and
 * {@code roi_094_tissue.tif} all belong to image {@code roi_094}. Files in the challenge's
 * output layout, {@code JOB/output/melanoma-3-class-nuclei-segmentation.json} (or the 10-class
 * name) and {@code JOB/output/images/melanoma-tissue-mask-segmentation/*.tif}, take the name
 * of their job folder. When the folder above the jobs contains the challenge's
 * {@code predictions.json}, they take the name of the job's input image without extension.
 *
 * @param pairs paired files, sorted by image name, then nuclei before tissue
 * @param unpairedTruth ground-truth files without a prediction of the same image and kind
 * @param unpairedPredictions prediction files without a ground truth
 * @param ignored files of either side that are neither annotations nor masks
 */
public record FilePairing(List<FilePair> pairs, List<Path> unpairedTruth,
	List<Path> unpairedPredictions, List<Path> ignored)
{

	/** Content of an evaluated file. */
	public enum Kind {
		NUCLEI, TISSUE;

		public String label() {
			return name().toLowerCase(Locale.ROOT);
		}
	}

	/** A ground-truth file and the prediction file of the same image and kind. */
	public record FilePair(String image, Kind kind, Path truth, Path prediction) {}

	static final String JOB_LIST = "predictions.json";
	static final String MASK_FOLDER = "melanoma-tissue-mask-segmentation";
	private static final String OUTPUT_FOLDER = "output";
	private static final List<String> SUFFIXES = List.of("_nuclei", "_tissue");

	public FilePairing {
		pairs = List.copyOf(pairs);
		unpairedTruth = List.copyOf(unpairedTruth);
		unpairedPredictions = List.copyOf(unpairedPredictions);
		ignored = List.copyOf(ignored);
	}

	/**
	 * Pairs the files of {@code truth} and {@code prediction}, each a file or a folder.
	 *
	 * @throws InvalidInputException when a path does not exist, when one side has two files of
	 *         the same image and kind, or when no file pairs up
	 */
	public static FilePairing of(Path truth, Path prediction) {
		checkExists(truth, "ground truth");
		checkExists(prediction, "prediction");
		List<Path> ignored = new ArrayList<>();
		if (Files.isRegularFile(truth) && Files.isRegularFile(prediction)) {
			return pairFiles(truth, prediction, ignored);
		}

		Map<Key, Path> truthFiles = index(truth, "ground truth", ignored);
		Map<Key, Path> predictionFiles = index(prediction, "prediction", ignored);
		List<FilePair> pairs = new ArrayList<>();
		List<Path> unpairedTruth = new ArrayList<>();
		for (Map.Entry<Key, Path> entry : truthFiles.entrySet()) {
			Path predicted = predictionFiles.remove(entry.getKey());
			if (predicted == null) {
				unpairedTruth.add(entry.getValue());
			}
			else {
				pairs.add(new FilePair(entry.getKey().image(), entry.getKey().kind(), entry
					.getValue(), predicted));
			}
		}
		List<Path> unpairedPredictions = new ArrayList<>(predictionFiles.values());
		if (pairs.isEmpty()) {
			throw new InvalidInputException("No ground-truth file in " + truth + " has a " +
				"prediction in " + prediction + " with the same image name and kind (ground " +
				"truth: " + describe(truthFiles.keySet().stream().toList()) + "; predictions: " +
				describe(predictionFiles.keySet().stream().toList()) + "). Name each prediction " +
				"after its image, e.g. roi_094.json for roi_094_nuclei.geojson.");
		}
		pairs.sort(Comparator.comparing(FilePair::image).thenComparing(FilePair::kind));
		// A folder given as both truth and prediction would list each ignored file twice.
		List<Path> ignoredOnce = ignored.stream().distinct().toList();
		return new FilePairing(pairs, unpairedTruth, unpairedPredictions, ignoredOnce);
	}

	/** Returns the image name of a file, by the rules of this class. */
	public static String imageName(Path file) {
		return imageName(file, new HashMap<>());
	}

	/** @param jobLists job lists already read, by folder */
	private static String imageName(Path file, Map<Path, Map<String, String>> jobLists) {
		if (inResultFolder(file)) {
			return file.toAbsolutePath().normalize().getParent().getFileName().toString();
		}
		Path job = challengeJob(file);
		if (job != null) {
			String input = jobLists.computeIfAbsent(job.getParent(), FilePairing::jobInputs).get(job
				.getFileName().toString());
			return input != null ? input : job.getFileName().toString();
		}
		String stem = stripExtension(file.getFileName().toString());
		for (String suffix : SUFFIXES) {
			if (stem.endsWith(suffix) && stem.length() > suffix.length()) {
				return stem.substring(0, stem.length() - suffix.length());
			}
		}
		return stem;
	}

	/** Returns the kind of a file, or null when it is not evaluated. */
	static Kind kind(Path file) {
		String name = file.getFileName().toString();
		String lower = name.toLowerCase(Locale.ROOT);
		if (inResultFolder(file)) {
			// The challenge JSON there repeats the GeoJSON nuclei; label maps are not masks.
			return name.equals(ResultFolderWriter.NUCLEI_GEOJSON) ? Kind.NUCLEI : name.equals(
				ResultFolderWriter.TISSUE_MASK) ? Kind.TISSUE : null;
		}
		if (lower.endsWith(".tif") || lower.endsWith(".tiff")) {
			return TissueMaskTiff.isColourImage(file) ? null : Kind.TISSUE;
		}
		if (lower.equals(JOB_LIST)) {
			return null;
		}
		if (lower.endsWith(".geojson") || lower.endsWith(".json")) {
			return stripExtension(name).endsWith("_tissue") ? Kind.TISSUE : Kind.NUCLEI;
		}
		if (lower.endsWith(".xml")) {
			return Kind.NUCLEI;
		}
		return null;
	}

	private record Key(String image, Kind kind) {

		@Override
		public String toString() {
			return image + " (" + kind.label() + ")";
		}
	}

	private static FilePairing pairFiles(Path truth, Path prediction, List<Path> ignored) {
		Kind truthKind = namedFileKind(truth);
		Kind predictionKind = namedFileKind(prediction);
		if (truthKind != predictionKind) {
			throw new InvalidInputException("The ground truth " + truth + " contains " +
				truthKind.label() + " but the prediction " + prediction + " contains " + predictionKind
					.label() +
				". Tissue GeoJSON files must end in _tissue.geojson; give two files of one kind.");
		}
		FilePair pair = new FilePair(imageName(truth), truthKind, truth, prediction);
		return new FilePairing(List.of(pair), List.of(), List.of(), ignored);
	}

	/**
	 * Returns the kind of a file named directly. Unlike {@link #kind}, it accepts the challenge
	 * JSON and {@code tissue.geojson} of a result folder.
	 *
	 * @throws InvalidInputException saying why the file cannot be scored
	 */
	static Kind namedFileKind(Path file) {
		String name = file.getFileName().toString();
		if (inResultFolder(file)) {
			if (name.equals(ResultFolderWriter.NUCLEI_GEOJSON) || isChallengeJson(name)) {
				return Kind.NUCLEI;
			}
			if (name.equals(ResultFolderWriter.TISSUE_MASK) || name.equals(
				ResultFolderWriter.TISSUE_GEOJSON))
			{
				return Kind.TISSUE;
			}
			throw new InvalidInputException(file + " is not scored: in a result folder of " +
				"pumaseg segment, only " + ResultFolderWriter.NUCLEI_GEOJSON + " or the challenge " +
				"JSON (nuclei) and " + ResultFolderWriter.TISSUE_MASK + " or " +
				ResultFolderWriter.TISSUE_GEOJSON + " (tissue) are. Give one of them, or the " +
				"result folder.");
		}
		Kind kind = kind(file);
		if (kind != null) {
			return kind;
		}
		String lower = name.toLowerCase(Locale.ROOT);
		if (lower.endsWith(".tif") || lower.endsWith(".tiff")) {
			throw new InvalidInputException(file + " is a colour image, not a tissue mask. Give " +
				"an 8-bit mask TIFF of tissue class codes, or a *_tissue.geojson file.");
		}
		if (lower.equals(JOB_LIST)) {
			throw new InvalidInputException(file + " is the challenge's job list, not an " +
				"annotation. Give the nuclei JSON or tissue mask of a job, or the folder of the jobs.");
		}
		throw new InvalidInputException(file + " is neither a nuclei or tissue annotation " +
			"(.geojson, .json, MoNuSeg .xml) nor a tissue mask (.tif, 8-bit). Give annotation " +
			"files, mask files or folders of them.");
	}

	private static boolean isChallengeJson(String name) {
		return name.equals(Track.TRACK1.outputSlug() + ".json") || name.equals(Track.TRACK2
			.outputSlug() + ".json");
	}

	/** Tells whether {@code file} is a result folder's file that repeats a scored one. */
	private static boolean isResultFolderCopy(Path file) {
		String name = file.getFileName().toString();
		return inResultFolder(file) && (isChallengeJson(name) || name.equals(
			ResultFolderWriter.TISSUE_GEOJSON));
	}

	private static Map<Key, Path> index(Path root, String side, List<Path> ignored) {
		Map<Key, Path> files = new LinkedHashMap<>();
		Map<Path, Map<String, String>> jobLists = new HashMap<>();
		for (Path file : list(root)) {
			Kind kind = kind(file);
			if (kind == null) {
				if (!isResultFolderCopy(file)) {
					ignored.add(file);
				}
				continue;
			}
			Key key = new Key(imageName(file, jobLists), kind);
			Path previous = files.putIfAbsent(key, file);
			if (previous != null) {
				throw new InvalidInputException("Two " + side + " files belong to image " + key +
					": " + previous + " and " + file + ". Keep one of them, or evaluate the " +
					"folders one at a time.");
			}
		}
		return files;
	}

	private static List<Path> list(Path root) {
		if (Files.isRegularFile(root)) {
			return List.of(root);
		}
		try (Stream<Path> walk = Files.walk(root)) {
			// Hidden files and folders, such as the temporary folder of a result still being
			// written, are not results.
			return walk.filter(Files::isRegularFile).filter(path -> !isHidden(root.relativize(
				path))).sorted().toList();
		}
		catch (IOException | RuntimeException e) {
			throw new InvalidInputException("Could not list the files in " + root + ": " + e
				.getMessage() + ". Check that the folder is readable.", e);
		}
	}

	/** Tells whether {@code file} lies in a result folder of {@code pumaseg segment}. */
	private static boolean inResultFolder(Path file) {
		Path folder = file.toAbsolutePath().normalize().getParent();
		return folder != null && folder.getFileName() != null && ResultFolderWriter
			.isResultFolder(folder);
	}

	private static boolean isHidden(Path relative) {
		for (Path name : relative) {
			if (name.toString().startsWith(".")) {
				return true;
			}
		}
		return false;
	}

	/** Returns the job folder of a file in the challenge output layout, or null. */
	private static Path challengeJob(Path file) {
		Path absolute = file.toAbsolutePath().normalize();
		String stem = stripExtension(absolute.getFileName().toString());
		Path output;
		if (stem.equals(Track.TRACK1.outputSlug()) || stem.equals(Track.TRACK2.outputSlug())) {
			output = absolute.getParent();
		}
		else if (absolute.getParent() != null && absolute.getParent().getFileName() != null &&
			absolute.getParent().getFileName().toString().equals(MASK_FOLDER))
		{
			Path images = absolute.getParent().getParent();
			output = images == null ? null : images.getParent();
		}
		else {
			return null;
		}
		if (output == null || output.getFileName() == null || !output.getFileName().toString()
			.equals(OUTPUT_FOLDER) || output.getParent() == null || output.getParent()
				.getParent() == null)
		{
			return null;
		}
		return output.getParent();
	}

	/**
	 * Job id to input image name (without extension) from the challenge's job list in
	 * {@code folder}; empty when there is none.
	 */
	private static Map<String, String> jobInputs(Path folder) {
		Path list = folder.resolve(JOB_LIST);
		Map<String, String> inputs = new HashMap<>();
		if (!Files.isRegularFile(list)) {
			return inputs;
		}
		JsonNode jobs;
		try {
			jobs = new ObjectMapper().readTree(list.toFile());
		}
		catch (IOException e) {
			throw new InvalidInputException("The challenge job list " + list + " is not valid " +
				"JSON (" + e.getMessage() + "). Restore it from the challenge download or remove it.",
				e);
		}
		for (JsonNode job : jobs) {
			String id = job.path("pk").asText("");
			for (JsonNode input : job.path("inputs")) {
				String name = input.path("image").path("name").asText("");
				if (!id.isEmpty() && !name.isEmpty()) {
					inputs.put(id, stripExtension(name));
				}
			}
		}
		return inputs;
	}

	private static String stripExtension(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		for (String extension : List.of(".geojson", ".json", ".xml", ".tiff", ".tif")) {
			if (lower.endsWith(extension) && name.length() > extension.length()) {
				return name.substring(0, name.length() - extension.length());
			}
		}
		return name;
	}

	private static void checkExists(Path path, String side) {
		if (!Files.exists(path)) {
			throw new InvalidInputException("The " + side + " path " + path + " does not " +
				"exist. Give an annotation file, a mask or a folder of them.");
		}
	}

	private static String describe(List<Key> keys) {
		if (keys.isEmpty()) {
			return "no annotation or mask files";
		}
		List<String> names = keys.stream().map(Key::toString).toList();
		return names.size() <= 5 ? String.join(", ", names) : String.join(", ", names.subList(0,
			5)) + " and " + (names.size() - 5) + " more";
	}
}
