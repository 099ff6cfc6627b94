package org.pumaseg.segment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.pumaseg.CanceledException;
import org.pumaseg.InputPaths;
import org.pumaseg.InvalidInputException;
import org.pumaseg.OutputFiles;
import org.pumaseg.Progress;
import org.pumaseg.annotation.Track;
import org.pumaseg.export.ResultFolderContent;
import org.pumaseg.export.ResultFolderWriter;
import org.pumaseg.image.ImageFileReader;
import org.pumaseg.image.PixelSize;
import org.pumaseg.image.PixelSizes;
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
 * Segments images, one after another or with several workers, and writes each result folder
 * (see {@link ResultFolderWriter}) with its TIL measures. A folder input stands for the TIFF,
 * PNG and JPEG files directly in it. An image that fails is reported and the batch goes on;
 * with more than one image, {@code batch-summary.csv} lists every image with its status,
 * counts, TIL densities and time. A run with one image leaves an existing
 * {@code batch-summary.csv} unchanged.
 */
public final class BatchSegmentation {

	/**
	 * The outcome of one input image: its result folder and measures, the error, or
	 * {@code skipped} when its complete result folder existed and was kept, with the numbers
	 * of that folder in {@code kept}. The TIL measures are null when the nuclei have no
	 * classes.
	 */
	public record ImageOutcome(Path input, Path resultFolder, PanopticResult result,
		TilReport til, double seconds, String error, boolean skipped, KeptResult kept) {

		/** Returns true when the image was segmented and its results written in this run. */
		public boolean succeeded() {
			return error == null && !skipped;
		}

		public boolean failed() {
			return error != null;
		}
	}

	/** Image counts of a stopped batch, for the message on how to resume it. */
	public record StopReport(int images, int segmented, int skipped, int failed,
		int unfinished) {}

	private static final Logger LOG = LoggerFactory.getLogger(BatchSegmentation.class);
	private static final ObjectMapper JSON = new ObjectMapper();

	/** The file name of the batch summary in the output folder. */
	public static final String BATCH_SUMMARY = "batch-summary.csv";

	/** The maximum number of workers. Each one keeps a whole image and its model outputs. */
	public static final int MAX_WORKERS = 64;

	private final PanopticSegmenter segmenter;
	private final Track track;
	private final boolean overwrite;
	private final int workers;
	private boolean skipExisting;
	private Consumer<ImageOutcome> listener = outcome -> {};
	/** Pixel size in µm for images without a usable calibration, or NaN for the model's. */
	private double uncalibratedUmPerPixel = Double.NaN;
	/** The option that sets {@link #uncalibratedUmPerPixel}, named in warnings; null for none. */
	private String pixelSizeOption;
	/** The batch being run, for {@link #stop}; null before and after {@link #run}. */
	private volatile Batch current;

	/** A batch that segments one image at a time. */
	public BatchSegmentation(PanopticSegmenter segmenter, Track track, boolean overwrite) {
		this(segmenter, track, overwrite, 1);
	}

	/**
	 * A batch that segments up to {@code workers} images at once with {@code segmenter}'s
	 * models (one copy of the weights; see {@link PanopticSegmenter#newWorker}).
	 *
	 * @throws InvalidInputException when {@code workers} is not in 1 to {@link #MAX_WORKERS},
	 *         or the challenge file of {@code track} cannot contain a class of the nuclei model
	 */
	public BatchSegmentation(PanopticSegmenter segmenter, Track track, boolean overwrite,
		int workers)
	{
		checkWorkers(workers, "workers");
		checkTrack(segmenter.nucleusClasses(), track);
		this.segmenter = segmenter;
		this.track = track;
		this.overwrite = overwrite;
		this.workers = workers;
	}

	/**
	 * Sets whether images whose complete result folder exists are skipped (counted as
	 * {@code skipped}) instead of rejected, so an interrupted batch can be continued.
	 *
	 * @throws InvalidInputException when overwriting is also requested
	 */
	public BatchSegmentation skipExisting(boolean skip) {
		if (skip && overwrite) {
			throw new InvalidInputException("Overwriting and skipping existing results exclude " +
				"each other: give --overwrite or --skip-existing, not both.");
		}
		this.skipExisting = skip;
		return this;
	}

