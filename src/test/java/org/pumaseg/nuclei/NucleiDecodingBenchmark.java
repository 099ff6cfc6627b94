package org.pumaseg.nuclei;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.pumaseg.Progress;
import org.pumaseg.label.LabelPolygons;

/**
 * Benchmark, not a test: decodes ideal 1024 x 1024 maps of about 1,700 touching nuclei (discs of
 * radius 8 to 13 pixels on a jittered 24-pixel grid, 3 classes) with both decoders, and times
 * the outline step alone for comparison. Prints the median of 5 runs after 2 warm-up runs. Run
 * with {@code java -cp target/classes:target/test-classes:<dependencies>
 * org.pumaseg.nuclei.NucleiDecodingBenchmark}.
 */
public final class NucleiDecodingBenchmark {

	private static final int SIZE = 1024;
	private static final int RUNS = 5;

	private NucleiDecodingBenchmark() {}

	/** Ideal HoVer-Net maps of the benchmark nuclei and the number of nuclei drawn in them. */
	record Scene(NucleiMaps hoverNet, int trueCount) {

		/** Returns the same maps without the distance maps, as a foreground-only model gives them. */
		NucleiMaps foregroundOnly() {
			return new NucleiMaps(SIZE, SIZE, SyntheticMaps.PIXEL_SIZE, hoverNet.foreground(),
				null, null, hoverNet.classProbabilities(), hoverNet.classNames());
		}
	}

	/** Builds the benchmark scene. The fixed seed makes every call return the same maps. */
	static Scene scene() {
		Random random = new Random(42);
		List<double[]> centres = new ArrayList<>();
		for (int y = 12; y < SIZE - 12; y += 24) {
			for (int x = 12; x < SIZE - 12; x += 24) {
				centres.add(new double[] { x + random.nextGaussian() * 3, y + random.nextGaussian() *
					3 });
			}
		}
		int[] truth = new int[SIZE * SIZE];
		int[] classOfLabel = new int[centres.size() + 1];
		for (int i = 0; i < centres.size(); i++) {
			double radius = 8 + 5 * random.nextDouble();
			double[] centre = centres.get(i);
			SyntheticMaps.ellipse(truth, SIZE, SIZE, centre[0], centre[1], radius, radius, 0, i + 1);
			classOfLabel[i + 1] = random.nextInt(3);
		}
		NucleiMaps hoverNet = SyntheticMaps.hoverNet(truth, SIZE, SIZE, classOfLabel, List.of(
			"nuclei_tumor", "nuclei_lymphocyte", "nuclei_stroma"));
		return new Scene(hoverNet, centres.size());
	}

	public static void main(String[] args) {
		Scene scene = scene();
		NucleiMaps hoverNet = scene.hoverNet();
		NucleiMaps foreground = scene.foregroundOnly();
		NucleiDecodingOptions options = NucleiDecodingOptions.defaults();

		DecodedNuclei decoded = NucleiDecoder.decode(hoverNet, options, Progress.none());
		double hoverSeconds = median(() -> NucleiDecoder.decode(hoverNet, options, Progress
			.none()), RUNS);
		double foregroundSeconds = median(() -> NucleiDecoder.decode(foreground, options, Progress
			.none()), RUNS);
		double outlineSeconds = median(() -> LabelPolygons.toPolygons(decoded.labels()), RUNS);

		System.out.printf("%d true nuclei, %d decoded (HoVer-Net)%n", scene.trueCount(),
			decoded.count());
		System.out.printf("HoVer-Net decoding:        %.3f s%n", hoverSeconds);
		System.out.printf("foreground-only decoding:  %.3f s (%.2f x HoVer-Net)%n",
			foregroundSeconds, foregroundSeconds / hoverSeconds);
		System.out.printf("outlines alone:            %.3f s (%.0f %% of HoVer-Net decoding)%n",
			outlineSeconds, 100 * outlineSeconds / hoverSeconds);
	}

	/** Runs {@code step} twice to warm up, then returns the median of {@code runs} timed runs. */
	static double median(Runnable step, int runs) {
		for (int i = 0; i < 2; i++) {
			step.run();
		}
		double[] seconds = new double[runs];
		for (int i = 0; i < seconds.length; i++) {
			long start = System.nanoTime();
			step.run();
			seconds[i] = (System.nanoTime() - start) / 1e9;
		}
		java.util.Arrays.sort(seconds);
		return seconds[seconds.length / 2];
	}
}
