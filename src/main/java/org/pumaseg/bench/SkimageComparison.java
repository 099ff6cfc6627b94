package org.pumaseg.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.pumaseg.Progress;
import org.pumaseg.model.Npy;
import org.pumaseg.model.NpyArray;
import org.pumaseg.nuclei.DecodedNuclei;
import org.pumaseg.nuclei.NucleiDecodingOptions;
import org.pumaseg.nuclei.NucleiMaps;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Decodes the maps of a {@link DecodingScene} with a scikit-image watershed pipeline that
 * repeats each step of our decoder, and compares its time and instances with ours.
 * <p>
 * The maps go to a folder as {@code .npy} files (foreground, horizontal and vertical as
 * float32 of shape (height, width), classes as float32 of shape (classes, height, width),
 * background first), with our label images ({@code ours_hovernet_labels.npy},
 * {@code ours_foreground_labels.npy}, int32) and {@code params.json}, our decoding parameters
 * converted to pixels. The Python script {@code decode_skimage.py} (a resource of this package)
 * reads them and prints its timings as JSON. Nothing is installed: without a Python that can
 * import scikit-image the comparison is skipped.
 */
public final class SkimageComparison {

	/** Python executables tried in this order when none is given. */
	public static final List<String> DEFAULT_PYTHONS = List.of("python3", "/usr/bin/python3");

	private static final Logger LOG = LoggerFactory.getLogger(SkimageComparison.class);
	private static final String SCRIPT = "decode_skimage.py";
	private static final long PROBE_TIMEOUT_SECONDS = 60;

	/**
	 * The scikit-image side of one decoder path.
	 *
	 * @param seconds median time of the whole pipeline
	 * @param secondsWithoutOutlines the same without {@code find_contours}, the step that
	 *          differs most from ours (we also build exact JTS polygons)
	 * @param count instances found
	 * @param matched our instances that overlap one of theirs with an IoU above 0.5
	 */
	public record SkimageTiming(double seconds, double secondsWithoutOutlines, int count,
		int matched)
	{}

	/** Both paths and the versions of scikit-image, SciPy and NumPy that ran them. */
	public record Result(String python, String versions, SkimageTiming hoverNet,
		SkimageTiming foregroundOnly)
	{}

	private SkimageComparison() {}

	/**
	 * Returns the first of {@code candidates} that runs and imports scikit-image, or empty.
	 */
	public static Optional<String> findPython(List<String> candidates) {
		for (String python : candidates) {
			if (importsSkimage(python)) {
				return Optional.of(python);
			}
		}
		return Optional.empty();
	}

