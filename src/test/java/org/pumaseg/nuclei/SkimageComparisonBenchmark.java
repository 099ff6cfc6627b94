package org.pumaseg.nuclei;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.pumaseg.Progress;
import org.pumaseg.model.Npy;
import org.pumaseg.model.NpyArray;
import org.pumaseg.model.OfflineMode;

/**
 * Benchmark, not a test: the Java half of the comparison with a scikit-image watershed
 * pipeline, run by {@code bench/decode-vs-skimage.sh}.
 * <p>
 * It writes the maps of {@link NucleiDecodingBenchmark#scene()} to a folder as {@code .npy}
 * files: foreground, horizontal and vertical as float32 of shape (1024, 1024), and classes as
 * float32 of shape (4, 1024, 1024) in the order of {@code class_names}, background first. Then
 * it times both decoders on the maps in memory (median of the given number of runs after 2
 * warm-up runs). Last it writes the label image of each decoder
 * ({@code ours_hovernet_labels.npy}, {@code ours_foreground_labels.npy}, int32) and
 * {@code java.json}: the decoding parameters converted to pixels, the class names, the times
 * and the instance counts. {@code bench/decode_skimage.py} reads that folder.
 * <p>
 * Arguments: the folder (must exist) and optionally the number of timed runs (default 5).
 */
public final class SkimageComparisonBenchmark {

	private SkimageComparisonBenchmark() {}

	public static void main(String[] args) throws IOException {
		OfflineMode.enable();
		if (args.length < 1 || args.length > 2) {
			System.err.println("Usage: SkimageComparisonBenchmark FOLDER [RUNS]");
			System.exit(2);
		}
		Path folder = Path.of(args[0]);
		int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
		if (!Files.isDirectory(folder) || runs < 1) {
			System.err.println("The folder '" + folder + "' must exist and RUNS (" + runs +
				") must be at least 1.");
			System.exit(2);
		}

		NucleiDecodingBenchmark.Scene scene = NucleiDecodingBenchmark.scene();
		NucleiMaps hoverNet = scene.hoverNet();
		NucleiMaps foreground = scene.foregroundOnly();
		writeMaps(hoverNet, folder);

		NucleiDecodingOptions options = NucleiDecodingOptions.defaults();
		DecodedNuclei hoverNetResult = NucleiDecoder.decode(hoverNet, options, Progress.none());
		DecodedNuclei foregroundResult = NucleiDecoder.decode(foreground, options, Progress
			.none());
		writeLabels(hoverNetResult, folder.resolve("ours_hovernet_labels.npy"));
		writeLabels(foregroundResult, folder.resolve("ours_foreground_labels.npy"));

		double hoverNetSeconds = NucleiDecodingBenchmark.median(() -> NucleiDecoder.decode(
			hoverNet, options, Progress.none()), runs);
		double foregroundSeconds = NucleiDecodingBenchmark.median(() -> NucleiDecoder.decode(
			foreground, options, Progress.none()), runs);

		double umPerPixel = hoverNet.pixelSize().umPerPixel();
		String json = String.format(Locale.ROOT, "{%n" +
			"  \"true_count\": %d,%n" +
			"  \"runs\": %d,%n" +
			"  \"um_per_pixel\": %s,%n" +
			"  \"foreground_threshold\": %s,%n" +
			"  \"marker_energy_threshold\": %s,%n" +
			"  \"min_marker_area_px\": %d,%n" +
			"  \"h_maxima_um\": %s,%n" +
			"  \"min_area_px\": %d,%n" +
			"  \"fill_holes\": %b,%n" +
			"  \"class_names\": [%s],%n" +
			"  \"hovernet\": {\"seconds\": %s, \"count\": %d},%n" +
			"  \"foreground\": {\"seconds\": %s, \"count\": %d}%n" +
			"}%n", scene.trueCount(), runs, umPerPixel, options.foregroundThreshold(), options
				.markerEnergyThreshold(), pixels(options.minMarkerAreaUm2(), umPerPixel), options
					.hMaximaUm(), pixels(options.minAreaUm2(), umPerPixel), options.fillHoles(),
			quotedList(hoverNet.classNames()), hoverNetSeconds, hoverNetResult.count(),
			foregroundSeconds, foregroundResult.count());
		Files.writeString(folder.resolve("java.json"), json, StandardCharsets.UTF_8);
		System.out.printf(Locale.ROOT, "ours: HoVer-Net %.3f s (%d nuclei), foreground-only " +
			"%.3f s (%d nuclei), median of %d runs%n", hoverNetSeconds, hoverNetResult.count(),
			foregroundSeconds, foregroundResult.count(), runs);
	}

	/** Pixels covering at least {@code areaUm2}, rounded up, as the decoder converts areas. */
	private static long pixels(double areaUm2, double umPerPixel) {
		return (long) Math.ceil(areaUm2 / (umPerPixel * umPerPixel) - 1e-9);
	}

	private static String quotedList(List<String> names) {
		return String.join(", ", names.stream().map(name -> "\"" + name + "\"").toList());
	}

	private static void writeMaps(NucleiMaps maps, Path folder) {
		int width = maps.width();
		int height = maps.height();
		Npy.write(folder.resolve("foreground.npy"), NpyArray.ofFloat32(maps.foreground(), height,
			width));
		Npy.write(folder.resolve("horizontal.npy"), NpyArray.ofFloat32(maps.horizontal(), height,
			width));
		Npy.write(folder.resolve("vertical.npy"), NpyArray.ofFloat32(maps.vertical(), height,
			width));

		List<float[]> planes = maps.classProbabilities();
		float[] classes = new float[planes.size() * width * height];
		for (int c = 0; c < planes.size(); c++) {
			System.arraycopy(planes.get(c), 0, classes, c * width * height, width * height);
		}
		Npy.write(folder.resolve("classes.npy"), NpyArray.ofFloat32(classes, planes.size(), height,
			width));
	}

	private static void writeLabels(DecodedNuclei decoded, Path file) {
		Npy.write(file, NpyArray.ofInt32(decoded.labels().labels(), decoded.labels().height(),
			decoded.labels().width()));
	}
}
