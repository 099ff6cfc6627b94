package org.pumaseg.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.pumaseg.Progress;
import org.pumaseg.model.LoadedModel;
import org.pumaseg.model.OfflineMode;
import org.pumaseg.model.tiling.TiledPredictor;
import org.pumaseg.model.tiling.TilingSettings;
import org.pumaseg.segment.DefaultModels;

/**
 * Measures what tiling costs on top of the model, and the peak heap of a tiled prediction.
 * <p>
 * For one square image size it times the whole {@link TiledPredictor} pipeline (image-wide
 * statistics pass, cutting with reflection padding, preprocessing, model, blending, row
 * blocks handed to a consumer that keeps nothing), then the model alone on as many random
 * tiles as the image needs (same tile size, same batch size, the same model call as the
 * pipeline's), and repeats the pair for a
 * number of rounds. The overhead is the median of the rounds' ratios: each round compares two
 * runs a few seconds apart, so a change of load on a shared machine affects both sides of a
 * ratio alike. A warm-up prediction of up to 1024 x 1024 px runs first, long enough for
 * several batches, so the JIT compiler has compiled the cutting and blending before the clock
 * starts. The peak heap is the largest of the rounds' pipeline peaks. The model is the bundled default nuclei model, so the times are those of a
 * real network. The image is computed from the pixel position ({@link SyntheticTileSource}),
 * so the input takes no heap.
 * <p>
 * Peak heap is the sum of the peaks of the heap memory pools, reset after a garbage
 * collection just before the pipeline starts, so it counts garbage not yet collected and is an
 * upper bound. It leaves out TensorFlow's native memory. Each size runs in a child JVM of its
 * own ({@link #inChildJvm}) so that the peaks of different sizes do not mix.
 */
public final class TilingBenchmark {

	/** Largest image side at which the model alone is timed; above it only the pipeline runs. */
	public static final int MODEL_ALONE_MAX_SIZE = 5120;

	/** Tiles of 256 px, 4 per model call, the command line's defaults. */
	public static final TilingSettings SETTINGS = TilingSettings.DEFAULT;

	/** Largest side of the warm-up prediction, in pixels: 36 tiles of the default tiling. */
	static final int WARM_UP_MAX_SIZE = 1024;

	private static final String PROGRESS_LINE = "progress\t";
	private static final String RESULT_LINE = "result\t";
	private static final Pattern TILE_COUNT = Pattern.compile("tile \\d+ of (\\d+)");

	/**
	 * One size measured.
	 *
	 * @param size image width and height in pixels
	 * @param tiles tiles the pipeline predicted
	 * @param tileSize tile width and height in pixels
	 * @param pipelineSeconds the whole tiled prediction, one time per round
	 * @param modelAloneSeconds the model alone on {@code tiles} tiles, one time per round, or
	 *          empty when not timed
	 * @param peakHeapBytes peak heap of the pipeline (see the class description)
	 * @param maxHeapBytes maximum heap of the JVM that measured
	 * @param model name of the model
	 */
	public record Measurement(int size, int tiles, int tileSize, int batchSize,
		double[] pipelineSeconds, double[] modelAloneSeconds, long peakHeapBytes, long maxHeapBytes,
		String model)
	{

		public Measurement {
			if (pipelineSeconds.length == 0) {
				throw new IllegalArgumentException("A measurement needs at least one pipeline time.");
			}
			if (modelAloneSeconds.length != 0 && modelAloneSeconds.length != pipelineSeconds.length) {
				throw new IllegalArgumentException("Pipeline and model alone need one time each per " +
					"round, not " + pipelineSeconds.length + " and " + modelAloneSeconds.length + ".");
			}
			pipelineSeconds = pipelineSeconds.clone();
			modelAloneSeconds = modelAloneSeconds.clone();
		}

		public int rounds() {
			return pipelineSeconds.length;
		}

		public boolean modelAloneTimed() {
			return modelAloneSeconds.length > 0;
		}

		public double pipelineMedian() {
			return median(pipelineSeconds);
		}

		/** Returns the median time of the model alone, or NaN when it was not timed. */
		public double modelAloneMedian() {
			return modelAloneTimed() ? median(modelAloneSeconds) : Double.NaN;
		}

		/**
		 * Returns each round's pipeline time over its model time, minus 1: the share tiling
		 * adds. Empty when the model alone was not timed.
		 */
		public double[] roundOverheads() {
			double[] overheads = new double[modelAloneSeconds.length];
			for (int r = 0; r < overheads.length; r++) {
				overheads[r] = pipelineSeconds[r] / modelAloneSeconds[r] - 1;
			}
			return overheads;
		}

		/** Returns the median of {@link #roundOverheads}, or NaN when the model was not timed. */
		public double overhead() {
			return modelAloneTimed() ? median(roundOverheads()) : Double.NaN;
		}
	}

