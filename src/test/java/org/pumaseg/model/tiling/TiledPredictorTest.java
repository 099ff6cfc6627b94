package org.pumaseg.model.tiling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pumaseg.CanceledException;
import org.pumaseg.InvalidInputException;
import org.pumaseg.Progress;
import org.pumaseg.image.FloatImage;
import org.pumaseg.image.PixelSize;
import org.pumaseg.image.RgbImage;
import org.pumaseg.model.ConvolutionReference;
import org.pumaseg.model.LoadedModel;
import org.pumaseg.model.ModelPackage;
import org.pumaseg.model.NpyArray;
import org.pumaseg.model.OfflineMode;
import org.pumaseg.model.ProcessingStep;
import org.pumaseg.model.RunnablePackages;
import org.pumaseg.model.TinySavedModels;

/**
 * Tiled prediction with real SavedModels whose outputs are known: tiled and whole-image
 * results agree, blending leaves no seams, batching changes nothing, bad models and settings
 * are reported.
 */
class TiledPredictorTest {

	static {
		OfflineMode.enable();
	}

	private static final List<ProcessingStep> SCALE = List.of(new ProcessingStep("scale_linear",
		Map.of("gain", 1 / 255.0)));

	@TempDir
	Path folder;

	private int packages;

	/**
	 * Loads a package around a stack of convolutions with tiles of min + n * 8 px and axes
	 * (batch, y, x, channel).
	 */
	private LoadedModel model(List<float[][][][]> kernels, int halo,
		List<ProcessingStep> preprocessing) throws IOException
	{
		return model(kernels, halo, preprocessing, false);
	}

	/** Loads such a package with axes (batch, channel, y, x) when {@code channelsFirst}. */
	private LoadedModel model(List<float[][][][]> kernels, int halo,
		List<ProcessingStep> preprocessing, boolean channelsFirst) throws IOException
	{
		int outputs = kernels.get(kernels.size() - 1)[0][0][0].length;
		int min = Math.max(16, 2 * halo + 8);
		RunnablePackages spec = new RunnablePackages(channelsFirst, min, 8, halo, outputs,
			preprocessing, 0.25);
		String name = "model-" + packages++;
		Path savedModel = TinySavedModels.convolutions(folder.resolve(name + "-saved"), kernels,
			channelsFirst);
		NpyArray input = spec.tensor(new float[3][min * min], min, min, false);
		NpyArray output = spec.tensor(new float[outputs][min * min], min, min, true);
		ModelPackage written = spec.write(folder.resolve(name), folder.resolve("cache"),
			savedModel, input, output);
		return LoadedModel.load(written, 0);
	}

	private static RgbImage randomImage(long seed, int width, int height) {
		Random random = new Random(seed);
		int[] pixels = new int[width * height];
		for (int i = 0; i < pixels.length; i++) {
			pixels[i] = random.nextInt(1 << 24);
		}
		return RgbImage.wrap("random", pixels, width, height, PixelSize.calibrated(0.25, "test"));
	}

	private static Map<String, FloatImage> predict(LoadedModel model, TilingSettings settings,
		RgbImage image)
	{
		return new TiledPredictor(model, settings).predict(TileSources.of(image), image.name(),
			Progress.none());
	}

	/** Settings whose single tile holds the whole image: the whole-image prediction. */
	private static TilingSettings wholeImage(LoadedModel model, RgbImage image) {
		int size = Math.max(image.width(), image.height()) + 2 * model.haloPixels();
		return new TilingSettings(model.validTileSize("x", size), 1, -1);
	}

	private static float maxDifference(FloatImage a, FloatImage b) {
		assertEquals(a.width(), b.width());
		assertEquals(a.height(), b.height());
		float max = 0;
		for (int c = 0; c < a.numChannels(); c++) {
			float[] x = a.channel(c);
			float[] y = b.channel(c);
			for (int i = 0; i < x.length; i++) {
				max = Math.max(max, Math.abs(x[i] - y[i]));
			}
		}
		return max;
	}

