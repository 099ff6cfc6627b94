package org.pumaseg.segment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.pumaseg.CanceledException;
import org.pumaseg.InvalidInputException;
import org.pumaseg.OutputFiles;
import org.pumaseg.Progress;
import org.pumaseg.annotation.Track;
import org.pumaseg.export.ResultFolderWriter;
import org.pumaseg.image.ImageFileReader;
import org.pumaseg.image.RgbImage;
import org.pumaseg.result.DetectedNucleus;
import org.pumaseg.result.PanopticResult;
import org.pumaseg.til.TilAnalysis;
import org.pumaseg.til.TilInput;
import org.pumaseg.til.TilParameters;
import org.pumaseg.til.TilQuantifier;
import org.pumaseg.til.TilReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Segments images one after another and writes each result folder (see
 * {@link ResultFolderWriter}) with its TIL measures. A folder input stands for the TIFF, PNG
 * and JPEG files directly in it. An image that fails is reported and the batch goes on; with
 * more than one image, {@code batch-summary.csv} lists every image with its status, counts,
 * TIL densities and time.
 */
public final class BatchSegmentation {

	/** The outcome of one input image: its result folder and measures, or the error. */
	public record ImageOutcome(Path input, Path resultFolder, PanopticResult result,
		TilReport til, double seconds, String error) {

		public boolean succeeded() {
			return error == null;
		}
	}

	private static final Logger LOG = LoggerFactory.getLogger(BatchSegmentation.class);
	private static final ObjectMapper JSON = new ObjectMapper();

	private final PanopticSegmenter segmenter;
	private final Track track;
	private final boolean overwrite;
	private final ImageFileReader reader = new ImageFileReader();

	public BatchSegmentation(PanopticSegmenter segmenter, Track track, boolean overwrite) {
		this.segmenter = segmenter;
		this.track = track;
		this.overwrite = overwrite;
	}

	/**
	 * Expands folders into their image files (sorted by name) and checks that every file
	 * exists and no two images would write the same result folder.
	 */
	public static List<Path> expandInputs(List<Path> inputs) {
		List<Path> images = new ArrayList<>();
		for (Path input : inputs) {
			if (Files.isDirectory(input)) {
				try (Stream<Path> files = Files.list(input)) {
					List<Path> found = files.filter(Files::isRegularFile).filter(
						BatchSegmentation::isImageName).sorted().toList();
					if (found.isEmpty()) {
						throw new InvalidInputException("The folder " + input + " contains no TIFF, " +
							"PNG or JPEG file. Give a folder of images or image files.");
					}
					images.addAll(found);
				}
				catch (IOException e) {
					throw new InvalidInputException("Cannot list the folder " + input + ": " + e
						.getMessage(), e);
				}
			}
			else if (!Files.exists(input)) {
				throw new InvalidInputException("Input not found: " + input +
					". Check the path and its spelling.");
			}
			else {
				images.add(input);
			}
		}
		Map<String, Path> byName = new LinkedHashMap<>();
		for (Path image : images) {
			Path previous = byName.put(resultName(image), image);
			if (previous != null) {
				throw new InvalidInputException("The inputs " + previous + " and " + image +
					" would both write results to a folder named " + resultName(image) +
					". Rename one, or run them separately.");
			}
		}
		return images;
	}

	/** Returns the result folder name of an input: its file name without the extension. */
	public static String resultName(Path image) {
		String name = image.getFileName().toString();
		int dot = name.lastIndexOf('.');
		return dot > 0 ? name.substring(0, dot) : name;
	}

	private static boolean isImageName(Path file) {
		String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
		return name.endsWith(".tif") || name.endsWith(".tiff") || name.endsWith(".png") || name
			.endsWith(".jpg") || name.endsWith(".jpeg");
	}