	/** Returns the median of {@code values}, the mean of the middle two for an even count. */
	static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int middle = sorted.length / 2;
		return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	private TilingBenchmark() {}

	/**
	 * Times the whole tiled pipeline and, when {@code timeModelAlone}, the model alone on a
	 * {@code size} x {@code size} image in this JVM, alternating for {@code rounds} rounds.
	 */
	public static Measurement measure(LoadedModel model, int size, int rounds,
		boolean timeModelAlone, Progress progress)
	{
		TiledPredictor predictor = new TiledPredictor(model, SETTINGS);
		int tileSize = model.validTileSize("x", Math.min(size, SETTINGS.tileSize()));

		progress.update(0, "Warming up the model");
		int warmUpSize = Math.min(size, WARM_UP_MAX_SIZE);
		predictor.predict(new SyntheticTileSource(warmUpSize, warmUpSize), block -> {}, Progress
			.none());
		float[][][] modelBatch = randomBatch(model, tileSize);
		model.runInPlace(modelBatch, tileSize, tileSize);
		progress.checkCanceled();

		double[] pipelineSeconds = new double[rounds];
		double[] modelSeconds = new double[timeModelAlone ? rounds : 0];
		long peak = 0;
		int[] tiles = { 0 };
		// One message per round: the per-tile messages would print a line per tile on the
		// console.
		for (int round = 0; round < rounds; round++) {
			Progress roundProgress = progress.subRange(0.05 + 0.95 * round / rounds, 0.05 + 0.95 *
				(round + 1) / rounds);
			Progress pipelineProgress = roundProgress.subRange(0, timeModelAlone ? 0.5 : 1);
			String message = String.format(Locale.ROOT, "Tiled prediction of %d² px, round %d of %d",
				size, round + 1, rounds);
			Progress counting = Progress.of((fraction, tileMessage) -> {
				tiles[0] = Math.max(tiles[0], tileCount(tileMessage));
				pipelineProgress.update(fraction, message);
			}, progress::isCanceled);

			System.gc();
			resetPeaks();
			pipelineSeconds[round] = Timing.seconds(() -> predictor.predict(new SyntheticTileSource(
				size, size), block -> {}, counting));
			peak = Math.max(peak, peakHeapBytes());
			if (tiles[0] == 0) {
				// NOTE: the tile count is read from the progress messages of TiledPredictor
				// ("Predicted tile N of M"), its only public report of the count.
				throw new IllegalStateException("The tiled prediction reported no tile count in " +
					"its progress messages, so the model alone cannot be timed on as many tiles.");
			}
			if (timeModelAlone) {
				modelSeconds[round] = modelAlone(model, modelBatch, tiles[0], tileSize, roundProgress
					.subRange(0.5, 1));
			}
		}
		progress.update(1, "Tiling measured");
		return new Measurement(size, tiles[0], tileSize, SETTINGS.batchSize(), pipelineSeconds,
			modelSeconds, peak, Runtime.getRuntime().maxMemory(), model.description().name());
	}

	private static int tileCount(String message) {
		if (message == null) {
			return 0;
		}
		Matcher matcher = TILE_COUNT.matcher(message);
		return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
	}

	/** Returns one batch of random preprocessed tiles, as many as the model takes per call. */
	private static float[][][] randomBatch(LoadedModel model, int tileSize) {
		int batchSize = model.takesBatches() ? SETTINGS.batchSize() : 1;
		Random random = new Random(1);
		float[][][] batch = new float[batchSize][model.input().channelCount()][tileSize * tileSize];
		for (float[][] tile : batch) {
			for (float[] plane : tile) {
				for (int i = 0; i < plane.length; i++) {
					plane[i] = random.nextFloat();
				}
			}
		}
		return batch;
	}

	/**
	 * Runs the model on {@code tiles} tiles of {@code batch} through
	 * {@link LoadedModel#runInPlace}, the call the pipeline makes, and returns the seconds.
	 */
	private static double modelAlone(LoadedModel model, float[][][] batch, int tiles,
		int tileSize, Progress progress)
	{
		long start = System.nanoTime();
		for (int done = 0; done < tiles; done += batch.length) {
			progress.checkCanceled();
			int count = Math.min(batch.length, tiles - done);
			float[][][] part = count == batch.length ? batch : Arrays.copyOf(batch, count);
			model.runInPlace(part, tileSize, tileSize);
			progress.update((double) (done + count) / tiles, "Model alone on " + tiles +
				" tiles");
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

	private static long peakHeapBytes() {
		long sum = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) {
				sum += pool.getPeakUsage().getUsed();
			}
		}
		return sum;
	}

