package org.pumaseg.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pumaseg.metrics.Nuclei.prediction;
import static org.pumaseg.metrics.Nuclei.truth;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.pumaseg.InvalidInputException;
import org.pumaseg.annotation.AnnotationFile;
import org.pumaseg.annotation.AnnotationFiles;
import org.pumaseg.annotation.ClassifiedPolygon;
import org.pumaseg.annotation.ObjectType;
import org.pumaseg.annotation.Track;
import org.pumaseg.annotation.Validation;

class NucleiEvaluationTest {

	private static final String TUMOR = "nuclei_tumor";
	private static final String LYMPHOCYTE = "nuclei_lymphocyte";
	private static final String HISTIOCYTE = "nuclei_histiocyte";

	private static NucleiScores evaluate(Track track, ImagePair... pairs) {
		return NucleiEvaluation.evaluate(List.of(pairs), track);
	}

	private static ClassCounts counts(NucleiScores scores, int image, String className) {
		return scores.images().get(image).classes().get(className);
	}

	@Test
	void perfectMatchScoresOne() {
		NucleiScores scores = evaluate(Track.TRACK2, new ImagePair("a", List.of(truth(TUMOR, 10,
			10), truth(LYMPHOCYTE, 50, 50)), List.of(prediction(LYMPHOCYTE, 51, 50), prediction(
				TUMOR, 12, 10))));
		assertEquals(1.0, scores.macroF1());
		assertEquals(1.0, scores.classF1().get(TUMOR));
		assertEquals(1.0, scores.classF1().get(LYMPHOCYTE));
	}

	@Test
	void distanceBoundIsStrict() {
		// 15 px away exactly: no match. 14.999 px: match.
		NucleiScores atBound = evaluate(Track.TRACK2, new ImagePair("a", List.of(truth(TUMOR, 100,
			100)), List.of(prediction(TUMOR, 115, 100))));
		assertEquals(new ClassCounts(0, 1, 1, 0, 0, 0), counts(atBound, 0, TUMOR));

		NucleiScores diagonal = evaluate(Track.TRACK2, new ImagePair("a", List.of(truth(TUMOR,
			100, 100)), List.of(prediction(TUMOR, 109, 112))));
		assertEquals(0, counts(diagonal, 0, TUMOR).truePositives(), "9-12-15 triangle is at 15");

		NucleiScores inside = evaluate(Track.TRACK2, new ImagePair("a", List.of(truth(TUMOR, 100,
			100)), List.of(prediction(TUMOR, 114.999, 100))));
		assertEquals(1, counts(inside, 0, TUMOR).truePositives());
	}

	@Test
	void wrongClassIsFalseNegativePlusFalsePositive() {
		NucleiScores scores = evaluate(Track.TRACK2, new ImagePair("a", List.of(truth(TUMOR, 10,
			10)), List.of(prediction(LYMPHOCYTE, 10, 10))));
		assertEquals(new ClassCounts(0, 0, 1, 0, 0, 0), counts(scores, 0, TUMOR));
		assertEquals(new ClassCounts(0, 1, 0, 0, 0, 0), counts(scores, 0, LYMPHOCYTE));
		assertEquals(0.0, scores.macroF1());
	}

