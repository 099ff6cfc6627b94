package org.pumaseg.model.tiling;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.pumaseg.CanceledException;
import org.pumaseg.InvalidInputException;
import org.pumaseg.image.FloatImage;
import org.pumaseg.image.PixelSize;
import org.pumaseg.image.RgbImage;
import org.pumaseg.preprocess.PreprocessingChain;
import org.pumaseg.preprocess.Resampling;
import org.pumaseg.preprocess.StageImage;
import org.pumaseg.Progress;
import org.pumaseg.model.LoadedModel;
import org.pumaseg.model.OutputTensor;
import org.pumaseg.model.OutputTiles;
import org.pumaseg.model.TensorProcessing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a model on an image of any size, tile by tile, and delivers the blended outputs in
 * blocks of finished rows.
 * <p>
 * Steps: the input preprocessing is fitted once to the whole image (statistics are never
 * taken per tile); tiles of the model's valid size, overlapping by twice the halo plus a
 * blending overlap ({@link AxisTiling}), are cut in raster order, reflection-padded where
 * they pass the image border, preprocessed and run in batches; each output tile is checked
 * for NaN and infinity, its halo is cropped and the rest is added with smooth weights into
 * bands of rows, one band per row of tiles. When a row of tiles is done, its band, which no
 * later tile touches, is normalised by the summed weights and handed to the consumer.
 * <p>
 * The statistics pass reads the {@link TileSource} on the calling thread. Tiles are cut and
 * preprocessed on a worker thread one batch ahead of the model ({@link TilePrefetcher}), so
 * they overlap with TensorFlow. The source is read by one thread at a time. Memory is bounded
 * by the tile size, the batch size and the image width (the open bands span at most
 * {@code output channels x (tile core height + band height) x image width} floats, and at
 * most three batches of input tiles exist at once), not by the image height. Cancellation is checked before each
 * row block of the statistics pass, before each batch runs and every 20 ms while waiting for
 * the worker. When the prediction ends for any reason, the worker stops before its next tile.
 */
public final class TiledPredictor {

	private static final Logger LOG = LoggerFactory.getLogger(TiledPredictor.class);

	/** Relative pixel size difference above which an image is resampled to the model's. */
	static final double PIXEL_SIZE_TOLERANCE = 0.01;

	/** The exponent field of a float, all ones for NaN and infinity. */
	private static final int EXPONENT_BITS = 0x7f800000;

	/**
	 * Largest difference from 1 of a weight sum that is left without normalisation: about
	 * ten float rounding steps, far below the 1e-5 by which tiled and whole-image outputs may
	 * differ.
	 */
	private static final double UNIT_WEIGHT_SUM = 1e-6;

	/** Pixels per block when the image is read for preprocessing statistics. */
	private static final int STATISTICS_BLOCK_PIXELS = 1 << 20;

	private final LoadedModel model;
	private final TilingSettings settings;
	/** Tile width and height of the last prediction, or null before the first. */
	private int[] lastTileSize;

	/**
	 * Creates a predictor for {@code model}.
	 *
	 * @throws InvalidInputException when the tile size is below {@link #minimumTileSize}
	 */
	public TiledPredictor(LoadedModel model, TilingSettings settings) {
		this.model = model;
		this.settings = settings;
		tileSize(model, settings.tileSize());
	}

	/**
	 * Returns the smallest tile length, in pixels, that {@code model} accepts and that keeps
	 * something of a tile once the halo is cropped from both sides.
	 */
	public static int minimumTileSize(LoadedModel model) {
		return Math.max(model.validTileSize("x", 2 * model.haloPixels() + 1), model.validTileSize(
			"y", 2 * model.haloPixels() + 1));
	}

	/**
	 * Returns the tile length that {@code model} runs for the {@code requested} one: the
	 * smallest length the model accepts that is at least {@code requested}, or the model's
	 * fixed length. Tiles are lowered further only for images smaller than one tile.
	 *
	 * @throws InvalidInputException when {@code requested} is below
	 *           {@link #minimumTileSize}, naming the value, the minimum and the reason
	 */
	public static int tileSize(LoadedModel model, int requested) {
		int minimum = minimumTileSize(model);
		if (requested < minimum) {
			throw new InvalidInputException(String.format(Locale.ROOT, "Invalid tile size %d px " +
				"for model '%s': use tiles of at least %d px (--tile on the command line, tile_size " +
				"in Fiji and macros). The model crops a %d px halo from " +
				"each side of a tile and accepts only certain tile lengths, of which %d px is the " +
				"smallest that keeps part of a tile.", requested, model.description().name(),
				minimum, model.haloPixels(), minimum));
		}
		return Math.max(model.validTileSize("x", requested), model.validTileSize("y", requested));
	}