	/**
	 * Sets the pixel size of images whose own calibration is missing, not in a length unit or
	 * not a microscope pixel size (such as 300 dpi). Such an image gets {@code umPerPixel},
	 * recorded as assumed and given with {@code option}. An image with a calibration keeps it,
	 * with a warning when it differs from {@code umPerPixel} by more than 1 %.
	 *
	 * @param umPerPixel µm per pixel, or NaN to assume the nuclei model's pixel size
	 * @param option the option or parameter that sets the pixel size, named in warnings as the
	 *        fix for uncalibrated images (such as "--pixel-size")
	 * @throws InvalidInputException when {@code umPerPixel} is not NaN and not a plausible
	 *         microscope pixel size
	 */
	public BatchSegmentation pixelSizeForUncalibrated(double umPerPixel, String option) {
		if (!Double.isNaN(umPerPixel)) {
			PixelSizes.requireMicroscopePixelSize(umPerPixel, option);
		}
		this.uncalibratedUmPerPixel = umPerPixel;
		this.pixelSizeOption = option;
		return this;
	}

	/**
	 * Sets the listener called once per image as soon as it is finished, skipped or failed,
	 * from the thread that ran it (so with several workers, in order of completion).
	 */
	public BatchSegmentation onImageDone(Consumer<ImageOutcome> imageListener) {
		this.listener = imageListener;
		return this;
	}

	/**
	 * Checks a worker count given by the user under the option or parameter {@code name}.
	 *
	 * @throws InvalidInputException naming the value and the valid range
	 */
	public static void checkWorkers(int workers, String name) {
		if (workers < 1 || workers > MAX_WORKERS) {
			throw new InvalidInputException("Invalid " + name + " " + workers + ": use 1 to " +
				MAX_WORKERS + " workers. Each worker segments one image at a time and keeps it " +
				"with its model outputs in memory.");
		}
	}

	/**
	 * Checks that the challenge file of {@code track} can contain every class of the nuclei
	 * model. Only {@value Track#OTHER_NAME}, the track-1 group of a model that predicts the
	 * track-1 classes, has no track-2 class.
	 *
	 * @throws InvalidInputException naming the class and the track to choose
	 */
	static void checkTrack(List<String> nucleusClasses, Track track) {
		for (String name : nucleusClasses) {
			if (track.toTrackClass(name) == null) {
				throw new InvalidInputException("The nuclei model predicts the class " + name +
					", which the " + track.label() + " challenge file cannot contain. Segment " +
					"with track 1 (--track 1 on the command line, track=1 in Batch Segmentation), " +
					"whose classes are " + String.join(", ", Track.TRACK1.classNames()) + ".");
			}
		}
	}

	/**
	 * Expands folders into their image files (sorted by name) and checks that every file
	 * exists and no two images would write the same result folder.
	 */
	public static List<Path> expandInputs(List<Path> inputs) {
		return expandInputs(inputs, null);
	}

