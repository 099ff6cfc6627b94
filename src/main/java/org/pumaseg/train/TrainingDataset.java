package org.pumaseg.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.locationtech.jts.geom.util.AffineTransformation;
import org.pumaseg.InvalidInputException;
import org.pumaseg.Progress;
import org.pumaseg.annotation.AnnotationFile;
import org.pumaseg.annotation.AnnotationFiles;
import org.pumaseg.annotation.AperioXml;
import org.pumaseg.annotation.ClassifiedPolygon;
import org.pumaseg.annotation.NucleusClass;
import org.pumaseg.annotation.Rasterization;
import org.pumaseg.annotation.TissueMask;
import org.pumaseg.image.ImageFileReader;
import org.pumaseg.image.PixelSize;
import org.pumaseg.image.PixelSizes;
import org.pumaseg.image.RgbImage;
import org.pumaseg.label.ConnectedComponents;
import org.pumaseg.label.Connectivity;
import org.pumaseg.label.LabelImage;
import org.pumaseg.preprocess.Resampling;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ij.IJ;
import net.imglib2.Cursor;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.LongArray;
import net.imglib2.type.logic.BitType;
import net.imglib2.type.numeric.integer.IntType;
import ij.ImagePlus;
import ij.process.ImageProcessor;

/**
 * Finds and reads the annotated images of a training folder (searched recursively), matched
 * by file name stem:
 * <ul>
 * <li>images: {@code .tif}, {@code .tiff}, {@code .png}, {@code .jpg}, {@code .jpeg};</li>
 * <li>PUMA annotations: {@code <stem>_nuclei.geojson} (nuclei with the 10 PUMA classes) and
 * {@code <stem>_tissue.geojson} (tissue regions), as the PUMA dataset is published;</li>
 * <li>MoNuSeg outlines: {@code <stem>.xml} (Aperio ImageScope, no classes);</li>
 * <li>label images: {@code <stem>_labels.<ext>} or {@code <stem>.<ext>} inside a folder whose
 * name contains "label" or "mask": one integer id per nucleus, 0 background; an image with
 * only the values 0 and 1 (or 0 and 255) is a binary mask and is split into connected
 * components, so touching nuclei merge.</li>
 * </ul>
 * For nuclei, GeoJSON wins over XML, and XML over label images. Every image must have an
 * annotation for the task and every annotation an image, unless unmatched files are allowed.
 * <p>
 * Images are used at their own pixel size unless a training pixel size is given, in which
 * case calibrated images and their annotations are resampled to it. Without one, mix only data
 * of similar magnification (PUMA and MoNuSeg are both about 0.25 µm/px).
 * <p>
 * NOTE: CoNSeP class maps (other, inflammatory, epithelial, spindle-shaped) are not read as
 * nucleus classes, because none of them is one PUMA class. Inflammatory covers lymphocytes,
 * plasma cells and neutrophils, and spindle-shaped covers stroma and endothelium. Epithelial
 * joins healthy and malignant colorectal epithelium, which is neither PUMA's epithelium nor
 * its melanoma tumour class.
 */
public final class TrainingDataset {

	/** Pixel size assumed when no image states one: PUMA and MoNuSeg at 40x. */
	public static final double DEFAULT_UM_PER_PIXEL = 0.25;

	private static final Logger LOG = LoggerFactory.getLogger(TrainingDataset.class);
	private static final List<String> IMAGE_EXTENSIONS = List.of("tif", "tiff", "png", "jpg",
		"jpeg");
	private static final int MAX_DEPTH = 6;

	/** Choice of the validation data. */
	public enum Split {
		/** Region split for a single image, image split otherwise. */
		AUTO,
		/** The right-hand {@code fraction} of the columns of every image. */
		REGION,
		/** A {@code fraction} of the images, drawn with the seed. */
		IMAGE
	}

	/** The files found for one image. */
	record Entry(String stem, Path image, Path nucleiGeoJson, Path tissueGeoJson, Path xml,
		Path labels)
	{}

	private TrainingDataset() {}