	public LoadedModel model() {
		return model;
	}

	/**
	 * Returns the tile width and height in pixels of the last prediction, or null before the
	 * first. They are below the requested tile size when the image is smaller than one tile.
	 */
	public int[] lastTileSize() {
		return lastTileSize == null ? null : lastTileSize.clone();
	}

	public TilingSettings settings() {
		return settings;
	}

	/**
	 * Predicts every output of the model on {@code source} and hands the finished rows to
	 * {@code consumer}.
	 *
	 * @throws InvalidInputException when the image has the wrong number of channels or the
	 *           model outputs NaN or infinity (naming the tile)
	 * @throws org.pumaseg.CanceledException when {@code progress} is canceled
	 */
	public void predict(TileSource source, OutputBlockConsumer consumer, Progress progress) {
		int channels = model.input().channelCount();
		if (source.channelCount() != channels) {
			throw new InvalidInputException("The image has " + source.channelCount() +
				" channels, but model '" + model.description().name() + "' takes " + channels +
				". Fix: give an RGB image.");
		}
		long start = System.nanoTime();
		TensorProcessing preprocessing = fitPreprocessing(source, progress.subRange(0, 0.1));
		long fitted = System.nanoTime();
		Run run = new Run(source, consumer, preprocessing);
		lastTileSize = new int[] { run.xs.tileSize, run.ys.tileSize };
		LOG.info("Tiled prediction of {} x {} px with '{}': tiles {} x {} px (halo {} px, " +
			"{} x {} tiles), batch {}, preprocessing {} (fitted in {} ms)", source.width(), source
				.height(), model.description().name(), run.xs.tileSize, run.ys.tileSize, model
					.haloPixels(), run.xs.tileCount(), run.ys.tileCount(), run.batchSize, preprocessing,
			(fitted - start) / 1_000_000);
		run.execute(progress.subRange(0.1, 1));
		LOG.info("Tiled prediction done: {} tiles in {} ms", run.tileCount(), (System.nanoTime() -
			start) / 1_000_000);
	}

	/**
	 * Predicts on a whole image held in memory and returns every output as a float image of
	 * the image's size, at the model's pixel size.
	 */
	public Map<String, FloatImage> predict(TileSource source, String name, Progress progress) {
		PixelSize modelPixelSize = PixelSize.calibrated(modelPixelSizeUm(), "pixel size of model '" +
			model.description().name() + "'");
		Map<String, FloatImage> images = new LinkedHashMap<>();
		for (OutputTensor output : model.outputs()) {
			images.put(output.id(), FloatImage.create(name + " " + output.id(), source.width(), source
				.height(), channelNames(output), modelPixelSize));
		}
		predict(source, block -> {
			FloatImage image = images.get(block.outputId());
			for (int c = 0; c < block.channels().length; c++) {
				System.arraycopy(block.channels()[c], 0, image.channel(c), block.y() * block.width(),
					block.height() * block.width());
			}
		}, progress);
		return images;
	}

