package org.pumaseg.metrics;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.locationtech.jts.geom.Envelope;
import org.pumaseg.InvalidInputException;
import org.pumaseg.Progress;
import org.pumaseg.annotation.AnnotationFile;
import org.pumaseg.annotation.AnnotationFiles;
import org.pumaseg.annotation.ClassNames;
import org.pumaseg.annotation.ClassifiedPolygon;
import org.pumaseg.annotation.Rasterization;
import org.pumaseg.annotation.TissueMask;
import org.pumaseg.annotation.TissueMaskTiff;
import org.pumaseg.annotation.Track;
import org.pumaseg.annotation.Validation;
import org.pumaseg.image.PixelSize;
import org.pumaseg.metrics.FilePairing.FilePair;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates prediction files against ground-truth files: pairs them by image name
 * ({@link FilePairing}), reads nuclei (GeoJSON or challenge JSON) and tissue (mask TIFF or
 * tissue GeoJSON), and computes the official nuclei F1 and tissue Dice with the extras
 * (pooled F1, confusion matrix, panoptic quality).
 * <p>
 * Nuclei files are read with the official evaluation's tolerance ({@link Validation#EVALUATION}).
 * Tissue GeoJSON is rasterised by the pixel-centre rule ({@link Rasterization}) at the size of
 * the mask it is paired with; when both sides are GeoJSON, at the size that contains the
 * regions of both (from the origin to the largest coordinate, rounded up).
 */
public final class Evaluation {

	private static final Logger LOG = LoggerFactory.getLogger(Evaluation.class);

	private Evaluation() {}

	/**
	 * @param truth a ground-truth file or folder
	 * @param prediction a prediction file or folder
	 * @throws InvalidInputException for missing or unreadable files, files that do not pair,
	 *         classes the track does not score and masks of different sizes
	 */
	public static EvaluationReport run(Path truth, Path prediction, Track track,
		Progress progress)
	{
		return run(truth, prediction, track, null, progress);
	}

	/**
	 * Like {@link #run(Path, Path, Track, Progress)}, scoring only the nuclei whose centroid
	 * (JTS centroid of the whole outline, in pixels) lies in {@code region}, on both sides, for
	 * example the part of an image held out from training. Tissue masks are scored whole.
	 *
	 * @param region {x0, y0, x1, y1} in pixels, half-open, or null for the whole image
	 */
	public static EvaluationReport run(Path truth, Path prediction, Track track, double[] region,
		Progress progress)
	{
		FilePairing files = FilePairing.of(truth, prediction);
		List<String> warnings = new ArrayList<>();
		List<ImagePair> nucleiPairs = new ArrayList<>();
		List<MaskPair> maskPairs = new ArrayList<>();
		List<FilePair> pairs = files.pairs();
		// Extent of every nucleus in the nuclei files, for the warning about a region outside it.
		Envelope nucleiExtent = new Envelope();
		for (int i = 0; i < pairs.size(); i++) {
			progress.checkCanceled();
			FilePair pair = pairs.get(i);
			progress.update(0.8 * i / pairs.size(), "Reading " + pair.image());
			if (pair.kind() == FilePairing.Kind.NUCLEI) {
				List<ClassifiedPolygon> truthNuclei = readNuclei(pair.truth(), warnings);
				List<ClassifiedPolygon> predictedNuclei = readNuclei(pair.prediction(), warnings);
				truthNuclei.forEach(n -> nucleiExtent.expandToInclude(n.geometry()
					.getEnvelopeInternal()));
				predictedNuclei.forEach(n -> nucleiExtent.expandToInclude(n.geometry()
					.getEnvelopeInternal()));
				nucleiPairs.add(new ImagePair(pair.image(), inRegion(truthNuclei, region), inRegion(
					predictedNuclei, region)));
			}
			else {
				maskPairs.add(readMasks(pair));
			}
		}
		if (region != null && !nucleiPairs.isEmpty()) {
			warnAboutEmptyRegion(region, nucleiPairs, nucleiExtent, warnings);
		}

		progress.update(0.8, "Scoring");
		NucleiScores nuclei = null;
		PanopticScores panoptic = null;
		if (!nucleiPairs.isEmpty()) {
			nuclei = NucleiEvaluation.evaluate(nucleiPairs, track);
			progress.checkCanceled();
			panoptic = PanopticQuality.evaluate(nucleiPairs, track);
		}
		TissueScores tissue = maskPairs.isEmpty() ? null : TissueEvaluation.evaluate(maskPairs);
		progress.update(1, "Evaluated " + pairs.size() + " file pairs");
		LOG.info("Evaluation, {}: {} nuclei and {} tissue pairs; {} ground-truth and {} " +
			"prediction files unpaired, {} ignored", track.label(), nucleiPairs.size(), maskPairs
				.size(), files.unpairedTruth().size(), files.unpairedPredictions().size(), files
					.ignored().size());
		return new EvaluationReport(track, files, nuclei, panoptic, tissue, warnings);
	}