	@Test
	void greedyMatchingDependsOnTruthOrder() {
		// Truth A at x=0 and B at x=10; one prediction at x=6 (closer to B). A comes first in
		// the file and takes it, leaving B unmatched although B is nearer.
		List<ClassifiedPolygon> predictions = List.of(prediction(TUMOR, 106, 100));
		NucleiScores aFirst = evaluate(Track.TRACK2, new ImagePair("a", List.of(truth(TUMOR, 100,
			100), truth(TUMOR, 110, 100)), predictions));
		NucleiScores bFirst = evaluate(Track.TRACK2, new ImagePair("a", List.of(truth(TUMOR, 110,
			100), truth(TUMOR, 100, 100)), predictions));
		assertEquals(1, counts(aFirst, 0, TUMOR).truePositives());
		assertEquals(1, counts(bFirst, 0, TUMOR).truePositives());

		// With a second prediction at x=96 (reachable only from A), order decides the count.
		List<ClassifiedPolygon> two = List.of(prediction(TUMOR, 106, 100), prediction(TUMOR, 92,
			100));
		NucleiScores greedyLoses = evaluate(Track.TRACK2, new ImagePair("a", List.of(truth(TUMOR,
			100, 100), truth(TUMOR, 110, 100)), two));
		NucleiScores greedyWins = evaluate(Track.TRACK2, new ImagePair("a", List.of(truth(TUMOR,
			110, 100), truth(TUMOR, 100, 100)), two));
		assertEquals(1, counts(greedyLoses, 0, TUMOR).truePositives(),
			"A takes the nearer x=106, so B (x=110) finds nothing within 15 px");
		assertEquals(2, counts(greedyWins, 0, TUMOR).truePositives());
	}

	@Test
	void highestScoreBeatsNearest() {
		// Truth at 100; predictions at 101 (score 0.5) and 110 (score 0.9): the official rule
		// takes the higher score, leaving the near one as a false positive for the second truth.
		NucleiScores scores = evaluate(Track.TRACK2, new ImagePair("a", List.of(truth(TUMOR, 100,
			100), truth(TUMOR, 130, 100)), List.of(prediction(TUMOR, 101, 100, 0.5), prediction(
				TUMOR, 110, 100, 0.9))));
		assertEquals(1, counts(scores, 0, TUMOR).truePositives());

		// Same geometry, equal scores: the nearest wins, and the second truth (x=130, 20 px from
		// 110) still has nothing within 15 px.
		NucleiScores equal = evaluate(Track.TRACK2, new ImagePair("a", List.of(truth(TUMOR, 100,
			100), truth(TUMOR, 120, 100)), List.of(prediction(TUMOR, 101, 100, 0.5), prediction(
				TUMOR, 110, 100, 0.5))));
		assertEquals(2, counts(equal, 0, TUMOR).truePositives(),
			"nearest (101) goes to the first truth, 110 to the second");

		NucleiScores byScore = evaluate(Track.TRACK2, new ImagePair("a", List.of(truth(TUMOR, 100,
			100), truth(TUMOR, 120, 100)), List.of(prediction(TUMOR, 101, 100, 0.5), prediction(
				TUMOR, 110, 100, 0.9))));
		assertEquals(1, counts(byScore, 0, TUMOR).truePositives(),
			"the first truth takes 110 by score; 101 is 19 px from the second truth");
	}

	@Test
	void missingScoreCountsAsOne() {
		// Unscored (1) beats 0.9 although farther.
		NucleiScores scores = evaluate(Track.TRACK2, new ImagePair("a", List.of(truth(TUMOR, 100,
			100), truth(TUMOR, 120, 100)), List.of(prediction(TUMOR, 101, 100, 0.9), prediction(
				TUMOR, 110, 100))));
		assertEquals(1, counts(scores, 0, TUMOR).truePositives());
	}

	@Test
	void tieOnScoreAndDistanceTakesFirstInFile() {
		// Two predictions 5 px either side, same score: the first listed is used, so the second
		// remains for a truth that only it can reach.
		NucleiScores scores = evaluate(Track.TRACK2, new ImagePair("a", List.of(truth(TUMOR, 100,
			100), truth(TUMOR, 115, 100)), List.of(prediction(TUMOR, 105, 100), prediction(TUMOR, 95,
				100))));
		assertEquals(1, counts(scores, 0, TUMOR).truePositives(),
			"105 is taken by the first truth; 95 is 20 px from the second");

		NucleiScores swapped = evaluate(Track.TRACK2, new ImagePair("a", List.of(truth(TUMOR, 100,
			100), truth(TUMOR, 115, 100)), List.of(prediction(TUMOR, 95, 100), prediction(TUMOR, 105,
				100))));
		assertEquals(2, counts(swapped, 0, TUMOR).truePositives());
	}

