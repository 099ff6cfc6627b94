package org.pumaseg.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.pumaseg.annotation.ClassifiedPolygon;
import org.pumaseg.annotation.Track;
import org.pumaseg.model.OfflineMode;

/**
 * Benchmark, not a test: panoptic quality over 205 synthetic 1024 x 1024 image pairs of 700
 * nuclei each, squares of 8 to 12 pixels a side (predictions shifted by a Gaussian of 1 pixel,
 * 10 % with another class). Run with
 * {@code java -cp target/classes:target/test-classes:<dependencies> org.pumaseg.metrics.PanopticQualityBenchmark}.
 */
public final class PanopticQualityBenchmark {

	private static final GeometryFactory FACTORY = new GeometryFactory();

	private PanopticQualityBenchmark() {}

	public static void main(String[] args) {
		OfflineMode.enable();
		Random random = new Random(42);
		List<String> classes = Track.TRACK2.classNames();
		List<ImagePair> pairs = new ArrayList<>();
		for (int image = 0; image < 205; image++) {
			List<ClassifiedPolygon> truth = new ArrayList<>();
			List<ClassifiedPolygon> prediction = new ArrayList<>();
			for (int n = 0; n < 700; n++) {
				double x = 10 + random.nextDouble() * 1000;
				double y = 10 + random.nextDouble() * 1000;
				double side = 8 + random.nextDouble() * 4;
				String className = classes.get(random.nextInt(classes.size()));
				truth.add(ClassifiedPolygon.annotation(className, square(x, y, side)));
				String predicted = random.nextDouble() < 0.1 ? classes.get(random.nextInt(classes
					.size())) : className;
				prediction.add(ClassifiedPolygon.detection(predicted, square(x + random
					.nextGaussian(), y + random.nextGaussian(), side), random.nextDouble()));
			}
			pairs.add(new ImagePair("synthetic_" + image, truth, prediction));
		}
		for (int run = 0; run < 3; run++) {
			long start = System.nanoTime();
			PanopticScores scores = PanopticQuality.evaluate(pairs, Track.TRACK2);
			double seconds = (System.nanoTime() - start) / 1e9;
			System.out.printf("run %d: %.3f s, mean PQ %.4f, class-agnostic PQ %.4f%n", run + 1,
				seconds, scores.meanPanopticQuality(), scores.classAgnostic().panopticQuality());
		}
	}

	private static Polygon square(double x, double y, double side) {
		return FACTORY.createPolygon(new Coordinate[] { new Coordinate(x, y), new Coordinate(x +
			side, y), new Coordinate(x + side, y + side), new Coordinate(x, y + side),
			new Coordinate(x, y) });
	}
}
