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
 * For one square image size it times the model alone on as many random tiles as the image
 * needs (same tile size, same batch size), then the whole {@link TiledPredictor} pipeline
 * (image-wide statistics pass, cutting with reflection padding, preprocessing, model,
 * blending, row blocks handed to a consumer that keeps nothing), and records the peak heap of
 * the pipeline. The model is the bundled default nuclei model, so the times are those of a
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

	private static final String PROGRESS_LINE = "progress\t";
	private static final String RESULT_LINE = "result\t";
	private static final Pattern TILE_COUNT = Pattern.compile("tile \\d+ of (\\d+)");

	/**
	 * One size measured.
	 *
	 * @param size image width and height in pixels
	 * @param tiles tiles the pipeline predicted
	 * @param tileSize tile width and height in pixels
	 * @param modelAloneSeconds the model alone on {@code tiles} tiles, or NaN when not timed
	 * @param pipelineSeconds the whole tiled prediction
	 * @param peakHeapBytes peak heap of the pipeline (see the class description)
	 * @param maxHeapBytes maximum heap of the JVM that measured
	 * @param model name of the model
	 */
	public record Measurement(int size, int tiles, int tileSize, int batchSize,
		double modelAloneSeconds, double pipelineSeconds, long peakHeapBytes, long maxHeapBytes,
		String model)
	{

		/** Pipeline time over model time, minus 1: the share tiling adds; NaN when not timed. */
		public double overhead() {
			return pipelineSeconds / modelAloneSeconds - 1;
		}
	}

	private TilingBenchmark() {}

	/**
	 * Times the model alone (when {@code timeModelAlone}) and the whole tiled pipeline on a
	 * {@code size} x {@code size} image in this JVM.
	 */
	public static Measurement measure(LoadedModel model, int size, boolean timeModelAlone,
		Progress progress)
	{
		TiledPredictor predictor = new TiledPredictor(model, SETTINGS);
		int tileSize = model.validTileSize("x", Math.min(size, SETTINGS.tileSize()));

		progress.update(0, "Warming up the model");
		int warmUpSize = Math.min(size, 2 * SETTINGS.tileSize());
		predictor.predict(new SyntheticTileSource(warmUpSize, warmUpSize), block -> {}, Progress
			.none());
		progress.checkCanceled();

		System.gc();
		resetPeaks();
		int[] tiles = { 0 };
		Progress pipelineProgress = progress.subRange(0.05, timeModelAlone ? 0.5 : 1);
		// One message for the whole prediction: the per-tile messages would print a line per
		// tile on the console.
		String message = "Tiled prediction of " + size + "² px";
		Progress counting = Progress.of((fraction, tileMessage) -> {
			tiles[0] = Math.max(tiles[0], tileCount(tileMessage));
			pipelineProgress.update(fraction, message);
		}, progress::isCanceled);
		double pipelineSeconds = Timing.seconds(() -> predictor.predict(new SyntheticTileSource(
			size, size), block -> {}, counting));
		long peak = peakHeapBytes();
		if (tiles[0] == 0) {
			// NOTE: the tile count is read from the progress messages of TiledPredictor
			// ("Predicted tile N of M"), its only public report of the count.
			throw new IllegalStateException("The tiled prediction reported no tile count in its " +
				"progress messages, so the model alone cannot be timed on as many tiles.");
		}

		double modelSeconds = Double.NaN;
		if (timeModelAlone) {
			modelSeconds = modelAlone(model, tiles[0], tileSize, progress.subRange(0.5, 1));
		}
		progress.update(1, "Tiling measured");
		return new Measurement(size, tiles[0], tileSize, SETTINGS.batchSize(), modelSeconds,
			pipelineSeconds, peak, Runtime.getRuntime().maxMemory(), model.description().name());
	}

	private static int tileCount(String message) {
		if (message == null) {
			return 0;
		}
		Matcher matcher = TILE_COUNT.matcher(message);
		return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
	}

	/**
	 * Runs the model on {@code tiles} random preprocessed tiles in batches, nothing else, and
	 * returns the seconds after one untimed batch.
	 */
	private static double modelAlone(LoadedModel model, int tiles, int tileSize,
		Progress progress)
	{
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
		model.run(batch, tileSize, tileSize);

		long start = System.nanoTime();
		for (int done = 0; done < tiles; done += batch.length) {
			progress.checkCanceled();
			int count = Math.min(batch.length, tiles - done);
			float[][][] part = count == batch.length ? batch : Arrays.copyOf(batch, count);
			model.run(part, tileSize, tileSize);
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
	public static Measurement inChildJvm(int size, boolean timeModelAlone, Progress progress)
		throws IOException
	{
		Process process = ChildProcesses.start(childCommand(size, timeModelAlone));
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

	private static ProcessBuilder childCommand(int size, boolean timeModelAlone) {
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
		command.add(Boolean.toString(timeModelAlone));
		ProcessBuilder builder = new ProcessBuilder(command).redirectError(
			ProcessBuilder.Redirect.INHERIT);
		builder.environment().put("OPT_OUT_TRACKING", "true");
		return builder;
	}

	private static Measurement parseResult(String line) {
		String[] fields = line.split("\t");
		return new Measurement(Integer.parseInt(fields[1]), Integer.parseInt(fields[2]), Integer
			.parseInt(fields[3]), Integer.parseInt(fields[4]), Double.parseDouble(fields[5]), Double
				.parseDouble(fields[6]), Long.parseLong(fields[7]), Long.parseLong(fields[8]),
			fields[9]);
	}

	/**
	 * Entry point of the child JVM: arguments SIZE and TIME_MODEL_ALONE (true or false).
	 * Writes progress lines and one result line, tab-separated, on standard output.
	 */
	public static void main(String[] arguments) {
		OfflineMode.enable();
		int size = Integer.parseInt(arguments[0]);
		boolean timeModelAlone = Boolean.parseBoolean(arguments[1]);
		Progress progress = Progress.of((fraction, message) -> System.out.println(PROGRESS_LINE +
			fraction + "\t" + (message == null ? "" : message.replace('\n', ' '))), () -> false);

		Measurement measurement;
		try (LoadedModel model = LoadedModel.open(DefaultModels.nuclei())) {
			measurement = measure(model, size, timeModelAlone, progress);
		}
		System.out.println(String.join("\t", "result", Integer.toString(measurement.size()),
			Integer.toString(measurement.tiles()), Integer.toString(measurement.tileSize()), Integer
				.toString(measurement.batchSize()), Double.toString(measurement.modelAloneSeconds()),
			Double.toString(measurement.pipelineSeconds()), Long.toString(measurement
				.peakHeapBytes()), Long.toString(measurement.maxHeapBytes()), measurement.model()));
		System.out.flush();
	}
}