	@Test
	void classAbsentFromImageAddsZero() {
		// Image 1 has tumour and lymphocyte, image 2 only tumour: lymphocyte F1 = (1 + 0) / 2.
		ImagePair first = new ImagePair("1", List.of(truth(TUMOR, 10, 10), truth(LYMPHOCYTE, 50,
			50)), List.of(prediction(TUMOR, 10, 10), prediction(LYMPHOCYTE, 50, 50)));
		ImagePair second = new ImagePair("2", List.of(truth(TUMOR, 10, 10)), List.of(prediction(
			TUMOR, 10, 10)));
		NucleiScores scores = evaluate(Track.TRACK2, first, second);
		assertEquals(1.0, scores.classF1().get(TUMOR));
		assertEquals(0.5, scores.classF1().get(LYMPHOCYTE));
		assertEquals(0.75, scores.macroF1());
		assertFalse(scores.images().get(1).classes().containsKey(LYMPHOCYTE));
	}

	@Test
	void classOnlyInPredictionLowersMean() {
		ImagePair pair = new ImagePair("1", List.of(truth(TUMOR, 10, 10)), List.of(prediction(
			TUMOR, 10, 10), prediction(HISTIOCYTE, 80, 80)));
		NucleiScores scores = evaluate(Track.TRACK2, pair);
		assertEquals(0.0, scores.classF1().get(HISTIOCYTE));
		assertEquals(0.5, scores.macroF1());
	}

	@Test
	void perImageCountsAndF1ByHand() {
		// 3 truth tumour, 2 predicted near the first two, 1 far away: TP 2, FP 1, FN 1.
		ImagePair pair = new ImagePair("1", List.of(truth(TUMOR, 10, 10), truth(TUMOR, 50, 10),
			truth(TUMOR, 90, 10)), List.of(prediction(TUMOR, 12, 10), prediction(TUMOR, 50, 14),
				prediction(TUMOR, 300, 300)));
		ClassCounts tumour = counts(evaluate(Track.TRACK2, pair), 0, TUMOR);
		assertEquals(2, tumour.truePositives());
		assertEquals(1, tumour.falsePositives());
		assertEquals(1, tumour.falseNegatives());
		assertEquals(2.0 / 3, tumour.precision());
		assertEquals(2.0 / 3, tumour.recall());
		assertEquals(2 * (2.0 / 3) * (2.0 / 3) / (4.0 / 3), tumour.f1());
	}

	@Test
	void fewerThanThreeVerticesDropped(@TempDir Path folder) throws Exception {
		// JTS cannot hold a ring of 2 vertices, so the rule applies when a file is read for
		// evaluation: the 2-point polygon is skipped, the triangle is kept.
		Path file = folder.resolve("pred.json");
		Files.writeString(file, "{\"type\": \"Multiple polygons\", \"polygons\": [" +
			"{\"name\": \"nuclei_tumor\", \"path_points\": [[10, 10, 0.5], [12, 10, 0.5]]}," +
			"{\"name\": \"nuclei_tumor\", \"path_points\": [[99, 99, 0.5], [102, 99, 0.5], " +
			"[99, 102, 0.5]]}]}");
		AnnotationFile read = AnnotationFiles.read(file, Validation.EVALUATION);
		assertEquals(1, read.skippedPolygons());
		NucleiScores scores = evaluate(Track.TRACK2, new ImagePair("a", List.of(truth(TUMOR, 11,
			10), truth(TUMOR, 100, 100)), read.objects()));
		assertEquals(1, scores.images().get(0).predictionCount());
		assertEquals(new ClassCounts(1, 0, 1, 1.0, 0.5, 2 * 0.5 / 1.5), counts(scores, 0, TUMOR));
	}

