package org.pumaseg.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.pumaseg.annotation.ClassifiedPolygon;
import org.pumaseg.annotation.Track;

/**
 * Benchmark, not a test: official nuclei F1 over 205 synthetic 1024 x 1024 image pairs of 700
 * nuclei each (predictions jittered by up to 6 px, 10 % with another class). Run with
 * {@code java -cp target/classes:target/test-classes:<dependencies> org.pumaseg.metrics.NucleiEvaluationBenchmark}.
 */
public final class NucleiEvaluationBenchmark {

	private NucleiEvaluationBenchmark() {}

	public static void main(String[] args) {
		Random random = new Random(42);
		List<String> classes = Track.TRACK2.classNames();
		List<ImagePair> pairs = new ArrayList<>();
		for (int image = 0; image < 205; image++) {
			List<ClassifiedPolygon> truth = new ArrayList<>();
			List<ClassifiedPolygon> prediction = new ArrayList<>();
			for (int n = 0; n < 700; n++) {
				double x = 10 + random.nextDouble() * 1004;
				double y = 10 + random.nextDouble() * 1004;
				String className = classes.get(random.nextInt(classes.size()));
				truth.add(Nuclei.truth(className, x, y));
				String predicted = random.nextDouble() < 0.1 ? classes.get(random.nextInt(classes
					.size())) : className;
				prediction.add(Nuclei.prediction(predicted, x + random.nextGaussian() * 3, y + random
					.nextGaussian() * 3, random.nextDouble()));
			}
			pairs.add(new ImagePair("synthetic_" + image, truth, prediction));
		}
		for (int run = 0; run < 3; run++) {
			long start = System.nanoTime();
			NucleiScores scores = NucleiEvaluation.evaluate(pairs, Track.TRACK2);
			double seconds = (System.nanoTime() - start) / 1e9;
			System.out.printf("run %d: %.3f s, macro F1 %.4f%n", run + 1, seconds, scores.macroF1());
		}
	}
}
