package org.pumaseg.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pumaseg.Progress;
import org.pumaseg.annotation.AnnotationFiles;
import org.pumaseg.annotation.Track;
import org.pumaseg.cli.CliRun;
import org.pumaseg.image.ImageFileReader;
import org.pumaseg.image.ImageFileWriter;
import org.pumaseg.image.PixelSize;
import org.pumaseg.image.RgbImage;
import org.pumaseg.model.OfflineMode;
import org.pumaseg.result.DetectedNucleus;
import org.pumaseg.result.PanopticResult;
import org.pumaseg.testimages.SyntheticHeImage;
import org.pumaseg.train.TestModels;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ij.IJ;
import ij.ImagePlus;

/**
 * Whole segmentation runs on special images: blank images, an image whose right half is
 * blank, and the same field at two pixel sizes.
 */
class SpecialImagesTest {

	private static final double UM_PER_PIXEL = 0.25;
	/** A real PUMA region of interest, scanned at 0.25 µm/px (its file stores only dpi). */
	private static final Path REAL_ROI = Path.of(
		"../shared/data/puma/images/training_set_metastatic_roi_094.tif");

	@TempDir
	static Path models;

	private static Path nucleiModel;
	private static PanopticSegmenter segmenter;

	@BeforeAll
	static void trainModel() {
		OfflineMode.enable();
		nucleiModel = TestModels.nuclei(models.resolve("nuclei"));
		segmenter = new PanopticSegmenter(nucleiModel, null, SegmentationOptions.defaults()
			.withTileSize(64));
	}

	@AfterAll
	static void closeSegmenter() {
		segmenter.close();
	}

	@Test
	void blankImagesGiveEmptyResults(@TempDir Path folder) throws Exception {
		Path inputs = Files.createDirectory(folder.resolve("inputs"));
		ImageFileWriter.write(flat("white", 0xffffff), inputs.resolve("white.tif"));
		ImageFileWriter.write(flat("black", 0x000000), inputs.resolve("black.tif"));
		Path output = folder.resolve("results");

		CliRun run = CliRun.run("segment", inputs.toString(), "--out", output.toString(),
			"--nuclei-model", nucleiModel.toString(), "--no-tissue", "--tile", "64");

		assertEquals(0, run.exitCode(), run.err());
		for (String name : List.of("white", "black")) {
			Path result = output.resolve(name);
			ImagePlus labels = IJ.openImage(result.resolve("nuclei-labels.tif").toString());
			JsonNode geojson = new ObjectMapper().readTree(result.resolve("nuclei.geojson")
				.toFile());
			JsonNode summary = new ObjectMapper().readTree(result.resolve("summary.json")
				.toFile());

			assertEquals(0, labels.getStatistics().max, name + ": labels");
			assertEquals(0, geojson.get("features").size(), name + ": GeoJSON features");
			assertEquals(0, AnnotationFiles.read(result.resolve(Track.TRACK2.outputSlug() +
				".json")).objects().size(), name + ": challenge JSON");
			assertEquals(1, Files.readAllLines(result.resolve("nuclei.csv")).size(), name +
				": CSV rows besides the header");
			assertEquals(0, summary.get("nuclei").asInt(), name);
			assertFalse(Files.readString(result.resolve("summary.json")).contains("NaN"), name);
			for (JsonNode compartment : summary.get("til").get("compartments")) {
				String id = compartment.get("compartment").asText().toLowerCase();
				if (id.contains("intratumoural") || id.contains("peritumoural")) {
					JsonNode density = compartment.get("tilDensityPerMm2");
					assertFalse(density.has("value"), name + " " + id + ": " + density);
					assertTrue(density.has("undefinedReason"), name + " " + id + ": " + density);
				}
			}
		}
		List<String> batch = Files.readAllLines(output.resolve("batch-summary.csv"));
		assertFalse(String.join("\n", batch).contains("NaN"), batch.toString());
	}

	@Test
	void blankHalfHasNoNuclei() {
		int size = 256;
		RgbImage field = SyntheticHeImage.render(size, UM_PER_PIXEL, 31);
		int[] pixels = field.packedRgb().clone();
		for (int y = 0; y < size; y++) {
			for (int x = size / 2; x < size; x++) {
				pixels[y * size + x] = 0xffffffff;
			}
		}
		// Tiles of 64 px: the blank half contains whole tiles of pure background.
		RgbImage halfBlank = RgbImage.wrap("half blank", pixels, size, size, field.pixelSize());

		PanopticResult result = segmenter.segment(halfBlank, Progress.none()).result();

		long left = result.nuclei().stream().filter(n -> n.centroidX() < size / 2.0).count();
		assertTrue(left > 0, "no nuclei in the tissue half");
		for (DetectedNucleus nucleus : result.nuclei()) {
			assertTrue(nucleus.centroidX() < size / 2.0, "a nucleus in the blank half at x = " +
				nucleus.centroidX());
		}
	}