	/**
	 * Predicts on an RGB image: resamples it to the model's pixel size when its own differs by
	 * more than 1 % (an uncalibrated image is taken to have the model's pixel size, with a
	 * warning), runs {@code chain} when given, predicts, and maps the outputs back onto the
	 * image's pixel grid.
	 *
	 * @param chain PumaSeg preprocessing to run on the resampled image before the package's
	 *          own preprocessing, or null
	 */
	public Map<String, FloatImage> predict(RgbImage image, PreprocessingChain chain,
		Progress progress)
	{
		double modelUm = modelPixelSizeUm();
		PixelSize pixelSize = image.pixelSize();
		boolean resample = false;
		if (!pixelSize.isKnown()) {
			LOG.warn("Image '{}' has no pixel size ({}); assuming the model's {} µm/px.", image
				.name(), pixelSize.origin(), modelUm);
		}
		else if (Math.abs(pixelSize.umPerPixel() / modelUm - 1) > PIXEL_SIZE_TOLERANCE) {
			resample = true;
		}

		RgbImage input = image;
		Progress predicting = progress;
		if (resample) {
			LOG.info("Resampling '{}' from {} to the model's {} µm/px.", image.name(), pixelSize
				.umPerPixel(), modelUm);
			input = Resampling.toPixelSize(image, modelUm, progress.subRange(0, 0.05));
			predicting = progress.subRange(0.05, 0.95);
		}
		TileSource source;
		if (chain == null || chain.ops().isEmpty()) {
			source = TileSources.of(input);
		}
		else {
			StageImage stage = chain.apply(input, predicting.subRange(0, 0.1));
			predicting = predicting.subRange(0.1, 1);
			source = stage.kind() == StageImage.Kind.RGB ? TileSources.of(stage.rgb()) : TileSources
				.of(stage.floats());
		}
		Map<String, FloatImage> outputs = predict(source, image.name(), predicting);
		// The outputs lie on the image's pixel grid, so they carry the image's pixel size with
		// its origin: an assumed size stays assumed, and a calibration keeps naming the file.
		PixelSize outputPixelSize = pixelSize.orAssume(modelUm, "pixel size of model '" + model
			.description().name() + "'");
		Map<String, FloatImage> mapped = new LinkedHashMap<>();
		Progress back = progress.subRange(0.95, 1);
		for (Map.Entry<String, FloatImage> output : outputs.entrySet()) {
			FloatImage onImageGrid = output.getValue();
			if (resample) {
				onImageGrid = Resampling.toGrid(onImageGrid, image.width(), image.height(), pixelSize
					.umPerPixel(), back);
			}
			mapped.put(output.getKey(), onImageGrid.withPixelSize(outputPixelSize));
		}
		return mapped;
	}

	private double modelPixelSizeUm() {
		return model.description().pumaseg().pixelSizeUm();
	}

