package org.pumaseg.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The result of one {@code pumaseg bench} run: the machine facts and one table row per
 * measurement, written as Markdown.
 */
public record BenchmarkReport(MachineFacts machine, List<Row> rows) {

	/** Text shown in place of the scikit-image time when no Python can import it. */
	public static final String SKIMAGE_SKIPPED = "skipped: python3 with scikit-image not found";

	/**
	 * One line of the table.
	 *
	 * @param benchmark what was measured
	 * @param input the input it ran on
	 * @param measured the measured value with its unit
	 * @param baseline what it is compared with, with its value, or "-"
	 * @param ratio measured against baseline, or "-"
	 * @param notes counts, scores and how the value was taken
	 */
	public record Row(String benchmark, String input, String measured, String baseline,
		String ratio, String notes)
	{}

	public BenchmarkReport {
		rows = List.copyOf(rows);
	}

	/** Formats the machine facts as a list, then the table. */
	public String toMarkdown() {
		StringBuilder text = new StringBuilder();
		text.append(machine.toMarkdown()).append('\n');
		text.append("| benchmark | input | measured | baseline | ratio | notes |\n");
		text.append("|---|---|---|---|---|---|\n");
		for (Row row : rows) {
			text.append("| ").append(String.join(" | ", cell(row.benchmark()), cell(row.input()),
				cell(row.measured()), cell(row.baseline()), cell(row.ratio()), cell(row.notes())))
				.append(" |\n");
		}
		return text.toString();
	}

	private static String cell(String text) {
		return text.replace("|", "\\|").replace('\n', ' ');
	}

	static List<Row> tilingRows(List<TilingBenchmark.Measurement> measurements) {
		List<Row> rows = new ArrayList<>();
		for (TilingBenchmark.Measurement m : measurements) {
			String input = String.format(Locale.ROOT, "%d² px, %d tiles of %d² px, batch %d",
				m.size(), m.tiles(), m.tileSize(), m.batchSize());
			String model = "model '" + m.model() + "'";
			if (!m.modelAloneTimed()) {
				rows.add(new Row("tiled prediction against the model alone", input, seconds(m
					.pipelineMedian()), "-", "-", model + "; " + rounds(m.rounds()) +
						"; model alone not timed above " + TilingBenchmark.MODEL_ALONE_MAX_SIZE + " px"));
				continue;
			}
			String notes = model + "; " + rounds(m.rounds());
			if (m.rounds() > 1) {
				double[] overheads = m.roundOverheads();
				java.util.Arrays.sort(overheads);
				notes += String.format(Locale.ROOT, "; overhead per round %s to %s", percent(
					overheads[0]), percent(overheads[overheads.length - 1]));
			}
			rows.add(new Row("tiled prediction against the model alone", input, seconds(m
				.pipelineMedian()), "model alone " + seconds(m.modelAloneMedian()), percent(m
					.overhead()) + " overhead", notes));
		}
		for (TilingBenchmark.Measurement m : measurements) {
			rows.add(new Row("peak heap of the tiled prediction", m.size() + "² px", megabytes(m
				.peakHeapBytes()), "maximum heap " + megabytes(m.maxHeapBytes()), String.format(
					Locale.ROOT, "%.0f %% of maximum", 100.0 * m.peakHeapBytes() / m.maxHeapBytes()),
				"own child JVM; largest over the rounds of the sum of the heap pools' peaks, " +
					"garbage included; TensorFlow's native memory not counted"));
		}
		return rows;
	}

	/**
	 * Describes the tiling rounds, e.g. "median of 5 rounds, each the pipeline then the model
	 * alone, after a warm-up prediction".
	 */
	private static String rounds(int rounds) {
		String timed = rounds == 1 ? "1 timed run" : "median of " + rounds + " rounds, each " +
			"the pipeline then the model alone,";
		return timed + " after a warm-up prediction";
	}

	/** Formats a share as a signed whole percentage; rounding to 0 gives "+0 %", never "-0 %". */
	private static String percent(double share) {
		return String.format(Locale.ROOT, "%+d %%", Math.round(100 * share));
	}

	static List<Row> decodingRows(DecodingBenchmark.Result ours, SkimageComparison.Result skimage,
		Repeats repeats)
	{
		String input = String.format(Locale.ROOT, "%d² px ideal maps, %d touching discs, 3 classes",
			ours.scene().size(), ours.scene().trueCount());
		String runs = repeats.describe();
		List<Row> rows = new ArrayList<>();
		rows.add(decodingRow("nuclei decoding, HoVer-Net", input, ours.hoverNet(), skimage == null
			? null : skimage.hoverNet(), skimage, runs));
		rows.add(decodingRow("nuclei decoding, foreground only", input, ours.foregroundOnly(),
			skimage == null ? null : skimage.foregroundOnly(), skimage, runs));
		rows.add(new Row("outlines alone (LabelPolygons)", input, seconds(ours.outlineSeconds()),
			"HoVer-Net decoding " + seconds(ours.hoverNet().seconds()), ratio(ours.outlineSeconds(),
				ours.hoverNet().seconds()), runs));
		return rows;
	}

	private static Row decodingRow(String benchmark, String input,
		DecodingBenchmark.DecoderTiming ours, SkimageComparison.SkimageTiming theirs,
		SkimageComparison.Result skimage, String runs)
	{
		if (theirs == null) {
			return new Row(benchmark, input, "ours " + seconds(ours.seconds()), SKIMAGE_SKIPPED, "-",
				ours.count() + " nuclei; " + runs);
		}
		String notes = String.format(Locale.ROOT, "nuclei: ours %d, scikit-image %d, matched at " +
			"IoU > 0.5 %d; scikit-image without outlines %s (ratio %s); %s; %s under %s", ours
				.count(), theirs.count(), theirs.matched(), seconds(theirs.secondsWithoutOutlines()),
			ratio(ours.seconds(), theirs.secondsWithoutOutlines()), runs, skimage.versions(), skimage
				.python());
		return new Row(benchmark, input, "ours " + seconds(ours.seconds()), "scikit-image " +
			seconds(theirs.seconds()), ratio(ours.seconds(), theirs.seconds()), notes);
	}

	static List<Row> evaluationRows(List<EvaluationBenchmark.EvaluationTiming> timings,
		Repeats repeats)
	{
		String input = String.format(Locale.ROOT, "%d synthetic pairs of 1024² px",
			EvaluationBenchmark.IMAGES);
		List<Row> rows = new ArrayList<>();
		for (EvaluationBenchmark.EvaluationTiming timing : timings) {
			String detail = timing.metric().startsWith("tissue") ? "tissue masks of 6 codes"
				: EvaluationBenchmark.NUCLEI_PER_IMAGE + " nuclei per image";
			rows.add(new Row("evaluation: " + timing.metric(), input + ", " + detail, seconds(timing
				.seconds()), "-", "-", String.format(Locale.ROOT, "%s; %s", timing.score(),
				repeats.describe())));
		}
		return rows;
	}

	private static String seconds(double seconds) {
		return String.format(Locale.ROOT, "%.3f s", seconds);
	}

	private static String megabytes(long bytes) {
		return String.format(Locale.ROOT, "%d MB", bytes >> 20);
	}

	private static String ratio(double value, double baseline) {
		return String.format(Locale.ROOT, "%.2f", value / baseline);
	}
}