	@Test
	void openRingCentroidAveragesEveryListedVertex(@TempDir Path folder) throws Exception {
		// A challenge ring listed closed ([0,0] twice) keeps both copies, as the official mean
		// over path_points does: x = (0 + 30 + 0 + 0) / 4.
		Path file = folder.resolve("closed.json");
		Files.writeString(file, "{\"polygons\": [{\"name\": \"nuclei_tumor\", " +
			"\"path_points\": [[0, 0, 0.5], [30, 0, 0.5], [0, 30, 0.5], [0, 0, 0.5]]}]}");
		List<Nucleus> nuclei = NucleusCentroids.of(AnnotationFiles.read(file, Validation.EVALUATION)
			.objects(), Track.TRACK2, "a", "truth");
		assertEquals(7.5, nuclei.get(0).x());
		assertEquals(7.5, nuclei.get(0).y());
	}

	@Test
	void closedRingCentroidIgnoresRepeatedVertex() {
		// Triangle (0,0) (30,0) (0,30): vertex mean (10, 10). Averaging the closing vertex too
		// would give (7.5, 7.5).
		GeometryFactory factory = new GeometryFactory();
		Polygon triangle = factory.createPolygon(new Coordinate[] { new Coordinate(0, 0),
			new Coordinate(30, 0), new Coordinate(0, 30), new Coordinate(0, 0) });
		List<Nucleus> nuclei = NucleusCentroids.of(List.of(ClassifiedPolygon.annotation(TUMOR,
			triangle)), Track.TRACK2, "a", "truth");
		assertEquals(10.0, nuclei.get(0).x());
		assertEquals(10.0, nuclei.get(0).y());
	}

	@Test
	void multiPolygonPartsAreSeparateNuclei() {
		GeometryFactory factory = new GeometryFactory();
		MultiPolygon two = factory.createMultiPolygon(new Polygon[] { Nuclei.square(10, 10), Nuclei
			.square(100, 100) });
		ClassifiedPolygon truth = ClassifiedPolygon.annotation(TUMOR, two);
		NucleiScores scores = evaluate(Track.TRACK2, new ImagePair("a", List.of(truth), List.of(
			prediction(TUMOR, 10, 10))));
		assertEquals(2, scores.images().get(0).truthCount());
		assertEquals(new ClassCounts(1, 0, 1, 1.0, 0.5, 2 * 0.5 / 1.5), counts(scores, 0, TUMOR));
	}

	@Test
	void trackOneGroupsPlasmaCellsWithLymphocytes() {
		NucleiScores track1 = evaluate(Track.TRACK1, new ImagePair("a", List.of(truth(
			"nuclei_plasma_cell", 10, 10), truth(HISTIOCYTE, 60, 60)), List.of(prediction(
				LYMPHOCYTE, 10, 10), prediction("nuclei_other", 60, 60))));
		assertEquals(1.0, track1.macroF1());
		assertEquals(List.of(LYMPHOCYTE, "nuclei_other"), List.copyOf(track1.classF1().keySet()));

		NucleiScores track2 = evaluate(Track.TRACK2, new ImagePair("a", List.of(truth(
			"nuclei_plasma_cell", 10, 10)), List.of(prediction(LYMPHOCYTE, 10, 10))));
		assertEquals(0.0, track2.macroF1());
	}

	@Test
	void trackTwoRejectsOtherClass() {
		InvalidInputException error = assertThrows(InvalidInputException.class, () -> evaluate(
			Track.TRACK2, new ImagePair("roi_7", List.of(truth(TUMOR, 10, 10)), List.of(prediction(
				"nuclei_other", 10, 10)))));
		assertTrue(error.getMessage().contains("roi_7"), error.getMessage());
		assertTrue(error.getMessage().contains("nuclei_other"), error.getMessage());
	}

	@Test
	void emptyImagesScoreNothing() {
		NucleiScores oneEmpty = evaluate(Track.TRACK2, new ImagePair("full", List.of(truth(TUMOR,
			10, 10)), List.of(prediction(TUMOR, 10, 10))), new ImagePair("empty", List.of(), List
				.of()));
		assertEquals(0.5, oneEmpty.macroF1(), "the empty image still counts in the divisor");
		assertTrue(oneEmpty.images().get(1).classes().isEmpty());

		NucleiScores allEmpty = evaluate(Track.TRACK2, new ImagePair("empty", List.of(), List
			.of()));
		assertTrue(Double.isNaN(allEmpty.macroF1()));
	}