	/**
	 * Image-wide preprocessing statistics, read in blocks of whole rows. This thread reads
	 * each block while a worker thread takes the statistics of the one before, in order, so
	 * the statistics do not depend on thread timing.
	 */
	private TensorProcessing fitPreprocessing(TileSource source, Progress progress) {
		int width = source.width();
		int rows = Math.min(source.height(), Math.max(1, STATISTICS_BLOCK_PIXELS / width));
		int channels = source.channelCount();
		return model.fitPreprocessing(action -> {
			// Two buffers take turns, so a block is never refilled while the worker reads it.
			// Only a shorter last block gets its own arrays.
			float[][][] buffers = { new float[channels][width * rows], new float[channels][width *
				rows] };
			ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
				Thread thread = new Thread(runnable, "pumaseg-statistics");
				thread.setDaemon(true);
				return thread;
			});
			try {
				Future<?> previous = null;
				for (int y = 0, k = 0; y < source.height(); y += rows, k++) {
					progress.checkCanceled();
					int height = Math.min(rows, source.height() - y);
					float[][] block = height == rows ? buffers[k % 2] : new float[channels][width *
						height];
					source.read(0, y, width, height, block);
					await(previous);
					previous = worker.submit(() -> action.accept(block));
				}
				await(previous);
			}
			finally {
				stop(worker);
			}
		});
	}

	/** Lets the worker finish its current block, if any, and waits for its thread to end. */
	private static void stop(ExecutorService worker) {
		worker.shutdown();
		boolean interrupted = false;
		while (!worker.isTerminated()) {
			try {
				worker.awaitTermination(1, TimeUnit.MINUTES);
			}
			catch (InterruptedException e) {
				interrupted = true;
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	/** Waits for a task of the statistics worker and rethrows what it threw. */
	private static void await(Future<?> task) {
		if (task == null) {
			return;
		}
		try {
			task.get();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new CanceledException();
		}
		catch (ExecutionException e) {
			if (e.getCause() instanceof Error error) {
				throw error;
			}
			throw (RuntimeException) e.getCause();
		}
	}

	/** The state of one prediction: the tile grid, the open output bands and the tiles done. */
	private final class Run {

		final TileSource source;
		final OutputBlockConsumer consumer;
		final TensorProcessing preprocessing;
		final AxisTiling ys;
		final AxisTiling xs;
		final int batchSize;
		/**
		 * Per output, the bands of rows still receiving tiles, indexed by tile row: band
		 * {@code j} contains the image rows from the core start of tile row {@code j} to the core
		 * start of the next, as {@code [c][row * width + x]}. A band is created when the first
		 * tile reaches it and handed to the consumer, normalised in place, when tile row
		 * {@code j} is done, so finished rows are neither copied nor shifted.
		 */
		final Map<String, float[][][]> bands = new LinkedHashMap<>();
		/** The band, i.e. the tile row, that each image row belongs to. */
		final int[] bandOfRow;
		/**
		 * One over the summed blending weights of each image column. Floats let the
		 * normalisation loop use SIMD, and their rounding is far below the 1e-5 by which
		 * tiled and whole-image outputs may differ.
		 */
		final float[] columnScales;
		/**
		 * True when every column's weights sum to 1 within {@link #UNIT_WEIGHT_SUM}, as the
		 * paired rising and falling ramps of neighbouring tiles do, so rows whose weights also
		 * sum to 1 need no normalisation.
		 */
		final boolean unitColumns;
		int done;

		Run(TileSource source, OutputBlockConsumer consumer, TensorProcessing preprocessing) {
			this.source = source;
			this.consumer = consumer;
			this.preprocessing = preprocessing;
			int halo = model.haloPixels();
			this.ys = axis("y", source.height(), halo);
			this.xs = axis("x", source.width(), halo);
			this.batchSize = model.takesBatches() ? settings.batchSize() : 1;
			for (OutputTensor output : model.outputs()) {
				bands.put(output.id(), new float[ys.tileCount()][][]);
			}
			this.bandOfRow = new int[source.height()];
			for (int j = 0; j < ys.tileCount(); j++) {
				java.util.Arrays.fill(bandOfRow, ys.coreStart(j), bandEnd(j), j);
			}
			this.columnScales = new float[source.width()];
			boolean unit = true;
			for (int x = 0; x < columnScales.length; x++) {
				columnScales[x] = (float) (1 / xs.weightSum(x));
				unit &= Math.abs(xs.weightSum(x) - 1) <= UNIT_WEIGHT_SUM;
			}
			this.unitColumns = unit;
		}

		/** Tiling along one axis: the requested size, or less for a short image. */
		private AxisTiling axis(String axisId, int length, int halo) {
			int size = model.validTileSize(axisId, settings.tileSize());
			int fitting = model.validTileSize(axisId, length + 2 * halo);
			size = Math.min(size, fitting);
			int core = size - 2 * halo;
			int overlap = settings.blendOverlap() >= 0 ? settings.blendOverlap() : Math.max(halo,
				8);
			return new AxisTiling(length, size, halo, Math.min(overlap, core / 2));
		}

		int tileCount() {
			return ys.tileCount() * xs.tileCount();
		}

		/** Returns the image row after the last row of band {@code j}. */
		private int bandEnd(int j) {
			return j < ys.tileCount() - 1 ? ys.coreStart(j + 1) : source.height();
		}

		/**
		 * Runs every batch in raster order. With more than one batch, the next batch is cut on
		 * a worker thread while this thread runs the model and blends.
		 */
		void execute(Progress progress) {
			TileCutter cutter = new TileCutter(source, preprocessing, ys, xs, batchSize);
			if (cutter.batchCount() == 1) {
				runBatch(cutter.cutBatch(0, progress::checkCanceled), progress);
				return;
			}
			try (TilePrefetcher prefetcher = new TilePrefetcher(cutter)) {
				for (int b = 0; b < cutter.batchCount(); b++) {
					TileBatch batch = prefetcher.next(progress);
					runBatch(batch, progress);
				}
			}
		}

		private void runBatch(TileBatch batch, Progress progress) {
			progress.checkCanceled();
			Map<String, OutputTiles> outputs = model.runInPlace(batch.tiles(), ys.tileSize,
				xs.tileSize);
			for (int b = 0; b < batch.size(); b++) {
				int j = batch.rows()[b];
				int i = batch.columns()[b];
				for (OutputTensor output : model.outputs()) {
					OutputTiles tiles = outputs.get(output.id());
					if (!accumulate(output, tiles, b, j, i)) {
						checkFinite(output, tiles, b, j, i);
					}
				}
				done++;
				if (i == xs.tileCount() - 1) {
					emitRows(j);
				}
			}
			progress.update((double) done / tileCount(), "Predicted tile " + done + " of " +
				tileCount());
		}

		/**
		 * Adds the weighted core of output tile {@code b} into the bands it covers.
		 *
		 * @return false when the core contains NaN or infinity. The bands are then spoiled,
		 *         and {@link #checkFinite} finds the pixel for the error.
		 */
		private boolean accumulate(OutputTensor output, OutputTiles tiles, int b, int j, int i) {
			float[][][] outputBands = bands.get(output.id());
			int width = source.width();
			int top = ys.coreStart(j);
			int rows = Math.min(ys.core, source.height() - top);
			int left = xs.coreStart(i);
			int columns = Math.min(xs.core, width - left);
			float[] columnWeights = xs.tileWeights(i);
			int rowStride = tiles.rowStride();
			int columnStride = tiles.columnStride();
			// The largest exponent field seen: all ones only for NaN and infinity. A maximum
			// keeps the loop free of branches, so the check costs no second pass.
			int exponents = 0;
			for (int ky = 0; ky < rows; ky++) {
				int y = top + ky;
				int band = bandOfRow[y];
				if (outputBands[band] == null) {
					outputBands[band] = new float[tiles.channelCount()][(bandEnd(band) - ys.coreStart(
						band)) * width];
				}
				float[][] target = outputBands[band];
				float rowWeight = ys.weight(j, ky);
				int to = (y - ys.coreStart(band)) * width + left;
				for (int c = 0; c < target.length; c++) {
					float[] sums = target[c];
					float[] values = tiles.array(b, c);
					int from = tiles.start(b, c) + (ky + ys.halo) * rowStride + xs.halo * columnStride;
					for (int kx = 0; kx < columns; kx++) {
						float value = values[from + kx * columnStride];
						exponents = Math.max(exponents, Float.floatToRawIntBits(value) & EXPONENT_BITS);
						sums[to + kx] += value * rowWeight * columnWeights[kx];
					}
				}
			}
			return exponents != EXPONENT_BITS;
		}

		private void checkFinite(OutputTensor output, OutputTiles tiles, int b, int j, int i) {
			int rows = Math.min(ys.core, source.height() - ys.coreStart(j));
			int columns = Math.min(xs.core, source.width() - xs.coreStart(i));
			for (int c = 0; c < tiles.channelCount(); c++) {
				for (int ky = 0; ky < rows; ky++) {
					for (int kx = 0; kx < columns; kx++) {
						float value = tiles.get(b, c, ky + ys.halo, kx + xs.halo);
						if (!Float.isFinite(value)) {
							throw new InvalidInputException(String.format(Locale.ROOT, "Model '%s' " +
								"output '%s' is %s at image pixel (x %d, y %d), channel %d, in the " +
								"tile at x %d, y %d (%d x %d px, row %d, column %d of the tile " +
								"grid). Nothing was written. Fix: check the model and the input " +
								"image there; a model that outputs NaN needs retraining or repair.",
								model.description().name(), output.id(), value, xs.coreStart(i) + kx, ys
									.coreStart(j) + ky, c, xs.tileStart(i), ys.tileStart(j), xs.tileSize,
								ys.tileSize, j, i));
						}
					}
				}
			}
		}

		/**
		 * Normalises band {@code j}, whose rows no later tile touches, by the summed weights
		 * and hands it to the consumer, which then owns its arrays.
		 */
		private void emitRows(int j) {
			int width = source.width();
			int first = ys.coreStart(j);
			int rows = bandEnd(j) - first;
			for (OutputTensor output : model.outputs()) {
				float[][][] outputBands = bands.get(output.id());
				float[][] channels = outputBands[j] != null ? outputBands[j]
					: new float[output.channelCount()][rows * width];
				outputBands[j] = null;
				for (float[] values : channels) {
					for (int row = 0; row < rows; row++) {
						double rowSum = ys.weightSum(first + row);
						if (unitColumns && Math.abs(rowSum - 1) <= UNIT_WEIGHT_SUM) {
							continue;
						}
						float rowScale = (float) (1 / rowSum);
						int offset = row * width;
						for (int x = 0; x < width; x++) {
							values[offset + x] *= rowScale * columnScales[x];
						}
					}
				}
				consumer.accept(new OutputBlock(output.id(), channelNames(output), width, first, rows,
					channels));
			}
		}
	}

	/** Returns the channel names of an output, or its id for an output without a channel axis. */
	static List<String> channelNames(OutputTensor output) {
		return output.channelAxis().map(axis -> axis.channelNames()).orElse(List.of(output.id()));
	}
}