	/**
	 * Measures one size in a child JVM with this JVM's class path, maximum heap and PumaSeg
	 * settings, and forwards its progress. The child's log goes to this JVM's standard error.
	 *
	 * @throws IOException when the child cannot start or fails (its messages are then on
	 *           standard error)
	 */
	public static Measurement inChildJvm(int size, int rounds, boolean timeModelAlone,
		Progress progress) throws IOException
	{
		Process process = ChildProcesses.start(childCommand(size, rounds, timeModelAlone));
		Measurement measurement = null;
		try (BufferedReader output = new BufferedReader(new InputStreamReader(process
			.getInputStream(), StandardCharsets.UTF_8)))
		{
			String line;
			while ((line = output.readLine()) != null) {
				if (line.startsWith(PROGRESS_LINE)) {
					String[] fields = line.split("\t", 3);
					progress.update(Double.parseDouble(fields[1]), fields.length > 2 ? fields[2] : "");
				}
				else if (line.startsWith(RESULT_LINE)) {
					measurement = parseResult(line);
				}
			}
			int exit = process.waitFor();
			if (exit != 0 || measurement == null) {
				throw new IOException("The child JVM measuring " + size + "² px failed with exit " +
					"status " + exit + "; its messages are above");
			}
			return measurement;
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted while the child JVM measured " + size + "² px", e);
		}
		finally {
			ChildProcesses.finished(process);
		}
	}

	private static ProcessBuilder childCommand(int size, int rounds, boolean timeModelAlone) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xmx" + (Runtime.getRuntime().maxMemory() >> 20) + "m");
		command.add("-DOPT_OUT_TRACKING=true");
		command.add("-Dai.djl.offline=true");
		command.add("-Djava.awt.headless=true");
		for (String name : System.getProperties().stringPropertyNames()) {
			if (name.equals(DefaultModels.DIRECTORY_PROPERTY) || name.startsWith(
				"org.slf4j.simpleLogger."))
			{
				command.add("-D" + name + "=" + System.getProperty(name));
			}
		}
		command.addAll(List.of("-cp", System.getProperty("java.class.path")));
		command.add(TilingBenchmark.class.getName());
		command.add(Integer.toString(size));
		command.add(Integer.toString(rounds));
		command.add(Boolean.toString(timeModelAlone));
		ProcessBuilder builder = new ProcessBuilder(command).redirectError(
			ProcessBuilder.Redirect.INHERIT);
		builder.environment().put("OPT_OUT_TRACKING", "true");
		return builder;
	}

	private static Measurement parseResult(String line) {
		String[] fields = line.split("\t");
		return new Measurement(Integer.parseInt(fields[1]), Integer.parseInt(fields[2]), Integer
			.parseInt(fields[3]), Integer.parseInt(fields[4]), parseTimes(fields[5]), parseTimes(
				fields[6]), Long.parseLong(fields[7]), Long.parseLong(fields[8]), fields[9]);
	}

	private static double[] parseTimes(String field) {
		return field.isEmpty() ? new double[0] : Arrays.stream(field.split(",")).mapToDouble(
			Double::parseDouble).toArray();
	}

	private static String formatTimes(double[] seconds) {
		return String.join(",", Arrays.stream(seconds).mapToObj(Double::toString).toList());
	}

	/**
	 * Entry point of the child JVM: arguments SIZE, ROUNDS and TIME_MODEL_ALONE (true or
	 * false). Writes progress lines and one result line, tab-separated, on standard output.
	 */
	public static void main(String[] arguments) {
		OfflineMode.enable();
		int size = Integer.parseInt(arguments[0]);
		int rounds = Integer.parseInt(arguments[1]);
		boolean timeModelAlone = Boolean.parseBoolean(arguments[2]);
		Progress progress = Progress.of((fraction, message) -> System.out.println(PROGRESS_LINE +
			fraction + "\t" + (message == null ? "" : message.replace('\n', ' '))), () -> false);

		Measurement measurement;
		try (LoadedModel model = LoadedModel.open(DefaultModels.nuclei())) {
			measurement = measure(model, size, rounds, timeModelAlone, progress);
		}
		System.out.println(String.join("\t", "result", Integer.toString(measurement.size()),
			Integer.toString(measurement.tiles()), Integer.toString(measurement.tileSize()), Integer
				.toString(measurement.batchSize()), formatTimes(measurement.pipelineSeconds()),
			formatTimes(measurement.modelAloneSeconds()), Long.toString(measurement.peakHeapBytes()),
			Long.toString(measurement.maxHeapBytes()), measurement.model()));
		System.out.flush();
	}
}