	/**
	 * Like {@link #expandInputs(List)}; the warning about subfolders that are not searched
	 * leaves out {@code output}, the folder the results go to, when it lies in an input folder.
	 */
	public static List<Path> expandInputs(List<Path> inputs, Path output) {
		List<Path> images = new ArrayList<>();
		for (Path input : inputs) {
			if (Files.isDirectory(input)) {
				try (Stream<Path> files = Files.list(input)) {
					List<Path> entries = files.sorted().toList();
					// Hidden files are system or temporary files, and their results would be
					// hidden folders that evaluate skips.
					List<Path> found = entries.stream().filter(Files::isRegularFile).filter(
						BatchSegmentation::isImageName).filter(file -> !isHidden(file)).toList();
					long subfolders = entries.stream().filter(Files::isDirectory).filter(
						folder -> !isHidden(folder) && !isSameFolder(folder, output)).count();
					if (subfolders > 0) {
						LOG.warn("{} subfolder(s) of {} are not searched; give them as inputs too " +
							"to segment their images.", subfolders, input);
					}
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
			if (previous != null && sameFile(previous, image)) {
				throw new InvalidInputException("The image " + image + " is given twice. Give " +
					"each image once.");
			}
			if (previous != null) {
				throw new InvalidInputException("The inputs " + previous + " and " + image +
					" would both write results to a folder named " + resultName(image) +
					". Rename one, or run them separately.");
			}
		}
		return images;
	}

	private static boolean isHidden(Path file) {
		return file.getFileName().toString().startsWith(".");
	}

	/** Tells whether {@code folder} is {@code output}; false when {@code output} is null. */
	private static boolean isSameFolder(Path folder, Path output) {
		return output != null && (folder.toAbsolutePath().normalize().equals(output
			.toAbsolutePath().normalize()) || Files.exists(output) && sameFile(folder, output));
	}

	/** Tells whether two paths name one file, following links; false when either is unreadable. */
	private static boolean sameFile(Path first, Path second) {
		try {
			return Files.isSameFile(first, second);
		}
		catch (IOException e) {
			return false;
		}
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
	 * Checks that the result folder of every image can be written under {@code output}; call
	 * it before loading the models so that bad output paths fail fast. {@link #run} checks
	 * again. No result folder may be an input image or contain one, in any mode. Without
	 * {@code skipExisting}, every result folder must pass
	 * {@link ResultFolderWriter#checkTarget}. With it, complete result folders are kept, and
	 * any other folder in the way fails only its image when the batch runs
	 * ({@link ResultFolderWriter#skipProblem}), so the rest of the batch goes on.
	 *
	 * @throws InvalidInputException naming the path and the fix
	 */
	public static void checkTargets(List<Path> images, Path output, boolean overwrite,
		boolean skipExisting)
	{
		OutputFiles.checkFolderTarget(output);
		InputPaths inputs = InputPaths.of(images);
		for (Path image : images) {
			String description = "For " + image.getFileName() + ", the result folder";
			inputs.checkContainsNoInput(output.resolve(resultName(image)), description,
				"Choose another output folder (--out), outside the folders of the inputs or next " +
					"to them.");
		}
		if (skipExisting) {
			return;
		}
		for (Path image : images) {
			ResultFolderWriter.checkTarget(output, resultName(image), overwrite);
		}
	}

	/**
	 * Segments every image and writes its results under {@code output}; the batch summary is
	 * written when there is more than one image.
	 * <p>
	 * Before any work, every result folder is checked; then temporary files that an
	 * interrupted run (SIGKILL, power cut) left in {@code output} are deleted. With several
	 * workers, images are segmented in parallel, each worker with its own predictors on the
	 * shared models; outcomes and summary rows keep the order of {@code images}. The batch
	 * summary is rewritten atomically after each image, so at any moment it lists every image:
	 * {@code ok} or {@code failed} once finished, {@code pending} before, and {@code canceled}
	 * for images never finished when the run stops.
	 *
	 * @throws CanceledException when canceled; results of finished images stay, and every
	 *           worker stops at its next tile
	 */
	public List<ImageOutcome> run(List<Path> images, Path output, Progress progress)
		throws IOException
	{
		checkTargets(images, output, overwrite, skipExisting);
		OutputFiles.removeLeftovers(output);

		Batch batch = new Batch(images, output, progress);
		current = batch;
		int threads = Math.min(workers, images.size());
		LOG.info("Segmenting {} image(s) into {} with {} worker(s).", images.size(), output,
			threads);
		boolean finished = false;
		try {
			batch.writeSummary(false);
			if (threads == 1) {
				for (int i = 0; i < images.size(); i++) {
					batch.segment(i, segmenter);
				}
			}
			else {
				runInParallel(batch, threads);
			}
			finished = true;
		}
		finally {
			batch.writeSummary(!finished);
			current = null;
		}
		return List.of(batch.outcomes);
	}

	/**
	 * Stops the running batch from another thread, such as a shutdown hook on Ctrl-C: every
	 * worker stops at its next tile, and {@code batch-summary.csv} is rewritten at once with
	 * {@code canceled} for each unfinished image (later rewrites keep them canceled). An image
	 * that finishes between this call and the end of the JVM may still get its result folder
	 * and an {@code ok} row.
	 *
	 * @return the counts at this moment, or null when no batch is running
	 */
	public StopReport stop() {
		Batch batch = current;
		if (batch == null) {
			return null;
		}
		batch.stop.set(true);
		batch.stopped = true;
		return batch.writeStoppedSummary();
	}

	/**
	 * Runs the images on {@code threads} workers. Each worker takes a segmenter from the pool
	 * for one image at a time; the first worker uses the batch's own segmenter. When one image
	 * throws (canceled, or an error that is not bad input), the other workers stop at their
	 * next tile and the first such error is thrown once all have stopped.
	 */
	private void runInParallel(Batch batch, int threads) throws IOException {
		BlockingQueue<PanopticSegmenter> idle = new ArrayBlockingQueue<>(threads);
		List<PanopticSegmenter> views = new ArrayList<>();
		ExecutorService pool = Executors.newFixedThreadPool(threads, new WorkerThreads());
		try {
			idle.add(segmenter);
			for (int k = 1; k < threads; k++) {
				PanopticSegmenter view = segmenter.newWorker();
				views.add(view);
				idle.add(view);
			}
			List<Future<?>> futures = new ArrayList<>();
			for (int i = 0; i < batch.images.size(); i++) {
				int index = i;
				futures.add(pool.submit(() -> {
					PanopticSegmenter worker = idle.take();
					try {
						batch.segment(index, worker);
					}
					finally {
						idle.add(worker);
					}
					return null;
				}));
			}
			Throwable failure = null;
			for (Future<?> future : futures) {
				try {
					future.get();
				}
				catch (ExecutionException e) {
					batch.stop.set(true);
					if (failure == null || failure instanceof CanceledException) {
						failure = e.getCause();
					}
				}
				catch (InterruptedException e) {
					batch.stop.set(true);
					Thread.currentThread().interrupt();
					failure = new CanceledException();
					break;
				}
			}
			rethrow(failure);
		}
		finally {
			pool.shutdown();
			awaitQuietly(pool);
			for (PanopticSegmenter view : views) {
				view.close();
			}
		}
	}

	private static void rethrow(Throwable failure) throws IOException {
		if (failure == null) {
			return;
		}
		if (failure instanceof RuntimeException runtime) {
			throw runtime;
		}
		if (failure instanceof Error error) {
			throw error;
		}
		if (failure instanceof IOException io) {
			throw io;
		}
		throw new IllegalStateException("A segmentation worker failed: " + failure, failure);
	}

	private static void awaitQuietly(ExecutorService pool) {
		try {
			// Workers stop at their next tile once the batch is stopped.
			while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
				LOG.info("Waiting for the segmentation workers to stop.");
			}
		}
		catch (InterruptedException e) {
			pool.shutdownNow();
			Thread.currentThread().interrupt();
		}
	}

	/** Names the worker threads and lets the JVM exit without them. */
	private static final class WorkerThreads implements ThreadFactory {

		private final AtomicInteger count = new AtomicInteger();

		@Override
		public Thread newThread(Runnable task) {
			Thread thread = new Thread(task, "pumaseg-worker-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		}
	}

	/**
	 * The state of one run: the outcome of each image (null until finished), the progress of
	 * each image, and the flag that stops every worker.
	 */
	private final class Batch {

		private final List<Path> images;
		private final Path output;
		private final Progress progress;
		private final ImageOutcome[] outcomes;
		private final double[] fractions;
		private final AtomicBoolean stop = new AtomicBoolean();
		/** Set by {@link BatchSegmentation#stop}: unfinished rows are canceled from then on. */
		private volatile boolean stopped;

		Batch(List<Path> images, Path output, Progress progress) {
			this.images = images;
			this.output = output;
			this.progress = progress;
			this.outcomes = new ImageOutcome[images.size()];
			this.fractions = new double[images.size()];
		}

		void segment(int index, PanopticSegmenter worker) {
			Path image = images.get(index);
			Progress imageProgress = Progress.of((fraction, message) -> report(index, fraction,
				message), () -> stop.get() || progress.isCanceled());
			imageProgress.checkCanceled();
			ImageOutcome outcome;
			Path existing = output.resolve(resultName(image));
			ResultFolderContent content = skipExisting ? ResultFolderContent.of(existing) : null;
			String skipProblem = skipExisting ? ResultFolderWriter.skipProblem(content) : null;
			if (skipExisting && content.complete()) {
				LOG.info("Skipping {}: its result folder {} exists.", image, existing);
				outcome = new ImageOutcome(image, existing, null, null, 0, null, true, KeptResult
					.read(existing));
			}
			else if (skipProblem != null) {
				LOG.error("{} failed: {}", image, skipProblem);
				outcome = new ImageOutcome(image, null, null, null, 0, skipProblem, false, null);
			}
			else {
				imageProgress.update(0, "Image " + (index + 1) + " of " + images.size() + ": " +
					image.getFileName());
				outcome = segmentOne(worker, image, output, imageProgress);
			}
			synchronized (this) {
				outcomes[index] = outcome;
				fractions[index] = 1;
				listener.accept(outcome);
			}
			writeSummary(false);
		}

		/** Reports the mean of the images' fractions, so parallel images add up to one bar. */
		private synchronized void report(int index, double fraction, String message) {
			fractions[index] = fraction;
			double sum = 0;
			for (double done : fractions) {
				sum += done;
			}
			progress.update(sum / fractions.length, message);
		}

		/** Rewrites the batch summary from the outcomes so far; a no-op for one image. */
		synchronized void writeSummary(boolean ended) {
			if (images.size() > 1) {
				String csv = summaryCsv(images, outcomes, ended || stopped);
				OutputFiles.write(output.resolve(BATCH_SUMMARY), out -> out.write(csv.getBytes(
					StandardCharsets.UTF_8)));
			}
		}

		/**
		 * Rewrites the batch summary with unfinished images canceled, through a temporary file
		 * that the exit cleanup does not track: this runs in a shutdown hook, concurrently with
		 * the hook that deletes tracked temporary files. A JVM halted mid-write leaves only a
		 * temporary name, which the next run deletes.
		 */
		synchronized StopReport writeStoppedSummary() {
			int segmented = 0;
			int skipped = 0;
			int failed = 0;
			for (ImageOutcome outcome : outcomes) {
				if (outcome == null) {
					continue;
				}
				if (outcome.skipped()) {
					skipped++;
				}
				else if (outcome.failed()) {
					failed++;
				}
				else {
					segmented++;
				}
			}
			if (images.size() > 1) {
				Path file = output.resolve(BATCH_SUMMARY).toAbsolutePath();
				Path temporary = OutputFiles.temporarySibling(file);
				try {
					Files.writeString(temporary, summaryCsv(images, outcomes, true));
					Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING,
						StandardCopyOption.ATOMIC_MOVE);
				}
				catch (IOException e) {
					LOG.error("Could not mark the unfinished images canceled in {}: {}", file, e
						.getMessage());
				}
			}
			return new StopReport(images.size(), segmented, skipped, failed, images.size() -
				segmented - skipped - failed);
		}
	}

	/** Returns the pixel size to segment {@code image} at, given the one read from its file. */
	private PixelSize pixelSize(Path image, PixelSize read) {
		if (Double.isNaN(uncalibratedUmPerPixel)) {
			return read;
		}
		if (!read.calibrated()) {
			LOG.info("{} is uncalibrated ({}); using {} {} µm/px.", image.getFileName(), read
				.origin(), pixelSizeOption, uncalibratedUmPerPixel);
			return read.orAssume(uncalibratedUmPerPixel, "given with " + pixelSizeOption);
		}
		double difference = Math.abs(read.umPerPixel() - uncalibratedUmPerPixel);
		if (difference > 0.01 * read.umPerPixel()) {
			LOG.warn("{} has its own calibration, {} µm/px ({}), which differs from {} {} µm/px: " +
				"segmenting at {} µm/px. {} applies only to images without a usable calibration.",
				image.getFileName(), read.umPerPixel(), read.origin(), pixelSizeOption,
				uncalibratedUmPerPixel, read.umPerPixel(), pixelSizeOption);
		}
		return read;
	}

	private String calibrationAdvice() {
		if (pixelSizeOption == null) {
			return PanopticSegmenter.CALIBRATION_ADVICE;
		}
		return "If that is wrong, give the pixel size with " + pixelSizeOption + " (µm per pixel).";
	}

	private ImageOutcome segmentOne(PanopticSegmenter worker, Path image, Path output,
		Progress progress)
	{
		long start = System.nanoTime();
		RgbImage named = null;
		try {
			// The reader stays quiet about a missing calibration, because pixelSize or the
			// worker logs it once, with the pixel size used and how to give another.
			RgbImage rgb = new ImageFileReader().warnUncalibrated(false).read(image);
			named = RgbImage.wrap(resultName(image), rgb.packedRgb(), rgb.width(), rgb.height(),
				pixelSize(image, rgb.pixelSize()));
			named = worker.withPixelSize(named, calibrationAdvice());
			PanopticSegmenter.Segmentation segmentation = worker.segment(named, progress
				.subRange(0, 0.85));
			PanopticResult result = segmentation.result();
			progress.checkCanceled();

			// Without nucleus classes there are no lymphocytes to count, so no TIL measures.
			boolean classified = result.nuclei().stream().allMatch(DetectedNucleus::hasClass);
			TilReport til = classified ? TilQuantifier.quantify(TilInput.of(result), TilParameters
				.defaults(), progress.subRange(0.85, 0.9)).report() : null;
			Map<String, Object> summary = new LinkedHashMap<>();
			summary.put("input", image.toAbsolutePath().normalize().toString());
			summary.put("timings_s", segmentation.timings());
			if (til != null) {
				summary.put("til", JSON.readValue(til.toJson(), Map.class));
			}
			progress.update(0.9, "Writing results of " + image.getFileName());
			Path folder = ResultFolderWriter.write(output, named, result, track, overwrite,
				summary);
			return new ImageOutcome(image, folder, result, til, seconds(start), null, false,
				null);
		}
		catch (InvalidInputException | IOException e) {
			LOG.error("{} failed: {}", image, e.getMessage());
			return new ImageOutcome(image, null, null, null, seconds(start), e.getMessage(),
				false, null);
		}
		catch (OutOfMemoryError e) {
			if (named == null) {
				throw e;
			}
			// The segmentation's buffers are unreachable here, so the batch can go on.
			String message = worker.memoryMessage(named, "ran out of memory; it needs");
			LOG.error("{} failed: {}", image, message);
			return new ImageOutcome(image, null, null, null, seconds(start), message, false,
				null);
		}
	}

	/**
	 * Returns one line per image, in input order: status, time and track-1 counts, then every
	 * column of the image's TIL report (prefixed {@code til_}), empty for images without
	 * results. An image without an outcome is {@code pending}, or {@code canceled} once the
	 * run has {@code stopped}; a kept result folder is {@code skipped}.
	 */
	private static String summaryCsv(List<Path> images, ImageOutcome[] outcomes,
		boolean stopped)
	{
		String[] tilColumns = TilReport.csvHeader().split(",");
		StringBuilder csv = new StringBuilder("input,status,seconds,nuclei,tumour,tils,other,error");
		for (String column : tilColumns) {
			csv.append(",til_").append(column);
		}
		csv.append('\n');
		for (int i = 0; i < images.size(); i++) {
			ImageOutcome outcome = outcomes[i];
			csv.append(csvCell(images.get(i).getFileName().toString())).append(',');
			if (outcome == null) {
				csv.append(stopped ? "canceled" : "pending").append(",,,,,,");
				csv.append(",".repeat(tilColumns.length));
			}
			else if (outcome.skipped()) {
				csv.append("skipped,");
				appendKept(csv, outcome.kept(), tilColumns.length);
			}
			else if (outcome.succeeded()) {
				csv.append("ok,");
				csv.append(String.format(Locale.ROOT, "%.2f", outcome.seconds())).append(',');
				csv.append(outcome.result().nuclei().size()).append(',');
				Map<String, Integer> groups = outcome.til() == null ? null : track1Counts(outcome
					.result());
				appendCounts(csv, groups, outcome.til(), tilColumns.length);
			}
			else {
				csv.append("failed,");
				csv.append(String.format(Locale.ROOT, "%.2f", outcome.seconds())).append(',');
				csv.append(",,,,").append(csvCell(outcome.error()));
				csv.append(",".repeat(tilColumns.length));
			}
			csv.append('\n');
		}
		return csv.toString();
	}

	/**
	 * Appends the time, counts and TIL columns of a kept result folder: empty cells where its
	 * summary has no value.
	 */
	private static void appendKept(StringBuilder csv, KeptResult kept, int tilColumns) {
		if (kept == null || kept.nuclei() == null) {
			csv.append(",,,,,").append(",".repeat(tilColumns));
			return;
		}
		if (!Double.isNaN(kept.seconds())) {
			csv.append(String.format(Locale.ROOT, "%.2f", kept.seconds()));
		}
		csv.append(',').append(kept.nuclei()).append(',');
		appendCounts(csv, kept.til() == null ? null : kept.track1Counts(), kept.til(),
			tilColumns);
	}

	/**
	 * Appends the track-1 counts, the empty error cell and the TIL columns; nuclei without
	 * class ({@code til} null) have no group counts and no TIL measures.
	 */
	private static void appendCounts(StringBuilder csv, Map<String, Integer> groups,
		TilReport til, int tilColumns)
	{
		if (til == null || groups == null) {
			csv.append(",,,,").append(",".repeat(tilColumns - 1));
			return;
		}
		csv.append(groups.get(Track.TUMOR_NAME)).append(',');
		csv.append(groups.get(Track.LYMPHOCYTE_NAME)).append(',');
		csv.append(groups.get(Track.OTHER_NAME)).append(",,");
		csv.append(til.toCsvRow());
	}

	private static Map<String, Integer> track1Counts(PanopticResult result) {
		Map<String, Integer> counts = new LinkedHashMap<>();
		for (String name : Track.TRACK1.classNames()) {
			counts.put(name, 0);
		}
		for (DetectedNucleus nucleus : result.nuclei()) {
			counts.merge(nucleus.track1ClassName(), 1, Integer::sum);
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
