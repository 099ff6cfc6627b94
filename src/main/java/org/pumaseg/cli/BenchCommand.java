package org.pumaseg.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.pumaseg.OutputFiles;
import org.pumaseg.bench.BenchmarkOptions;
import org.pumaseg.bench.BenchmarkReport;
import org.pumaseg.bench.Benchmarks;
import org.pumaseg.bench.SkimageComparison;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pumaseg bench}: the project's benchmark table from one run. */
@Command(name = "bench", mixinStandardHelpOptions = true,
	description = { "Measure PumaSeg on this machine and print one Markdown table: tiled " +
		"prediction against the model alone, nuclei decoding against scikit-image (when a " +
		"Python with scikit-image is found; nothing is installed), evaluation of 205 image " +
		"pairs, and the peak heap of the tiled prediction per image size (each size in a " +
		"child JVM with this JVM's maximum heap).",
		"The largest default size (20000 px) takes several minutes on a 2-core machine." })
final class BenchCommand implements Callable<Integer> {

	@Option(names = "--sizes", paramLabel = "N[,N...]",
		description = "Square image sides in pixels for the tiling and peak-heap rows, " +
			"separated by commas, each between 256 and 100000. Default: 1024,5120,20000.")
	String sizes;

	@Option(names = "--quick",
		description = "One timed run per step and a smaller decoding scene: a fast check " +
			"that the benchmark runs, not a measurement.")
	boolean quick;

	@Option(names = "--python", paramLabel = "EXE",
		description = "Python executable for the scikit-image comparison. Default: the first " +
			"of python3 (on PATH) and /usr/bin/python3 that can import scikit-image.")
	String python;

	@Option(names = "--out", paramLabel = "FILE",
		description = "Also write the machine facts and the table to FILE (Markdown).")
	Path output;

	@Option(names = "--overwrite", description = "Replace FILE if it exists.")
	boolean overwrite;

	@Override
	public Integer call() throws Exception {
		List<Integer> sideList = sizes == null ? BenchmarkOptions.DEFAULT_SIZES : BenchmarkOptions
			.parseSizes(sizes);
		List<String> pythons = python == null ? SkimageComparison.DEFAULT_PYTHONS : List.of(python);
		BenchmarkOptions options = new BenchmarkOptions(sideList, quick, pythons);
		if (output != null) {
			OutputFiles.checkTarget(output, overwrite, List.of());
		}

		BenchmarkReport report = Benchmarks.run(options, new ConsoleProgress("bench").progress());
		String markdown = report.toMarkdown();
		System.out.print(markdown);
		if (output != null) {
			OutputFiles.writeAtomically(output, overwrite, temporary -> Files.writeString(temporary,
				markdown, StandardCharsets.UTF_8));
			System.out.println("Wrote " + output + ".");
		}
		return 0;
	}
}
