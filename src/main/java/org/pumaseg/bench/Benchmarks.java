package org.pumaseg.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.pumaseg.OutputFiles;
import org.pumaseg.Progress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every benchmark of {@code pumaseg bench} once and collects the report: nuclei decoding
 * (ours, then scikit-image when a Python can import it), evaluation of 205 pairs, then the
 * tiled prediction and its peak heap for each image size, each size in a child JVM.
 */
public final class Benchmarks {

	private static final Logger LOG = LoggerFactory.getLogger(Benchmarks.class);

	private Benchmarks() {}

	/**
	 * Runs the benchmarks.
	 *
	 * @throws IOException when a child process (Python, child JVM) or a temporary file fails
	 * @throws org.pumaseg.CanceledException when {@code progress} is canceled
	 */
	public static BenchmarkReport run(BenchmarkOptions options, Progress progress)
		throws IOException
	{
		MachineFacts machine = MachineFacts.current();
		Repeats repeats = options.repeats();
		List<BenchmarkReport.Row> rows = new ArrayList<>();
		LOG.info("Benchmark: sizes {}, {} run(s) after {} warm-up run(s)", options.sizes(), repeats
			.runs(), repeats.warmUps());

		progress.update(0, "Building the decoding scene");
		DecodingScene scene = DecodingScene.touchingDiscs(options.decodingSceneSize());
		DecodingBenchmark.Result decoding = DecodingBenchmark.run(scene, repeats, progress
			.subRange(0, 0.04));
		SkimageComparison.Result skimage = compareWithSkimage(options, decoding, progress
			.subRange(0.04, 0.08));
		rows.addAll(BenchmarkReport.decodingRows(decoding, skimage, repeats));

		List<EvaluationBenchmark.EvaluationTiming> evaluation = EvaluationBenchmark.run(repeats,
			progress.subRange(0.08, 0.12));
		rows.addAll(BenchmarkReport.evaluationRows(evaluation, repeats));

		rows.addAll(BenchmarkReport.tilingRows(measureTiling(options.sizes(), repeats.runs(),
			progress.subRange(0.12, 1))));
		progress.update(1, "Benchmarks done");
		return new BenchmarkReport(machine, rows);
	}

	/** Returns the scikit-image timings, or null when no Python can import scikit-image. */
	private static SkimageComparison.Result compareWithSkimage(BenchmarkOptions options,
		DecodingBenchmark.Result decoding, Progress progress) throws IOException
	{
		progress.update(0, "Looking for Python with scikit-image");
		Optional<String> python = SkimageComparison.findPython(options.pythons());
		if (python.isEmpty()) {
			LOG.info("No Python of {} imports scikit-image; the comparison is skipped.", options
				.pythons());
			return null;
		}
		Path folder = Files.createTempDirectory("pumaseg-bench-skimage");
		OutputFiles.deleteOnExit(folder);
		try {
			return SkimageComparison.run(python.get(), decoding, options.repeats(), folder,
				progress);
		}
		finally {
			deleteTree(folder);
			OutputFiles.release(folder);
		}
	}

	/**
	 * Measures each size in a child JVM, in {@code rounds} rounds up to
	 * {@link TilingBenchmark#MODEL_ALONE_MAX_SIZE} and one round above it, where only the
	 * pipeline runs. Progress shares follow the image areas.
	 */
	private static List<TilingBenchmark.Measurement> measureTiling(List<Integer> sizes,
		int rounds, Progress progress) throws IOException
	{
		double totalArea = 0;
		for (int size : sizes) {
			totalArea += (double) size * size;
		}
		List<TilingBenchmark.Measurement> measurements = new ArrayList<>();
		double done = 0;
		for (int size : sizes) {
			progress.checkCanceled();
			double share = (double) size * size / totalArea;
			boolean timeModelAlone = size <= TilingBenchmark.MODEL_ALONE_MAX_SIZE;
			double end = Math.min(1, done + share);
			measurements.add(TilingBenchmark.inChildJvm(size, timeModelAlone ? rounds : 1,
				timeModelAlone, progress.subRange(done, end)));
			done = end;
		}
		return measurements;
	}

	private static void deleteTree(Path folder) throws IOException {
		try (Stream<Path> tree = Files.walk(folder)) {
			for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
	}
}