	@Test
	void confusionMatrixCountsLocationMatches() {
		NucleiScores scores = evaluate(Track.TRACK1, new ImagePair("a", List.of(truth(TUMOR, 10,
			10), truth(LYMPHOCYTE, 60, 60), truth(TUMOR, 200, 200)), List.of(prediction(LYMPHOCYTE,
				11, 10), prediction(LYMPHOCYTE, 60, 60), prediction(TUMOR, 500, 500))));
		ConfusionMatrix confusion = scores.confusion();
		int tumour = confusion.classes().indexOf(TUMOR);
		int lymphocyte = confusion.classes().indexOf(LYMPHOCYTE);
		int none = confusion.noneIndex();
		assertEquals(1, confusion.counts()[tumour][lymphocyte]);
		assertEquals(1, confusion.counts()[lymphocyte][lymphocyte]);
		assertEquals(1, confusion.counts()[tumour][none]);
		assertEquals(1, confusion.counts()[none][tumour]);
		assertEquals(0, confusion.counts()[tumour][tumour]);
	}

	@Test
	void pooledExtraSumsCountsOverImages() {
		ImagePair first = new ImagePair("1", List.of(truth(TUMOR, 10, 10)), List.of(prediction(
			TUMOR, 10, 10)));
		ImagePair second = new ImagePair("2", List.of(truth(TUMOR, 10, 10), truth(TUMOR, 60, 60)),
			List.of());
		NucleiScores scores = evaluate(Track.TRACK2, first, second);
		assertEquals(new ClassCounts(1, 0, 2, 1.0, 1.0 / 3, 2 * (1.0 / 3) / (4.0 / 3)), scores
			.pooledClasses().get(TUMOR));
		assertEquals(0.5, scores.macroF1(), "official: (1 + 0) / 2");
	}

	@Test
	void duplicateCentroidRemovesFirstListed() {
		// Two predictions at the same place, scores 0.2 then 0.9. The first truth picks the 0.9
		// one, but the official code removes the first prediction with that centroid (0.2), so
		// the 0.9 one is still there for the second truth.
		List<ClassifiedPolygon> predictions = List.of(prediction(TUMOR, 100, 100, 0.2), prediction(
			TUMOR, 100, 100, 0.9));
		NucleiScores scores = evaluate(Track.TRACK2, new ImagePair("a", List.of(truth(TUMOR, 100,
			100), truth(TUMOR, 105, 100)), predictions));
		assertEquals(2, counts(scores, 0, TUMOR).truePositives());
	}

	@Test
	void resultsWriteAsCsv() {
		NucleiScores scores = evaluate(Track.TRACK2, new ImagePair("a,b", List.of(truth(TUMOR, 10,
			10)), List.of(prediction(TUMOR, 10, 10))));
		String csv = scores.toCsv();
		assertTrue(csv.startsWith("image,class,tp,fp,fn,precision,recall,f1\n"), csv);
		assertTrue(csv.contains("\"a,b\",nuclei_tumor,1,0,0,1.000000,1.000000,1.000000"), csv);
	}

	@Test
	void emptyPairListRejected() {
		assertThrows(InvalidInputException.class, () -> NucleiEvaluation.evaluate(List.of(),
			Track.TRACK1));
	}

	@Test
	void scoreComesFromScoreNotProbability() {
		ClassifiedPolygon probableButUnscored = new ClassifiedPolygon(null, TUMOR, Nuclei.square(
			101, 100), ObjectType.DETECTION, 0.1, Double.NaN, Map.of());
		// Score absent counts as 1 and beats 0.9 although probability says 0.1.
		NucleiScores scores = evaluate(Track.TRACK2, new ImagePair("a", List.of(truth(TUMOR, 100,
			100), truth(TUMOR, 120, 100)), List.of(probableButUnscored, prediction(TUMOR, 110, 100,
				0.9))));
		assertEquals(2, counts(scores, 0, TUMOR).truePositives(),
			"101 (score 1) to the first truth, 110 to the second");
	}
}