	/**
	 * Reads the images of {@code folder} for {@code task} and splits off validation data.
	 *
	 * @param validationFraction share of the data held out, in [0, 0.9]
	 * @param allowUnmatched skip, with a warning, images without annotations and annotations
	 *        without images instead of rejecting the folder
	 */
	public static TrainingData load(Path folder, TrainingTask task, double validationFraction,
		Split split, long seed, boolean allowUnmatched, Progress progress)
	{
		return load(folder, task, validationFraction, split, seed, allowUnmatched, Double.NaN,
			progress);
	}

	/**
	 * Like {@link #load(Path, TrainingTask, double, Split, long, boolean, Progress)}, resampling
	 * every image and its annotations to {@code umPerPixel} first: images bilinearly
	 * ({@link Resampling}), polygons by scaling their coordinates, label images by nearest
	 * neighbour. An uncalibrated image is taken to have that pixel size already.
	 * <p>
	 * NOTE: resampled images carry no source files, so {@link PackageEvaluation} cannot score
	 * them with {@code pumaseg evaluate}, whose region would be in the file's pixels.
	 *
	 * @param umPerPixel pixel size to train at in µm, or NaN to keep each image's own
	 */
	public static TrainingData load(Path folder, TrainingTask task, double validationFraction,
		Split split, long seed, boolean allowUnmatched, double umPerPixel, Progress progress)
	{
		boolean resample = !Double.isNaN(umPerPixel);
		if (resample) {
			PixelSizes.requireMicroscopePixelSize(umPerPixel, "training pixel size");
		}
		if (!(validationFraction >= 0 && validationFraction <= 0.9)) {
			throw new InvalidInputException("Invalid validation fraction " + validationFraction +
				": use a value from 0 to 0.9.");
		}
		List<Entry> entries = find(folder, task, allowUnmatched);
		List<TrainingImage> images = new ArrayList<>();
		List<Double> pixelSizes = new ArrayList<>();
		boolean classes = false;
		ImageFileReader reader = new ImageFileReader();
		for (int i = 0; i < entries.size(); i++) {
			progress.checkCanceled();
			Entry entry = entries.get(i);
			progress.update((double) i / entries.size(), "reading " + entry.image().getFileName());
			RgbImage file = reader.read(entry.image());
			if (file.pixelSize().calibrated()) {
				pixelSizes.add(file.pixelSize().umPerPixel());
			}
			// Annotation coordinates are multiplied by scale: target pixels per file pixel.
			double scale = 1;
			RgbImage rgb = file;
			if (resample && file.pixelSize().calibrated()) {
				scale = file.pixelSize().umPerPixel() / umPerPixel;
				rgb = Resampling.toPixelSize(file, umPerPixel, Progress.none());
				LOG.info("Resampled {} from {} to {} µm/px: {} x {} px.", entry.image()
					.getFileName(), file.pixelSize().umPerPixel(), umPerPixel, rgb.width(), rgb
						.height());
			}
			else if (resample) {
				LOG.warn("{} is uncalibrated; taking it to be at the training pixel size, {} µm/px.",
					entry.image().getFileName(), umPerPixel);
			}
			boolean scaled = rgb != file;
			List<ClassifiedPolygon> nuclei = task == TrainingTask.NUCLEI && entry
				.nucleiGeoJson() != null ? scaled(AnnotationFiles.read(entry.nucleiGeoJson())
					.objects(), scale) : null;
			Targets targets = task == TrainingTask.TISSUE ? tissueTargets(entry, rgb, scale)
				: nucleiTargets(entry, file, rgb, nuclei, scale);
			classes |= nuclei != null;
			TrainingImage.Source source = scaled ? null : new TrainingImage.Source(entry.image(),
				entry.nucleiGeoJson(), entry.tissueGeoJson(), 0, rgb.width(), rgb.height());
			images.add(new TrainingImage(entry.stem(), rgb.width(), rgb.height(), rgb
				.packedRgb(), targets, nuclei, source));
		}
		double dataUm = pixelSizes.isEmpty() ? Double.NaN : median(pixelSizes);
		if (resample) {
			dataUm = umPerPixel;
		}
		LOG.info("Read {} images for {} training from {} (pixel size {}).", images.size(), task
			.id(), folder, Double.isNaN(dataUm) ? "unknown" : dataUm + " µm/px");
		return split(task, images, validationFraction, split, seed, dataUm, classes);
	}