	private static boolean importsSkimage(String python) {
		ProcessBuilder builder = new ProcessBuilder(python, "-c", "import skimage, scipy, numpy")
			.redirectErrorStream(true);
		Process process;
		try {
			process = ChildProcesses.start(builder);
		}
		catch (IOException e) {
			LOG.debug("Python '{}' cannot be started: {}", python, e.getMessage());
			return false;
		}
		try {
			process.getInputStream().transferTo(OutputStream.nullOutputStream());
			boolean exited = process.waitFor(PROBE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
			boolean imports = exited && process.exitValue() == 0;
			LOG.debug("Python '{}' {} scikit-image.", python, imports ? "imports" : "cannot import");
			return imports;
		}
		catch (IOException e) {
			return false;
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return false;
		}
		finally {
			ChildProcesses.finished(process);
		}
	}

	/**
	 * Runs the scikit-image pipeline on the maps of {@code ours} in {@code folder} (which must
	 * exist and be empty) with {@code python}.
	 *
	 * @throws IOException when the files cannot be written or the script fails
	 */
	public static Result run(String python, DecodingBenchmark.Result ours, Repeats repeats,
		Path folder, Progress progress) throws IOException
	{
		progress.update(0, "Writing the maps for scikit-image");
		NucleiMaps maps = ours.scene().hoverNet();
		writeMaps(maps, folder);
		writeLabels(ours.hoverNet().decoded(), folder.resolve("ours_hovernet_labels.npy"));
		writeLabels(ours.foregroundOnly().decoded(), folder.resolve("ours_foreground_labels.npy"));
		writeParameters(maps, NucleiDecodingOptions.defaults(), folder.resolve("params.json"));
		Path script = folder.resolve(SCRIPT);
		try (InputStream in = SkimageComparison.class.getResourceAsStream(SCRIPT)) {
			if (in == null) {
				throw new IOException("The resource " + SCRIPT + " is missing from the PumaSeg " +
					"build; rebuild PumaSeg.");
			}
			Files.copy(in, script);
		}

		progress.update(0.1, "Decoding with scikit-image (" + python + ")");
		// One warm-up run fewer than ours: Python has no JIT, so one run is enough to load
		// the libraries and fill the caches.
		String output = runScript(python, script, folder, Math.max(0, repeats.warmUps() - 1),
			repeats.runs(), progress);
		progress.update(1, "scikit-image done");
		return parse(python, output);
	}

	private static String runScript(String python, Path script, Path folder, int warmUps,
		int runs, Progress progress) throws IOException
	{
		ProcessBuilder builder = new ProcessBuilder(python, script.toString(), folder.toString(),
			Integer.toString(warmUps), Integer.toString(runs)).redirectError(
				ProcessBuilder.Redirect.INHERIT);
		Process process = ChildProcesses.start(builder);
		try {
			String output = new String(process.getInputStream().readAllBytes(),
				StandardCharsets.UTF_8);
			int exit = process.waitFor();
			if (exit != 0) {
				throw new IOException("The scikit-image script " + script.getFileName() +
					" failed with exit status " + exit + " under " + python + "; its messages " +
					"are above");
			}
			return output;
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted while scikit-image was decoding", e);
		}
		finally {
			ChildProcesses.finished(process);
		}
	}

	private static Result parse(String python, String output) throws IOException {
		JsonNode root = new ObjectMapper().readTree(output);
		JsonNode versions = root.path("versions");
		String described = String.format("scikit-image %s, SciPy %s, NumPy %s", versions.path(
			"scikit-image").asText("?"), versions.path("scipy").asText("?"), versions.path("numpy")
				.asText("?"));
		return new Result(python, described, timing(root.path("hovernet")), timing(root.path(
			"foreground")));
	}

	private static SkimageTiming timing(JsonNode node) throws IOException {
		if (!node.has("seconds")) {
			throw new IOException("The scikit-image script printed no timing: " + node);
		}
		return new SkimageTiming(node.path("seconds").asDouble(), node.path(
			"seconds_without_outlines").asDouble(), node.path("count").asInt(), node.path(
				"matched").asInt());
	}

	private static void writeParameters(NucleiMaps maps, NucleiDecodingOptions options, Path file)
		throws IOException
	{
		double umPerPixel = maps.pixelSize().umPerPixel();
		Map<String, Object> parameters = new LinkedHashMap<>();
		parameters.put("um_per_pixel", umPerPixel);
		parameters.put("foreground_threshold", options.foregroundThreshold());
		parameters.put("marker_energy_threshold", options.markerEnergyThreshold());
		parameters.put("min_marker_area_px", pixels(options.minMarkerAreaUm2(), umPerPixel));
		parameters.put("h_maxima_um", options.hMaximaUm());
		parameters.put("min_area_px", pixels(options.minAreaUm2(), umPerPixel));
		parameters.put("fill_holes", options.fillHoles());
		parameters.put("class_names", maps.classNames());
		new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), parameters);
	}

	/** Pixels covering at least {@code areaUm2}, rounded up, as the decoder converts areas. */
	private static long pixels(double areaUm2, double umPerPixel) {
		return (long) Math.ceil(areaUm2 / (umPerPixel * umPerPixel) - 1e-9);
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
