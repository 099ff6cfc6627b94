package org.pumaseg.model.tiling;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.pumaseg.Progress;
import org.pumaseg.model.LoadedModel;
import org.pumaseg.model.ModelPackage;
import org.pumaseg.model.OfflineMode;
import org.pumaseg.model.ProcessingStep;
import org.pumaseg.model.RunnablePackages;
import org.pumaseg.model.TinySavedModels;

/**
 * Measures the tiling overhead and peak heap of {@link TiledPredictor}; not part of the test
 * suite. For each image size it reports the time of the model alone on the same number of
 * tiles (same size, same batch) and the time of the whole tiled pipeline (statistics pass,
 * cutting, padding, preprocessing, blending, row blocks), then the peak heap of the
 * pipeline. The image is generated on the fly by a {@link TileSource}, so the input itself
 * takes no heap; the model is two 3 x 3 convolutions (3 -> 8 -> 2 channels) with a halo of
 * 8 px. Run with {@code -Xmx1536m} to check the 1.5 GB bound; arguments are image sizes.
 */
public final class TilingBenchmark {

	private static final TilingSettings SETTINGS = new TilingSettings(256, 4, -1);

	private TilingBenchmark() {}

	public static void main(String[] arguments) throws Exception {
		OfflineMode.enable();
		int[] sizes = arguments.length == 0 ? new int[] { 1024, 5120, 20000 } : new int[arguments.length];
		for (int i = 0; i < arguments.length; i++) {
			sizes[i] = Integer.parseInt(arguments[i]);
		}
		Path folder = Files.createTempDirectory("tiling-benchmark");
		RunnablePackages spec = new RunnablePackages(false, 64, 32, 8, 2, List.of(
			new ProcessingStep("scale_linear", Map.of("gain", 1 / 255.0)), new ProcessingStep(
				"zero_mean_unit_variance", Map.of("axes", List.of("y", "x")))), 0.25);
		Path savedModel = TinySavedModels.convolutions(folder.resolve("saved"), List.of(
			TinySavedModels.randomKernel(3, 3, 8, 1), TinySavedModels.randomKernel(3, 8, 2, 2)),
			false);
		ModelPackage modelPackage = spec.write(folder.resolve("package"), folder.resolve("cache"),
			savedModel, spec.tensor(new float[3][64 * 64], 64, 64, false), spec.tensor(
				new float[2][64 * 64], 64, 64, true));

		System.out.printf(Locale.ROOT, "%-7s %7s %10s %12s %9s %13s%n", "image", "tiles",
			"model (s)", "pipeline (s)", "overhead", "peak heap MB");
		try (LoadedModel model = LoadedModel.load(modelPackage, 0)) {
			warmUp(model);
			for (int size : sizes) {
				run(model, size);
			}
		}
	}

	private static void warmUp(LoadedModel model) {
		TiledPredictor predictor = new TiledPredictor(model, SETTINGS);
		predictor.predict(new SyntheticImage(512, 512), block -> {}, Progress.none());
	}

	private static void run(LoadedModel model, int size) {
		TiledPredictor predictor = new TiledPredictor(model, SETTINGS);
		SyntheticImage image = new SyntheticImage(size, size);
		AxisTiling axis = new AxisTiling(size, model.validTileSize("x", SETTINGS.tileSize()), model
			.haloPixels(), Math.min(Math.max(model.haloPixels(), 8), (SETTINGS.tileSize() - 2 * model
				.haloPixels()) / 2));
		int tiles = axis.tileCount() * axis.tileCount();
		boolean timeModel = size <= 5120;

		double modelSeconds = timeModel ? modelAlone(model, tiles, axis.tileSize) : Double.NaN;

		System.gc();
		resetPeaks();
		long start = System.nanoTime();
		double[] checksum = { 0 };
		predictor.predict(image, block -> checksum[0] += block.get(0, 0, 0), Progress.none());
		double pipelineSeconds = (System.nanoTime() - start) / 1e9;
		long peak = peakHeapBytes();

		System.out.printf(Locale.ROOT, "%-7s %7d %10s %12.2f %9s %13d%n", size + "²", tiles,
			timeModel ? String.format(Locale.ROOT, "%.2f", modelSeconds) : "-", pipelineSeconds,
			timeModel ? String.format(Locale.ROOT, "%+.1f %%", 100 * (pipelineSeconds /
				modelSeconds - 1)) : "-", peak >> 20);
	}

	/** The model on {@code tiles} random tiles of {@code tileSize}, in batches, nothing else. */
	private static double modelAlone(LoadedModel model, int tiles, int tileSize) {
		Random random = new Random(1);
		float[][][] batch = new float[SETTINGS.batchSize()][3][tileSize * tileSize];
		for (float[][] tile : batch) {
			for (float[] plane : tile) {
				for (int i = 0; i < plane.length; i++) {
					plane[i] = random.nextFloat();
				}
			}
		}
		long start = System.nanoTime();
		for (int done = 0; done < tiles; done += batch.length) {
			int count = Math.min(batch.length, tiles - done);
			float[][][] part = count == batch.length ? batch : java.util.Arrays.copyOf(batch, count);
			model.run(part, tileSize, tileSize);
		}
		return (System.nanoTime() - start) / 1e9;
	}

	private static void resetPeaks() {
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) {
				pool.resetPeakUsage();
			}
		}
	}

	/** Sum of the heap pools' peaks: an upper bound of the peak heap, garbage included. */
	private static long peakHeapBytes() {
		long sum = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) {
				sum += pool.getPeakUsage().getUsed();
			}
		}
		return sum;
	}

	/** An RGB texture computed from the pixel position, so that it needs no memory. */
	private static final class SyntheticImage implements TileSource {

		private final int width;
		private final int height;

		SyntheticImage(int width, int height) {
			this.width = width;
			this.height = height;
		}

		@Override
		public int width() {
			return width;
		}

		@Override
		public int height() {
			return height;
		}

		@Override
		public int channelCount() {
			return 3;
		}

		@Override
		public void read(int x, int y, int w, int h, float[][] planes) {
			for (int row = 0; row < h; row++) {
				for (int column = 0; column < w; column++) {
					int px = x + column;
					int py = y + row;
					int i = row * w + column;
					planes[0][i] = (px * 7 + py * 3) & 0xff;
					planes[1][i] = (px ^ py) & 0xff;
					planes[2][i] = (px * py) & 0xff;
				}
			}
		}
	}
}