	/** Returns the objects with coordinates multiplied by {@code scale} (the same list for 1). */
	private static List<ClassifiedPolygon> scaled(List<ClassifiedPolygon> objects,
		double scale)
	{
		if (scale == 1) {
			return objects;
		}
		AffineTransformation transformation = AffineTransformation.scaleInstance(scale, scale);
		List<ClassifiedPolygon> result = new ArrayList<>(objects.size());
		for (ClassifiedPolygon object : objects) {
			result.add(new ClassifiedPolygon(object.id(), object.className(), transformation
				.transform(object.geometry()), object.objectType(), object.probability(), object
					.score(), object.measurements()));
		}
		return result;
	}

	static List<Entry> find(Path folder, TrainingTask task, boolean allowUnmatched) {
		if (!Files.isDirectory(folder)) {
			throw new InvalidInputException("Training data folder not found: " + folder +
				". Give the folder that holds the images and their annotations.");
		}
		Map<String, Path> images = new TreeMap<>();
		Map<String, Path> labels = new TreeMap<>();
		Map<String, Path> nuclei = new TreeMap<>();
		Map<String, Path> tissue = new TreeMap<>();
		Map<String, Path> xml = new TreeMap<>();
		try (Stream<Path> files = Files.walk(folder, MAX_DEPTH)) {
			for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
				classify(file, images, labels, nuclei, tissue, xml);
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot list " + folder + ": " + e.getMessage(), e);
		}
		if (images.isEmpty()) {
			throw new InvalidInputException("No images found in " + folder + " (looked for " +
				IMAGE_EXTENSIONS + " files). Give the folder that holds the training images.");
		}

		List<String> problems = new ArrayList<>();
		Map<String, Path> annotations = new TreeMap<>();
		if (task == TrainingTask.TISSUE) {
			annotations.putAll(tissue);
		}
		else {
			annotations.putAll(labels);
			annotations.putAll(xml);
			annotations.putAll(nuclei);
		}
		for (Map.Entry<String, Path> annotation : annotations.entrySet()) {
			if (!images.containsKey(annotation.getKey())) {
				problems.add("annotation " + annotation.getValue() + " has no image named " +
					annotation.getKey() + ".<" + String.join("|", IMAGE_EXTENSIONS) + ">");
			}
		}
		List<Entry> entries = new ArrayList<>();
		for (Map.Entry<String, Path> image : images.entrySet()) {
			String stem = image.getKey();
			if (!annotations.containsKey(stem)) {
				problems.add("image " + image.getValue() + " has no " + (task == TrainingTask.TISSUE
					? stem + "_tissue.geojson" : stem + "_nuclei.geojson, " + stem + ".xml or " + stem +
						"_labels image"));
				continue;
			}
			entries.add(new Entry(stem, image.getValue(), nuclei.get(stem), tissue.get(stem), xml
				.get(stem), labels.get(stem)));
		}
		if (!problems.isEmpty()) {
			String list = String.join("; ", problems.subList(0, Math.min(5, problems.size()))) +
				(problems.size() > 5 ? "; and " + (problems.size() - 5) + " more" : "");
			if (!allowUnmatched || entries.isEmpty()) {
				throw new InvalidInputException("Training data in " + folder + " does not match up: " +
					list + ". Give each image its annotation (or remove the extra files)" +
					(allowUnmatched ? "" : ", or skip unmatched files with --allow-unmatched (command " +
						"line)") + ".");
			}
			LOG.warn("Skipping {} unmatched files in {}: {}", problems.size(), folder, list);
		}
		if (entries.isEmpty()) {
			throw new InvalidInputException("No annotated images for " + task.id() +
				" training in " + folder + ".");
		}
		return entries;
	}