	/**
	 * Segments every image and writes its results under {@code output}; the batch summary is
	 * written when there is more than one image.
	 *
	 * @throws CanceledException when canceled; results of finished images stay
	 */
	public List<ImageOutcome> run(List<Path> images, Path output, Progress progress)
		throws IOException
	{
		for (Path image : images) {
			ResultFolderWriter.checkTarget(output, resultName(image), overwrite);
		}
		List<ImageOutcome> outcomes = new ArrayList<>();
		for (int i = 0; i < images.size(); i++) {
			Path image = images.get(i);
			Progress imageProgress = progress.subRange((double) i / images.size(), (double) (i +
				1) / images.size());
			imageProgress.update(0, "Image " + (i + 1) + " of " + images.size() + ": " + image
				.getFileName());
			outcomes.add(segmentOne(image, output, imageProgress));
		}
		if (images.size() > 1) {
			writeSummary(output.resolve("batch-summary.csv"), outcomes);
		}
		return outcomes;
	}

	private ImageOutcome segmentOne(Path image, Path output, Progress progress) {
		long start = System.nanoTime();
		try {
			RgbImage rgb = reader.read(image);
			RgbImage named = RgbImage.wrap(resultName(image), rgb.packedRgb(), rgb.width(), rgb
				.height(), rgb.pixelSize());
			PanopticSegmenter.Segmentation segmentation = segmenter.segment(named, progress
				.subRange(0, 0.85));
			PanopticResult result = segmentation.result();
			progress.checkCanceled();

			TilReport til = TilQuantifier.quantify(TilInput.of(result), TilParameters.defaults(),
				progress.subRange(0.85, 0.9)).report();
			Map<String, Object> summary = new LinkedHashMap<>();
			summary.put("input", image.toAbsolutePath().toString());
			summary.put("timings_s", segmentation.timings());
			summary.put("til", JSON.readValue(til.toJson(), Map.class));
			progress.update(0.9, "Writing results of " + image.getFileName());
			Path folder = ResultFolderWriter.write(output, named, result, track, overwrite,
				summary);
			return new ImageOutcome(image, folder, result, til, seconds(start), null);
		}
		catch (InvalidInputException | IOException e) {
			LOG.error("{} failed: {}", image, e.getMessage());
			return new ImageOutcome(image, null, null, null, seconds(start), e.getMessage());
		}
	}

	/**
	 * Writes one line per image: status, time and track-1 counts, then every column of the
	 * image's TIL report (prefixed {@code til_}), empty for images that failed.
	 */
	private void writeSummary(Path file, List<ImageOutcome> outcomes) {
		String[] tilColumns = TilReport.csvHeader().split(",");
		StringBuilder csv = new StringBuilder("input,status,seconds,nuclei,tumour,tils,other,error");
		for (String column : tilColumns) {
			csv.append(",til_").append(column);
		}
		csv.append('\n');
		for (ImageOutcome outcome : outcomes) {
			csv.append(csvCell(outcome.input().getFileName().toString())).append(',');
			csv.append(outcome.succeeded() ? "ok" : "failed").append(',');
			csv.append(String.format(Locale.ROOT, "%.2f", outcome.seconds())).append(',');
			if (outcome.succeeded()) {
				Map<String, Integer> groups = track1Counts(outcome.result());
				csv.append(outcome.result().nuclei().size()).append(',');
				csv.append(groups.get(Track.TUMOR_NAME)).append(',');
				csv.append(groups.get(Track.LYMPHOCYTE_NAME)).append(',');
				csv.append(groups.get(Track.OTHER_NAME)).append(",,");
				csv.append(outcome.til().toCsvRow());
			}
			else {
				csv.append(",,,,").append(csvCell(outcome.error()));
				csv.append(",".repeat(tilColumns.length));
			}
			csv.append('\n');
		}
		OutputFiles.write(file, out -> out.write(csv.toString().getBytes(StandardCharsets.UTF_8)));
	}

	private static Map<String, Integer> track1Counts(PanopticResult result) {
		Map<String, Integer> counts = new LinkedHashMap<>();
		for (String name : Track.TRACK1.classNames()) {
			counts.put(name, 0);
		}
		for (DetectedNucleus nucleus : result.nuclei()) {
			counts.merge(nucleus.nucleusClass().track1ClassName(), 1, Integer::sum);
		}
		return counts;
	}

	private static String csvCell(String text) {
		String flat = text.replace('\n', ' ').replace("\"", "\"\"");
		return flat.contains(",") || flat.contains("\"") ? "\"" + flat + "\"" : flat;
	}

	private static double seconds(long start) {
		return (System.nanoTime() - start) / 1e9;
	}
}