	private static float[][] planes(RgbImage image, float scale) {
		float[][] planes = new float[3][image.width() * image.height()];
		TileSources.of(image).read(0, 0, image.width(), image.height(), planes);
		for (float[] plane : planes) {
			for (int i = 0; i < plane.length; i++) {
				plane[i] *= scale;
			}
		}
		return planes;
	}

	// 33 px with 20 px cores and an 8 px overlap gives cores at 0, 7 and 13: the first tile
	// reaches the band of the third, so one tile adds to three bands of rows.
	@ParameterizedTest(name = "{0} x {1}, channels first: {2}")
	@CsvSource({ "37, 53, false", "1, 1000, false", "1000, 1, false", "300, 41, false",
		"64, 64, false", "33, 33, false", "37, 53, true", "300, 41, true" })
	void tiledEqualsWholeImage(int width, int height, boolean channelsFirst) throws IOException {
		List<float[][][][]> kernels = List.of(TinySavedModels.randomKernel(3, 3, 4, 1),
			TinySavedModels.randomKernel(3, 4, 2, 2));
		RgbImage image = randomImage(width * 31L + height, width, height);

		try (LoadedModel model = model(kernels, 2, SCALE, channelsFirst)) {
			FloatImage tiled = predict(model, new TilingSettings(24, 3, -1), image).get("maps");
			FloatImage whole = predict(model, wholeImage(model, image), image).get("maps");

			float[][] padded = ConvolutionReference.reflectPad(planes(image, 1 / 255f), height,
				width, 2);
			float[][] reference = ConvolutionReference.crop(ConvolutionReference.convolve(padded,
				height + 4, width + 4, kernels), height + 4, width + 4, 2);
			assertTrue(maxDifference(tiled, whole) < 1e-5, "tiled vs whole: " + maxDifference(tiled,
				whole));
			for (int c = 0; c < 2; c++) {
				for (int i = 0; i < reference[c].length; i++) {
					assertEquals(reference[c][i], tiled.channel(c)[i], 1e-4, "channel " + c + " pixel " +
						i);
				}
			}
		}
	}

	@Test
	void outputEncodesReceptiveField() throws IOException {
		List<float[][][][]> kernels = List.of(TinySavedModels.uniformKernel(3, 3, 1, 1),
			TinySavedModels.uniformKernel(3, 1, 1, 1), TinySavedModels.uniformKernel(3, 1, 1, 1));
		int[] pixels = new int[40 * 40];
		pixels[20 * 40 + 17] = 0x0000ff;
		RgbImage impulse = RgbImage.wrap("impulse", pixels, 40, 40, PixelSize.calibrated(0.25,
			"test"));

		try (LoadedModel model = model(kernels, 3, SCALE)) {
			FloatImage tiled = predict(model, new TilingSettings(16, 4, -1), impulse).get("maps");

			for (int y = 0; y < 40; y++) {
				for (int x = 0; x < 40; x++) {
					boolean inside = Math.abs(x - 17) <= 3 && Math.abs(y - 20) <= 3;
					float value = tiled.channel(0)[y * 40 + x];
					assertEquals(inside, value > 1e-6, "receptive field at x " + x + ", y " + y);
				}
			}
		}
	}

	@Test
	void haloBelowReceptiveFieldShowsTileBorders() throws IOException {
		List<float[][][][]> kernels = List.of(TinySavedModels.uniformKernel(3, 3, 1, 1f / 27),
			TinySavedModels.uniformKernel(3, 1, 1, 1f / 9), TinySavedModels.uniformKernel(3, 1, 1,
				1f / 9));
		RgbImage image = randomImage(5, 90, 70);

		try (LoadedModel tooSmall = model(kernels, 1, SCALE); LoadedModel enough = model(kernels, 3,
			SCALE))
		{
			float smallHalo = maxDifference(predict(tooSmall, new TilingSettings(16, 4, 0), image).get(
				"maps"), predict(tooSmall, wholeImage(tooSmall, image), image).get("maps"));
			float fullHalo = maxDifference(predict(enough, new TilingSettings(16, 4, 0), image).get(
				"maps"), predict(enough, wholeImage(enough, image), image).get("maps"));

			assertTrue(smallHalo > 1e-3, "a halo of 1 px misses part of a 3 px receptive field: " +
				smallHalo);
			assertTrue(fullHalo < 1e-5, "a halo of 3 px covers it: " + fullHalo);
		}
	}