	private static void classify(Path file, Map<String, Path> images, Map<String, Path> labels,
		Map<String, Path> nuclei, Map<String, Path> tissue, Map<String, Path> xml)
	{
		String name = file.getFileName().toString();
		String lower = name.toLowerCase(Locale.ROOT);
		int dot = name.lastIndexOf('.');
		if (dot <= 0) {
			return;
		}
		String stem = name.substring(0, dot);
		String extension = lower.substring(dot + 1);
		if (lower.endsWith("_nuclei.geojson")) {
			put(nuclei, stem.substring(0, stem.length() - "_nuclei".length()), file);
		}
		else if (lower.endsWith("_tissue.geojson")) {
			put(tissue, stem.substring(0, stem.length() - "_tissue".length()), file);
		}
		else if (extension.equals("xml")) {
			put(xml, stem, file);
		}
		else if (IMAGE_EXTENSIONS.contains(extension)) {
			String parent = file.getParent() == null ? "" : file.getParent().getFileName()
				.toString().toLowerCase(Locale.ROOT);
			if (stem.toLowerCase(Locale.ROOT).endsWith("_labels")) {
				put(labels, stem.substring(0, stem.length() - "_labels".length()), file);
			}
			else if (parent.contains("label") || parent.contains("mask")) {
				put(labels, stem, file);
			}
			else {
				put(images, stem, file);
			}
		}
	}

	private static void put(Map<String, Path> files, String stem, Path file) {
		Path previous = files.putIfAbsent(stem, file);
		if (previous != null) {
			throw new InvalidInputException("Two files for the image " + stem + ": " + previous +
				" and " + file + ". Keep one of them, or rename the other.");
		}
	}

	/**
	 * @param file the image as read, {@code rgb} after resampling by {@code scale}
	 * @param objects the nuclei of the GeoJSON file, scaled, or null when the image has none
	 */
	private static Targets nucleiTargets(Entry entry, RgbImage file, RgbImage rgb,
		List<ClassifiedPolygon> objects, double scale)
	{
		int width = rgb.width();
		int height = rgb.height();
		if (objects != null) {
			byte[] classOfLabel = new byte[objects.size() + 1];
			for (int i = 0; i < objects.size(); i++) {
				NucleusClass nucleusClass = NucleusClass.fromClassName(objects.get(i).className());
				if (nucleusClass == null) {
					throw new InvalidInputException(entry.nucleiGeoJson() + ": nucleus " + (i + 1) +
						" has the unknown class \"" + objects.get(i).className() + "\". Use the PUMA " +
						"class names " + ModelExport.nucleusClassSet().names().subList(1, 11) + ".");
				}
				classOfLabel[i + 1] = (byte) (1 + nucleusClass.ordinal());
			}
			LabelImage labels = Rasterization.labelImage(objects, width, height);
			return Targets.ofInstances(labels, classOfLabel);
		}
		LabelImage labels;
		if (entry.xml() != null) {
			AperioXml.Outlines outlines = AperioXml.read(entry.xml());
			if (outlines.skippedRegions() > 0) {
				LOG.info("{}: skipped {} regions with fewer than 3 vertices.", entry.xml()
					.getFileName(), outlines.skippedRegions());
			}
			labels = Rasterization.labelImage(scaled(outlines.nuclei(), scale), width, height);
		}
		else {
			labels = readLabels(entry.labels(), file.width(), file.height());
			if (rgb != file) {
				// Nearest neighbour keeps the label values; the grid is that of the resampled image.
				labels = LabelImage.wrap(copyToArray(Resampling.labelsToGrid(labels.img(), file
					.pixelSize().umPerPixel(), width, height, rgb.pixelSize().umPerPixel(), Progress
						.none())), width, height);
			}
		}
		return unknownClasses(Targets.ofInstances(labels, null));
	}

	/** Class map of classless annotations: background known, nucleus class unknown. */
	private static Targets unknownClasses(Targets targets) {
		byte[] classes = new byte[targets.width() * targets.height()];
		for (int i = 0; i < classes.length; i++) {
			classes[i] = targets.foreground()[i] == 0 ? 0 : Targets.UNKNOWN;
		}
		return new Targets(targets.width(), targets.height(), targets.foreground(), targets
			.horizontal(), targets.vertical(), classes, null);
	}

	private static Targets tissueTargets(Entry entry, RgbImage rgb, double scale) {
		AnnotationFile file = AnnotationFiles.read(entry.tissueGeoJson());
		TissueMask mask = Rasterization.tissueMask(scaled(file.objects(), scale), rgb.width(), rgb
			.height(),
			PixelSize.unknown("training"));
		return Targets.ofTissue(rgb.width(), rgb.height(), mask.codes());
	}