	@Test
	void halfResolutionFindsTheSameNuclei() throws Exception {
		Assumptions.assumeTrue(Files.exists(REAL_ROI), "PUMA ROI not present");
		RgbImage roi = new ImageFileReader().read(REAL_ROI);
		RgbImage fine = crop(roi, 256, 256, 256).withPixelSize(PixelSize.calibrated(UM_PER_PIXEL,
			"PUMA ROI scan"));
		RgbImage coarse = downsampleTwice(fine);

		List<DetectedNucleus> fineNuclei;
		List<DetectedNucleus> coarseNuclei;
		try (PanopticSegmenter bundled = new PanopticSegmenter(DefaultModels.nuclei(), null,
			SegmentationOptions.defaults()))
		{
			fineNuclei = bundled.segment(fine, Progress.none()).result().nuclei();
			coarseNuclei = bundled.segment(coarse, Progress.none()).result().nuclei();
		}

		// Pairs of mutual nearest nuclei closer than half a nucleus (4 µm) are the same
		// nucleus; the rest were found at one pixel size only.
		List<Double> pairDistancesUm = new ArrayList<>();
		for (DetectedNucleus nucleus : fineNuclei) {
			DetectedNucleus other = nearest(nucleus, UM_PER_PIXEL, coarseNuclei, 2 * UM_PER_PIXEL);
			if (other != null && nearest(other, 2 * UM_PER_PIXEL, fineNuclei,
				UM_PER_PIXEL) == nucleus)
			{
				double distance = distanceUm(nucleus, UM_PER_PIXEL, other, 2 * UM_PER_PIXEL);
				if (distance < 4) {
					pairDistancesUm.add(distance);
				}
			}
		}

		assertTrue(fineNuclei.size() > 10, fineNuclei.size() + " nuclei");
		assertTrue(pairDistancesUm.size() >= 0.85 * Math.max(fineNuclei.size(), coarseNuclei
			.size()), pairDistancesUm.size() + " pairs of " + fineNuclei.size() + " and " +
				coarseNuclei.size() + " nuclei");
		// A nucleus touching another may be split at one pixel size only. That moves its
		// centroid by a micrometre or two, so only most pairs must coincide.
		List<Double> sorted = pairDistancesUm.stream().sorted().toList();
		long within = sorted.stream().filter(distance -> distance <= 1).count();
		assertTrue(within >= 0.85 * sorted.size(), within + " of " + sorted.size() +
			" pairs within 1 µm: " + sorted);
		assertTrue(sorted.get(sorted.size() / 2) <= 0.5, "median distance of " + sorted);
	}

	private static DetectedNucleus nearest(DetectedNucleus nucleus, double umPerPixel,
		List<DetectedNucleus> others, double othersUmPerPixel)
	{
		DetectedNucleus best = null;
		double bestDistance = Double.POSITIVE_INFINITY;
		for (DetectedNucleus other : others) {
			double distance = distanceUm(nucleus, umPerPixel, other, othersUmPerPixel);
			if (distance < bestDistance) {
				best = other;
				bestDistance = distance;
			}
		}
		return best;
	}

	private static double distanceUm(DetectedNucleus a, double aUmPerPixel, DetectedNucleus b,
		double bUmPerPixel)
	{
		return Math.hypot(a.centroidX() * aUmPerPixel - b.centroidX() * bUmPerPixel, a
			.centroidY() * aUmPerPixel - b.centroidY() * bUmPerPixel);
	}

	private static RgbImage crop(RgbImage image, int x0, int y0, int size) {
		int[] pixels = new int[size * size];
		for (int y = 0; y < size; y++) {
			System.arraycopy(image.packedRgb(), (y0 + y) * image.width() + x0, pixels, y * size,
				size);
		}
		return RgbImage.wrap(image.name() + " crop", pixels, size, size, image.pixelSize());
	}

	private static RgbImage flat(String name, int rgb) {
		int size = 128;
		int[] pixels = new int[size * size];
		java.util.Arrays.fill(pixels, 0xff000000 | rgb);
		return RgbImage.wrap(name, pixels, size, size, PixelSize.calibrated(UM_PER_PIXEL,
			"test"));
	}

	/** Averages blocks of 2 x 2 pixels: the same field at twice the pixel size. */
	private static RgbImage downsampleTwice(RgbImage image) {
		int width = image.width() / 2;
		int height = image.height() / 2;
		int[] source = image.packedRgb();
		int[] pixels = new int[width * height];
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				int[] sum = new int[3];
				for (int dy = 0; dy < 2; dy++) {
					for (int dx = 0; dx < 2; dx++) {
						int rgb = source[(2 * y + dy) * image.width() + 2 * x + dx];
						sum[0] += (rgb >> 16) & 0xff;
						sum[1] += (rgb >> 8) & 0xff;
						sum[2] += rgb & 0xff;
					}
				}
				pixels[y * width + x] = 0xff000000 | ((sum[0] + 2) / 4) << 16 | ((sum[1] + 2) /
					4) << 8 | (sum[2] + 2) / 4;
			}
		}
		return RgbImage.wrap(image.name() + " at half resolution", pixels, width, height,
			PixelSize.calibrated(2 * image.pixelSize().umPerPixel(), "test"));
	}
}