	@Test
	void uniformTextureHasNoSeamsOrTrend() throws IOException {
		// A Gaussian (sigma 2 px) over 25 x 25 px: the 8 px halo misses only its far tail.
		float[][][][] gaussian = new float[25][25][3][1];
		double sum = 0;
		for (int dy = 0; dy < 25; dy++) {
			for (int dx = 0; dx < 25; dx++) {
				sum += Math.exp(-((dy - 12) * (dy - 12) + (dx - 12) * (dx - 12)) / 8.0);
			}
		}
		for (int dy = 0; dy < 25; dy++) {
			for (int dx = 0; dx < 25; dx++) {
				float weight = (float) (Math.exp(-((dy - 12) * (dy - 12) + (dx - 12) * (dx - 12)) /
					8.0) / sum / 3);
				for (int c = 0; c < 3; c++) {
					gaussian[dy][dx][c][0] = weight;
				}
			}
		}
		int width = 260;
		int height = 200;
		int[] pixels = new int[width * height];
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				int grey = (int) Math.round(128 + 100 * Math.sin(0.7 * x) * Math.cos(0.9 * y));
				pixels[y * width + x] = grey << 16 | grey << 8 | grey;
			}
		}
		RgbImage texture = RgbImage.wrap("texture", pixels, width, height, PixelSize.calibrated(
			0.25, "test"));

		try (LoadedModel model = model(List.<float[][][][]>of(gaussian), 8, SCALE)) {
			FloatImage tiled = predict(model, new TilingSettings(48, 4, -1), texture).get("maps");
			FloatImage whole = predict(model, wholeImage(model, texture), texture).get("maps");

			assertTrue(maxDifference(tiled, whole) < 1e-3, "max difference " + maxDifference(tiled,
				whole));
			double[] columnBands = new double[4];
			for (int y = 0; y < height; y++) {
				for (int x = 0; x < width; x++) {
					columnBands[x * 4 / width] += tiled.channel(0)[y * width + x] - whole.channel(0)[y *
						width + x];
				}
			}
			for (int band = 0; band < 4; band++) {
				assertEquals(0, columnBands[band] / (width / 4.0 * height), 1e-4, "mean difference " +
					"in column band " + band);
			}
		}
	}

	@Test
	void batchOfOneEqualsBatchOfEight() throws IOException {
		List<float[][][][]> kernels = List.<float[][][][]>of(TinySavedModels.randomKernel(5, 3, 3, 9));
		RgbImage image = randomImage(8, 150, 97);

		try (LoadedModel model = model(kernels, 2, SCALE)) {
			FloatImage one = predict(model, new TilingSettings(32, 1, -1), image).get("maps");
			FloatImage eight = predict(model, new TilingSettings(32, 8, -1), image).get("maps");

			assertTrue(maxDifference(one, eight) < 1e-6, "difference " + maxDifference(one, eight));
		}
	}

	@Test
	void statisticsAreImageWideNotPerTile() throws IOException {
		float[][][][] identity = new float[1][1][3][3];
		for (int c = 0; c < 3; c++) {
			identity[0][0][c][c] = 1;
		}
		RgbImage image = randomImage(9, 120, 80);
		int[] pixels = image.packedRgb();
		for (int y = 0; y < 80; y++) {
			for (int x = 0; x < 60; x++) {
				pixels[y * 120 + x] = 0xc8c8c8;
			}
		}
		List<ProcessingStep> normalise = List.of(new ProcessingStep("zero_mean_unit_variance", Map
			.of("axes", List.of("y", "x"))));

		try (LoadedModel model = model(List.<float[][][][]>of(identity), 2, normalise)) {
			FloatImage tiled = predict(model, new TilingSettings(24, 4, -1), image).get("maps");

			float[][] planes = planes(image, 1);
			for (int c = 0; c < 3; c++) {
				double mean = 0;
				for (float v : planes[c]) {
					mean += v;
				}
				mean /= planes[c].length;
				double variance = 0;
				for (float v : planes[c]) {
					variance += (v - mean) * (v - mean);
				}
				double std = Math.sqrt(variance / planes[c].length);
				for (int i = 0; i < planes[c].length; i++) {
					assertEquals((planes[c][i] - mean) / (std + 1e-6), tiled.channel(c)[i], 1e-4,
						"channel " + c + " pixel " + i);
				}
			}
		}
	}

	@Test
	void nanOutputNamesTheTile() throws IOException {
		RunnablePackages spec = new RunnablePackages(false, 16, 8, 2, 1, List.of(), 0.25);
		Path savedModel = TinySavedModels.nanAboveLimit(folder.resolve("nan-saved"), 0.5f);
		ModelPackage written = spec.write(folder.resolve("nan"), folder.resolve("cache"),
			savedModel, spec.tensor(new float[3][256], 16, 16, false), spec.tensor(
				new float[][] { filled(256, (float) Math.sqrt(0.5)) }, 16, 16, true));
		int[] pixels = new int[100 * 80];
		pixels[50 * 100 + 40] = 0x010000;
		RgbImage image = RgbImage.wrap("spot", pixels, 100, 80, PixelSize.calibrated(0.25, "test"));

		try (LoadedModel model = LoadedModel.load(written, 0)) {
			model.verify();
			List<OutputBlock> received = new ArrayList<>();
			InvalidInputException error = assertThrows(InvalidInputException.class,
				() -> new TiledPredictor(model, new TilingSettings(32, 2, -1)).predict(TileSources.of(
					image), received::add, Progress.none()));

			String message = error.getMessage();
			assertTrue(message.contains("output 'maps' is NaN at image pixel (x 40, y 50)"),
				message);
			assertTrue(message.contains("in the tile at x"), message);
		}
	}

	private static float[] filled(int length, float value) {
		float[] values = new float[length];
		java.util.Arrays.fill(values, value);
		return values;
	}

	@Test
	void tileBelowTheModelMinimumIsRejected() throws IOException {
		// Tiles of 24 + n * 8 px with an 8 px halo: 17 px would keep 1 px but is no valid length.
		try (LoadedModel model = model(List.<float[][][][]>of(TinySavedModels.randomKernel(3, 3, 1,
			1)), 8, SCALE))
		{
			assertEquals(24, TiledPredictor.minimumTileSize(model));
			for (int requested : new int[] { 1, 16, 17, 23 }) {
				InvalidInputException error = assertThrows(InvalidInputException.class,
					() -> new TiledPredictor(model, new TilingSettings(requested, 1, -1)));

				String message = error.getMessage();
				assertTrue(message.contains("Invalid tile size " + requested + " px"), message);
				assertTrue(message.contains("at least 24 px"), message);
				assertTrue(message.contains("8 px halo"), message);
			}
		}
	}

	@Test
	void tileSizeRoundsUpToValidLength() throws IOException {
		try (LoadedModel model = model(List.<float[][][][]>of(TinySavedModels.randomKernel(3, 3, 1,
			1)), 8, SCALE))
		{
			assertEquals(24, TiledPredictor.tileSize(model, 24));
			assertEquals(32, TiledPredictor.tileSize(model, 25));
			assertEquals(32, TiledPredictor.tileSize(model, 32));
		}
	}

	@Test
	void rowBlocksCoverEveryRowOnceInOrder() throws IOException {
		RgbImage image = randomImage(3, 70, 113);

		try (LoadedModel model = model(List.<float[][][][]>of(TinySavedModels.randomKernel(3, 3, 2,
			4)), 2, SCALE))
		{
			List<OutputBlock> blocks = new ArrayList<>();
			List<Double> fractions = new ArrayList<>();
			new TiledPredictor(model, new TilingSettings(24, 3, -1)).predict(TileSources.of(image),
				blocks::add, Progress.of((fraction, message) -> fractions.add(fraction), () -> false));

			int nextRow = 0;
			for (OutputBlock block : blocks) {
				assertEquals("maps", block.outputId());
				assertEquals(70, block.width());
				assertEquals(nextRow, block.y());
				assertEquals(2, block.channels().length);
				nextRow += block.height();
			}
			assertEquals(113, nextRow);
			assertTrue(blocks.size() > 1, "several blocks: " + blocks.size());
			assertEquals(1.0, fractions.get(fractions.size() - 1), 1e-9);
			for (int i = 1; i < fractions.size(); i++) {
				assertTrue(fractions.get(i) >= fractions.get(i - 1), "progress goes forward");
			}
		}
	}

	@Test
	void cancelStopsBeforeTheNextBatch() throws IOException {
		RgbImage image = randomImage(4, 200, 200);

		try (LoadedModel model = model(List.<float[][][][]>of(TinySavedModels.randomKernel(3, 3, 1,
			5)), 2, SCALE))
		{
			List<String> tileMessages = new ArrayList<>();
			boolean[] canceled = { false };
			Progress progress = Progress.of((fraction, message) -> {
				if (message.startsWith("Predicted tile")) {
					tileMessages.add(message);
					canceled[0] = true;
				}
			}, () -> canceled[0]);

			assertThrows(CanceledException.class, () -> new TiledPredictor(model, new TilingSettings(
				32, 1, -1)).predict(TileSources.of(image), block -> {}, progress));

			assertEquals(1, tileMessages.size(), "tiles run: " + tileMessages);
			assertTrue(tileMessages.get(0).startsWith("Predicted tile 1 of "), tileMessages.get(0));
		}
	}

	@Test
	void otherPixelSizeIsResampledAndMappedBack() throws IOException {
		float[][][][] identity = new float[1][1][3][3];
		for (int c = 0; c < 3; c++) {
			identity[0][0][c][c] = 1;
		}
		int width = 60;
		int height = 40;
		int[] pixels = new int[width * height];
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				int red = 2 * x + y;
				pixels[y * width + x] = red << 16 | 50 << 8 | 100;
			}
		}
		RgbImage coarse = RgbImage.wrap("coarse", pixels, width, height, PixelSize.calibrated(0.5,
			"test"));
		RgbImage uncalibrated = RgbImage.wrap("plain", pixels, width, height, PixelSize.unknown(
			"no calibration"));

		try (LoadedModel model = model(List.<float[][][][]>of(identity), 2, SCALE)) {
			TiledPredictor predictor = new TiledPredictor(model, new TilingSettings(32, 4, -1));
			FloatImage resampled = predictor.predict(coarse, null, Progress.none()).get("maps");
			FloatImage assumed = predictor.predict(uncalibrated, null, Progress.none()).get("maps");

			assertEquals(width, resampled.width());
			assertEquals(height, resampled.height());
			assertEquals(0.5, resampled.pixelSize().umPerPixel(), 1e-9);
			assertEquals(width, assumed.width());
			assertEquals(0.25, assumed.pixelSize().umPerPixel(), 1e-9);
			for (int y = 1; y < height - 1; y++) {
				for (int x = 1; x < width - 1; x++) {
					float expected = (2 * x + y) / 255f;
					assertEquals(expected, resampled.channel(0)[y * width + x], 1.5f / 255, "x " + x +
						", y " + y);
					assertEquals(expected, assumed.channel(0)[y * width + x], 1e-5f);
				}
			}
		}
	}

	/** Tile sources wrapping an image: they count reads running at once and may fail one read. */
	private static final class WatchedSource implements TileSource {

		final TileSource image;
		final int failingRead;
		final AtomicInteger reads = new AtomicInteger();
		final AtomicInteger running = new AtomicInteger();
		final AtomicInteger maxRunning = new AtomicInteger();

		WatchedSource(RgbImage image, int failingRead) {
			this.image = TileSources.of(image);
			this.failingRead = failingRead;
		}

		@Override
		public int width() {
			return image.width();
		}

		@Override
		public int height() {
			return image.height();
		}

		@Override
		public int channelCount() {
			return 3;
		}

		@Override
		public void read(int x, int y, int width, int height, float[][] planes) {
			maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
			try {
				if (reads.incrementAndGet() == failingRead) {
					throw new InvalidInputException("Read " + failingRead + " failed.");
				}
				Thread.yield();
				image.read(x, y, width, height, planes);
			}
			finally {
				running.decrementAndGet();
			}
		}
	}

	private static boolean workerThreadsAlive() {
		return Thread.getAllStackTraces().keySet().stream().anyMatch(thread -> List.of(
			"pumaseg-tile-cutter", "pumaseg-statistics").contains(thread.getName()));
	}

	@Test
	void sourceIsReadOneCallAtATime() throws IOException {
		RgbImage image = randomImage(11, 150, 130);
		List<ProcessingStep> normalise = List.of(new ProcessingStep("zero_mean_unit_variance", Map
			.of("axes", List.of("y", "x"))));

		try (LoadedModel model = model(List.<float[][][][]>of(TinySavedModels.randomKernel(3, 3, 2,
			12)), 2, normalise))
		{
			WatchedSource source = new WatchedSource(image, -1);
			FloatImage watched = new TiledPredictor(model, new TilingSettings(24, 2, -1)).predict(
				source, "watched", Progress.none()).get("maps");
			FloatImage plain = predict(model, new TilingSettings(24, 2, -1), image).get("maps");

			assertTrue(source.reads.get() > 10, "reads: " + source.reads.get());
			assertEquals(1, source.maxRunning.get(), "reads running at once");
			assertEquals(0, maxDifference(watched, plain), "same output from the same pixels");
			assertFalse(workerThreadsAlive(), "worker threads end with the prediction");
		}
	}

	@Test
	void sourceFailureReachesTheCaller() throws IOException {
		RgbImage image = randomImage(12, 150, 130);

		try (LoadedModel model = model(List.<float[][][][]>of(TinySavedModels.randomKernel(3, 3, 2,
			13)), 2, SCALE))
		{
			List<OutputBlock> received = new ArrayList<>();
			InvalidInputException error = assertThrows(InvalidInputException.class,
				() -> new TiledPredictor(model, new TilingSettings(24, 2, -1)).predict(
					new WatchedSource(image, 9), received::add, Progress.none()));

			assertEquals("Read 9 failed.", error.getMessage());
			assertFalse(workerThreadsAlive(), "the tile cutter ends after a failure");
		}
	}

	@Test
	void cancelEndsTheTileCutter() throws IOException {
		RgbImage image = randomImage(13, 200, 200);

		try (LoadedModel model = model(List.<float[][][][]>of(TinySavedModels.randomKernel(3, 3, 1,
			14)), 2, SCALE))
		{
			AtomicBoolean canceled = new AtomicBoolean();
			Progress progress = Progress.of((fraction, message) -> canceled.set(message.startsWith(
				"Predicted tile")), canceled::get);

			assertThrows(CanceledException.class, () -> new TiledPredictor(model, new TilingSettings(
				32, 2, -1)).predict(TileSources.of(image), block -> {}, progress));

			assertFalse(workerThreadsAlive(), "the tile cutter ends after a cancel");
		}
	}

	@Test
	void imageWithWrongChannelCountIsRejected() throws IOException {
		FloatImage grey = FloatImage.create("grey", 20, 20, List.of("grey"), PixelSize.calibrated(
			0.25, "test"));

		try (LoadedModel model = model(List.<float[][][][]>of(TinySavedModels.randomKernel(1, 3, 1,
			6)), 2, SCALE))
		{
			InvalidInputException error = assertThrows(InvalidInputException.class,
				() -> new TiledPredictor(model, TilingSettings.DEFAULT).predict(TileSources.of(grey),
					block -> {}, Progress.none()));

			assertTrue(error.getMessage().contains("has 1 channels"), error.getMessage());
		}
	}
}