	/**
	 * Adds a warning when {@code region} keeps no nucleus on either side, because the nuclei
	 * scores are then undefined. The images' sizes are unknown from polygon files, so "outside
	 * every image" means outside the extent of all nuclei in the nuclei files.
	 */
	private static void warnAboutEmptyRegion(double[] region, List<ImagePair> nucleiPairs,
		Envelope nucleiExtent, List<String> warnings)
	{
		for (ImagePair pair : nucleiPairs) {
			if (!pair.truth().isEmpty() || !pair.prediction().isEmpty()) {
				return;
			}
		}
		String regionText = formatCoordinate(region[0]) + "," + formatCoordinate(region[1]) + "," +
			formatCoordinate(region[2]) + "," + formatCoordinate(region[3]);
		Envelope regionBox = new Envelope(region[0], region[2], region[1], region[3]);
		if (nucleiExtent.isNull()) {
			warnings.add("The region " + regionText + " contains no nuclei because the nuclei " +
				"files contain none, so the nuclei scores are undefined.");
		}
		else if (!regionBox.intersects(nucleiExtent)) {
			warnings.add(String.format(Locale.ROOT, "The region %s lies outside every scored " +
				"image: all nuclei lie within x %s to %s and y %s to %s px, so the nuclei scores " +
				"are undefined. Give --region X0,Y0,X1,Y1 in pixels inside the images.", regionText,
				formatCoordinate(nucleiExtent.getMinX()), formatCoordinate(nucleiExtent.getMaxX()),
				formatCoordinate(nucleiExtent.getMinY()), formatCoordinate(nucleiExtent.getMaxY())));
		}
		else {
			warnings.add("The region " + regionText + " contains no nucleus centroid in the " +
				"ground truth or the predictions, so the nuclei scores are undefined. Give a " +
				"region that contains nuclei.");
		}
	}

	private static String formatCoordinate(double value) {
		return value == Math.rint(value) ? String.valueOf((long) value) : String.format(
			Locale.ROOT, "%.1f", value);
	}

	private static List<ClassifiedPolygon> inRegion(List<ClassifiedPolygon> objects,
		double[] region)
	{
		if (region == null) {
			return objects;
		}
		List<ClassifiedPolygon> kept = new ArrayList<>();
		for (ClassifiedPolygon object : objects) {
			var centroid = object.geometry().getCentroid();
			if (centroid.getX() >= region[0] && centroid.getY() >= region[1] && centroid
				.getX() < region[2] && centroid.getY() < region[3])
			{
				kept.add(object);
			}
		}
		return kept;
	}

	private static List<ClassifiedPolygon> readNuclei(Path file, List<String> warnings) {
		AnnotationFile read = AnnotationFiles.read(file, Validation.EVALUATION);
		for (ClassifiedPolygon object : read.objects()) {
			if (ClassNames.isTissueClass(object.className())) {
				throw new InvalidInputException(file + " contains tissue regions (\"" + object
					.className() + "\"), but its name makes it a nuclei file. Rename it to end in " +
					"_tissue.geojson so that it is scored as tissue.");
			}
		}
		if (read.skippedPolygons() > 0) {
			warnings.add(String.format(Locale.ROOT, "%s: %d polygon(s) with fewer than 3 " +
				"vertices skipped, as the official evaluation does.", file, read.skippedPolygons()));
		}
		return read.objects();
	}

	private static MaskPair readMasks(FilePair pair) {
		boolean truthIsMask = isMask(pair.truth());
		boolean predictionIsMask = isMask(pair.prediction());
		TissueMask truthMask = truthIsMask ? TissueMaskTiff.read(pair.truth()) : null;
		TissueMask predictedMask = predictionIsMask ? TissueMaskTiff.read(pair.prediction())
			: null;
		List<ClassifiedPolygon> truthRegions = truthIsMask ? null : readRegions(pair.truth());
		List<ClassifiedPolygon> predictedRegions = predictionIsMask ? null : readRegions(pair
			.prediction());

		int width;
		int height;
		if (truthMask != null || predictedMask != null) {
			TissueMask sized = truthMask != null ? truthMask : predictedMask;
			width = sized.width();
			height = sized.height();
		}
		else {
			Envelope extent = new Envelope();
			truthRegions.forEach(region -> extent.expandToInclude(region.geometry()
				.getEnvelopeInternal()));
			predictedRegions.forEach(region -> extent.expandToInclude(region.geometry()
				.getEnvelopeInternal()));
			width = extent.isNull() ? 1 : Math.max(1, (int) Math.ceil(extent.getMaxX()));
			height = extent.isNull() ? 1 : Math.max(1, (int) Math.ceil(extent.getMaxY()));
		}
		if (truthMask == null) {
			truthMask = rasterise(truthRegions, width, height, pair.truth());
		}
		if (predictedMask == null) {
			predictedMask = rasterise(predictedRegions, width, height, pair.prediction());
		}
		return new MaskPair(pair.image(), truthMask, predictedMask);
	}

	private static boolean isMask(Path file) {
		String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
		return name.endsWith(".tif") || name.endsWith(".tiff");
	}

	private static List<ClassifiedPolygon> readRegions(Path file) {
		return AnnotationFiles.read(file, Validation.EVALUATION).objects();
	}

	private static TissueMask rasterise(List<ClassifiedPolygon> regions, int width, int height,
		Path file)
	{
		try {
			return Rasterization.tissueMask(regions, width, height, PixelSize.unknown(
				"rasterised from " + file.getFileName()));
		}
		catch (InvalidInputException e) {
			throw new InvalidInputException(file + ": " + e.getMessage(), e);
		}
	}
}
