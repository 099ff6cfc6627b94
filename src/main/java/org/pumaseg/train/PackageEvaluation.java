package org.pumaseg.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.pumaseg.Progress;
import org.pumaseg.annotation.GeoJsonFormat;
import org.pumaseg.annotation.TissueMaskTiff;
import org.pumaseg.annotation.Track;
import org.pumaseg.export.NucleusObjects;
import org.pumaseg.image.ImageFileReader;
import org.pumaseg.image.RgbImage;
import org.pumaseg.metrics.Evaluation;
import org.pumaseg.metrics.NucleiScores;
import org.pumaseg.metrics.TissueScores;
import org.pumaseg.result.PanopticResult;
import org.pumaseg.segment.BatchSegmentation;
import org.pumaseg.segment.PanopticSegmenter;
import org.pumaseg.segment.SegmentationOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores a model package on the validation data the way a user reproduces the scores: each
 * source image is segmented whole with {@code pumaseg segment}'s default settings, the
 * prediction is written as {@code pumaseg segment} writes it, and {@link Evaluation#run}, the
 * code behind {@code pumaseg evaluate}, scores the file against the annotation file, once on
 * the held-out columns ({@code --region}) and once on the whole image.
 * <p>
 * Tissue is scored on the whole image only, because {@code pumaseg evaluate --region} does
 * not restrict tissue.
 */
public final class PackageEvaluation {

	private static final Logger LOG = LoggerFactory.getLogger(PackageEvaluation.class);

	/**
	 * Scores of one validation image.
	 *
	 * @param image name of the image file without extension, as {@code pumaseg segment} names
	 *        its result folder
	 * @param region held-out columns and rows {x0, y0, x1, y1} (x1, y1 excluded), or null when
	 *        the whole image was held out
	 * @param commands the shell commands that reproduce the scores
	 * @param heldOutTrack1 nuclei scores in the region, track 1 (null for tissue models)
	 * @param heldOutTrack2 nuclei scores in the region, track 2 (null for tissue models)
	 * @param wholeTrack1 nuclei scores of the whole image, track 1 (null for tissue models)
	 * @param wholeTrack2 nuclei scores of the whole image, track 2 (null for tissue models)
	 * @param wholeTissue tissue scores of the whole image (null for nuclei models)
	 */
	public record ImageScores(String image, int[] region, List<String> commands,
		NucleiScores heldOutTrack1, NucleiScores heldOutTrack2, NucleiScores wholeTrack1,
		NucleiScores wholeTrack2, TissueScores wholeTissue)
	{}

	private PackageEvaluation() {}

	/**
	 * Scores {@code modelPackage} on the source files of {@code validation}, once per source
	 * image. Images without source files or without the needed annotations are skipped.
	 *
	 * @param task whether the package is a nuclei or a tissue model
	 * @param packageName how the commands name the package (its path as the user types it)
	 */
	public static List<ImageScores> evaluate(Path modelPackage, String packageName,
		TrainingTask task, List<TrainingImage> validation, Progress progress)
	{
		List<TrainingImage> sources = new ArrayList<>();
		for (TrainingImage image : validation) {
			TrainingImage.Source source = image.source();
			Path truth = source == null ? null : task == TrainingTask.NUCLEI ? source
				.nucleiAnnotations() : source.tissueAnnotations();
			if (truth != null) {
				sources.add(image);
			}
		}
		List<ImageScores> scores = new ArrayList<>();
		if (sources.isEmpty()) {
			return scores;
		}
		boolean nuclei = task == TrainingTask.NUCLEI;
		Path scratch = null;
		try (PanopticSegmenter segmenter = new PanopticSegmenter(nuclei ? modelPackage : null,
			nuclei ? null : modelPackage, SegmentationOptions.defaults()))
		{
			scratch = Files.createTempDirectory("pumaseg-package-evaluation-");
			ImageFileReader reader = new ImageFileReader();
			for (int i = 0; i < sources.size(); i++) {
				progress.checkCanceled();
				Progress imageProgress = progress.subRange((double) i / sources.size(), (double) (i +
					1) / sources.size());
				scores.add(evaluateOne(segmenter, reader, sources.get(i), modelPackage, packageName,
					nuclei, scratch, imageProgress));
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot write the predictions to score " +
				modelPackage + ": " + e.getMessage(), e);
		}
		finally {
			deleteQuietly(scratch);
		}
		return scores;
	}

	private static ImageScores evaluateOne(PanopticSegmenter segmenter, ImageFileReader reader,
		TrainingImage image, Path modelPackage, String packageName, boolean nuclei, Path scratch,
		Progress progress) throws IOException
	{
		TrainingImage.Source source = image.source();
		String name = BatchSegmentation.resultName(source.image());
		RgbImage read = reader.read(source.image());
		RgbImage named = RgbImage.wrap(name, read.packedRgb(), read.width(), read.height(), read
			.pixelSize());
		PanopticResult result = segmenter.segment(named, progress.subRange(0, 0.7)).result();
		Path folder = Files.createDirectories(scratch.resolve(name));
		boolean part = source.fromX() > 0 || image.width() < source.fileWidth() || image
			.height() < source.fileHeight();
		int[] region = part ? new int[] { source.fromX(), 0, source.fromX() + image.width(), image
			.height() } : null;
		String out = "/tmp/pumaseg-reproduce";
		String segment = "pumaseg segment " + source.image() + " --out " + out + " --overwrite " + (nuclei
			? "--nuclei-model " + packageName + " --no-tissue" : "--tissue-model " + packageName);
		List<String> commands = new ArrayList<>(List.of(segment));
		if (!nuclei) {
			Path prediction = folder.resolve("tissue-mask.tif");
			TissueMaskTiff.write(prediction, result.tissue());
			TissueScores tissue = Evaluation.run(source.tissueAnnotations(), prediction,
				Track.TRACK1, progress.subRange(0.7, 1)).tissue();
			commands.add("pumaseg evaluate --truth " + source.tissueAnnotations() + " --pred " +
				out + "/" + name + "/tissue-mask.tif");
			LOG.info("Package {} on {}: tissue micro Dice {}", modelPackage, name, tissue
				.microDiceMean());
			return new ImageScores(name, region, commands, null, null, null, null, tissue);
		}

		Path prediction = folder.resolve("nuclei.geojson");
		GeoJsonFormat.write(prediction, NucleusObjects.detections(result));
		Path truth = source.nucleiAnnotations();
		double[] area = region == null ? null : new double[] { region[0], region[1], region[2],
			region[3] };
		List<double[]> restrictions = new ArrayList<>();
		if (area != null) {
			restrictions.add(area);
		}
		restrictions.add(null);
		List<NucleiScores> found = new ArrayList<>();
		int k = 0;
		// NOTE: a package with the track-1 classes fails the track-2 scoring below, because
		// track 2 does not score nuclei_other, so cards exist for 10-class packages only.
		for (double[] restriction : restrictions) {
			for (Track track : List.of(Track.TRACK1, Track.TRACK2)) {
				progress.update(0.7 + 0.075 * k, "Scoring " + name);
				k++;
				found.add(Evaluation.run(truth, prediction, track, restriction, Progress.none())
					.nuclei());
				commands.add("pumaseg evaluate --truth " + truth + " --pred " + out + "/" + name +
					"/nuclei.geojson --track " + track.number() + (restriction == null ? ""
						: " --region " + regionText(region)));
			}
		}
		// Without a region the whole image was held out: both pairs of scores are the same.
		int whole = found.size() - 2;
		LOG.info("Package {} on {}: track-1 F1 {} held out, {} whole", modelPackage, name,
			found.get(0).macroF1(), found.get(whole).macroF1());
		return new ImageScores(name, region, commands, found.get(0), found.get(1), found.get(
			whole), found.get(whole + 1), null);
	}

	static String regionText(int[] region) {
		return String.format(Locale.ROOT, "%d,%d,%d,%d", region[0], region[1], region[2],
			region[3]);
	}

	private static void deleteQuietly(Path folder) {
		if (folder == null) {
			return;
		}
		try (Stream<Path> files = Files.walk(folder)) {
			for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
				Files.deleteIfExists(file);
			}
		}
		catch (IOException e) {
			LOG.warn("Could not delete {}: {}", folder, e.getMessage());
		}
	}
}