	private static int[] copyToArray(net.imglib2.img.Img<IntType> labels) {
		int[] values = new int[(int) (labels.dimension(0) * labels.dimension(1))];
		Cursor<IntType> cursor = labels.cursor();
		for (int i = 0; cursor.hasNext(); i++) {
			values[i] = cursor.next().get();
		}
		return values;
	}

	/** Reads an integer label image; a mask of only 0 and one other value is split into components. */
	static LabelImage readLabels(Path file, int width, int height) {
		ImagePlus image = IJ.openImage(file.toString());
		if (image == null) {
			throw new InvalidInputException("Cannot read the label image " + file +
				". Save it as an 8- or 16-bit TIFF or PNG.");
		}
		if (image.getType() == ImagePlus.COLOR_RGB || image.getType() == ImagePlus.COLOR_256) {
			throw new InvalidInputException("The label image " + file + " is a colour image. " +
				"Save one integer id per nucleus as an 8- or 16-bit grey image.");
		}
		if (image.getWidth() != width || image.getHeight() != height) {
			throw new InvalidInputException("The label image " + file + " is " + image.getWidth() +
				" x " + image.getHeight() + " px, but its image is " + width + " x " + height +
				" px. Give a label image of the same size.");
		}

		ImageProcessor processor = image.getProcessor();
		int[] labels = new int[width * height];
		java.util.Set<Integer> values = new java.util.HashSet<>();
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				float value = processor.getPixelValue(x, y);
				if (value < 0 || value != Math.rint(value)) {
					throw new InvalidInputException("The label image " + file + " has the value " +
						value + " at (" + x + ", " + y + "); labels must be whole numbers >= 0.");
				}
				labels[y * width + x] = (int) value;
				if (values.size() < 3) {
					values.add((int) value);
				}
			}
		}

		LabelImage labelImage = LabelImage.wrap(labels, width, height);
		values.remove(0);
		if (values.size() == 1) {
			LOG.info("{} is a binary mask; touching nuclei in it become one.", file.getFileName());
			ArrayImg<BitType, LongArray> mask = ArrayImgs.bits(width, height);
			Cursor<BitType> cursor = mask.cursor();
			for (int i = 0; cursor.hasNext(); i++) {
				cursor.next().set(labels[i] != 0);
			}
			return ConnectedComponents.label(mask, Connectivity.FOUR);
		}
		return labelImage;
	}

	static TrainingData split(TrainingTask task, List<TrainingImage> images, double fraction,
		Split split, long seed, double umPerPixel, boolean classes)
	{
		if (fraction == 0) {
			return new TrainingData(task, images, List.of(), "no validation data", umPerPixel,
				classes);
		}
		boolean byRegion = split == Split.REGION || split == Split.AUTO && images.size() == 1;
		if (byRegion) {
			List<TrainingImage> training = new ArrayList<>();
			List<TrainingImage> validation = new ArrayList<>();
			for (TrainingImage image : images) {
				int border = (int) Math.round(image.width() * (1 - fraction));
				training.add(image.columns(0, border, image.name()));
				validation.add(image.columns(border, image.width(), image.name() + " (validation)"));
			}
			String description = String.format(Locale.ROOT, "by region: the right %.0f %% of " +
				"the columns of every image (x >= %.0f %% of the width) is held out for " +
				"validation and never trained on.", fraction * 100, (1 - fraction) * 100);
			return new TrainingData(task, training, validation, description, umPerPixel, classes);
		}
		if (images.size() < 2) {
			throw new InvalidInputException("An image split needs at least 2 images; there is " +
				"1. Use the region split.");
		}
		List<TrainingImage> shuffled = new ArrayList<>(images);
		Collections.shuffle(shuffled, new Random(seed));
		int heldOut = (int) Math.max(1, Math.min(images.size() - 1, Math.round(fraction * images
			.size())));
		List<TrainingImage> validation = shuffled.subList(0, heldOut);
		List<TrainingImage> training = shuffled.subList(heldOut, shuffled.size());
		String description = "by image: " + validation.stream().map(TrainingImage::name).toList() +
			" held out for validation (drawn with seed " + seed + ").";
		return new TrainingData(task, training, validation, description, umPerPixel, classes);
	}

	private static double median(List<Double> values) {
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		return sorted.get(sorted.size() / 2);
	}
}
