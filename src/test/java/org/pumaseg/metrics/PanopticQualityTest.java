package org.pumaseg.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.pumaseg.InvalidInputException;
import org.pumaseg.annotation.AnnotationFiles;
import org.pumaseg.annotation.ClassifiedPolygon;
import org.pumaseg.annotation.SharedData;
import org.pumaseg.annotation.Track;
import org.pumaseg.annotation.Validation;

class PanopticQualityTest {

	private static final String TUMOR = "nuclei_tumor";
	private static final String LYMPHOCYTE = "nuclei_lymphocyte";
	private static final GeometryFactory FACTORY = new GeometryFactory();

	private static Polygon rectangle(double x0, double y0, double x1, double y1) {
		return FACTORY.createPolygon(new Coordinate[] { new Coordinate(x0, y0), new Coordinate(x1,
			y0), new Coordinate(x1, y1), new Coordinate(x0, y1), new Coordinate(x0, y0) });
	}

	private static ClassifiedPolygon object(String className, double x0, double y0, double x1,
		double y1)
	{
		return ClassifiedPolygon.annotation(className, rectangle(x0, y0, x1, y1));
	}

	private static PanopticScores evaluate(List<ClassifiedPolygon> truth,
		List<ClassifiedPolygon> prediction)
	{
		return PanopticQuality.evaluate(List.of(new ImagePair("a", truth, prediction)),
			Track.TRACK2);
	}

	@Test
	void shiftedSquaresMatchWithTheirIou() {
		// 10 x 10 squares shifted by 2 columns: 80 shared pixels of 120, IoU 2/3.
		PanopticScores scores = evaluate(List.of(object(TUMOR, 0, 0, 10, 10)), List.of(object(
			TUMOR, 2, 0, 12, 10)));
		PanopticCounts tumour = scores.classes().get(TUMOR);
		assertEquals(new PanopticCounts(1, 0, 0, 80.0 / 120), tumour);
		assertEquals(80.0 / 120, tumour.segmentationQuality());
		assertEquals(1.0, tumour.recognitionQuality());
		assertEquals(80.0 / 120, tumour.panopticQuality());
		assertEquals(80.0 / 120, scores.meanPanopticQuality());
	}

	@Test
	void iouOfExactlyOneHalfIsNoMatch() {
		// Shifted by 10 of 30 columns: 200 shared of 400 pixels.
		PanopticScores half = evaluate(List.of(object(TUMOR, 0, 0, 30, 10)), List.of(object(TUMOR,
			10, 0, 40, 10)));
		assertEquals(new PanopticCounts(0, 1, 1, 0), half.classes().get(TUMOR));
		assertEquals(0.0, half.meanPanopticQuality());

		// One column less of shift: 210 of 390, just above one half.
		PanopticScores above = evaluate(List.of(object(TUMOR, 0, 0, 30, 10)), List.of(object(
			TUMOR, 9, 0, 39, 10)));
		assertEquals(new PanopticCounts(1, 0, 0, 210.0 / 390), above.classes().get(TUMOR));
	}

	@Test
	void evenSplitMatchesNeitherHalf() {
		// One nucleus predicted as two halves: each half has IoU exactly 0.5.
		PanopticScores scores = evaluate(List.of(object(TUMOR, 0, 0, 10, 10)), List.of(object(
			TUMOR, 0, 0, 5, 10), object(TUMOR, 5, 0, 10, 10)));
		assertEquals(new PanopticCounts(0, 2, 1, 0), scores.classes().get(TUMOR));
	}

	@Test
	void unevenSplitMatchesLargerPart() {
		PanopticScores scores = evaluate(List.of(object(TUMOR, 0, 0, 10, 10)), List.of(object(
			TUMOR, 0, 0, 4, 10), object(TUMOR, 4, 0, 10, 10)));
		assertEquals(new PanopticCounts(1, 1, 0, 0.6), scores.classes().get(TUMOR));
		assertEquals(0.6 / 1.5, scores.classes().get(TUMOR).panopticQuality(), 1e-15);
	}

	@Test
	void mergeMatchesLargerNucleusOnly() {
		// Two touching nuclei (60 and 40 pixels) predicted as one of 100: IoU 0.6 and 0.4.
		PanopticScores scores = evaluate(List.of(object(TUMOR, 0, 0, 4, 10), object(TUMOR, 4, 0,
			10, 10)), List.of(object(TUMOR, 0, 0, 10, 10)));
		assertEquals(new PanopticCounts(1, 0, 1, 0.6), scores.classes().get(TUMOR));

		PanopticScores even = evaluate(List.of(object(TUMOR, 0, 0, 5, 10), object(TUMOR, 5, 0, 10,
			10)), List.of(object(TUMOR, 0, 0, 10, 10)));
		assertEquals(new PanopticCounts(0, 1, 2, 0), even.classes().get(TUMOR));
	}

	@Test
	void wrongClassMatchesOnlyClassAgnostic() {
		PanopticScores scores = evaluate(List.of(object(TUMOR, 0, 0, 10, 10)), List.of(object(
			LYMPHOCYTE, 0, 0, 10, 10)));
		assertEquals(new PanopticCounts(0, 0, 1, 0), scores.classes().get(TUMOR));
		assertEquals(new PanopticCounts(0, 1, 0, 0), scores.classes().get(LYMPHOCYTE));
		assertEquals(0.0, scores.meanPanopticQuality());
		assertEquals(new PanopticCounts(1, 0, 0, 1.0), scores.classAgnostic());
	}

	@Test
	void duplicatePredictionIsFalsePositive() {
		PanopticScores scores = evaluate(List.of(object(TUMOR, 0, 0, 10, 10)), List.of(object(
			TUMOR, 1, 0, 11, 10), object(TUMOR, 0, 0, 10, 10)));
		assertEquals(new PanopticCounts(1, 1, 0, 1.0), scores.classes().get(TUMOR),
			"the exact copy (IoU 1) wins over the shifted one (IoU 0.82)");
	}

	@Test
	void pixelsFollowCentreRule() {
		// A fractional square (0.4..2.6) covers the centres 0.5, 1.5 and 2.5 in each direction:
		// 9 pixels, like the corner-aligned 0..3 square, so IoU is 1.
		PanopticScores scores = evaluate(List.of(object(TUMOR, 0, 0, 3, 3)), List.of(object(TUMOR,
			0.4, 0.4, 2.6, 2.6)));
		assertEquals(new PanopticCounts(1, 0, 0, 1.0), scores.classes().get(TUMOR));

		// A sliver between pixel centres covers none: skipped and counted, not a segment.
		PanopticScores sliver = evaluate(List.of(object(TUMOR, 0, 0, 3, 3)), List.of(object(TUMOR,
			0.6, 0.6, 1.4, 1.4)));
		assertEquals(1, sliver.images().get(0).emptyObjects());
		assertEquals(0, sliver.images().get(0).predictionCount());
		assertEquals(new PanopticCounts(0, 0, 1, 0), sliver.classes().get(TUMOR));
	}

	@Test
	void countsPoolOverImagesBeforeMeans() {
		// Image 1: tumour matched with IoU 1. Image 2: tumour missed, lymphocyte matched.
		ImagePair first = new ImagePair("1", List.of(object(TUMOR, 0, 0, 10, 10)), List.of(object(
			TUMOR, 0, 0, 10, 10)));
		ImagePair second = new ImagePair("2", List.of(object(TUMOR, 0, 0, 10, 10), object(
			LYMPHOCYTE, 50, 50, 60, 60)), List.of(object(LYMPHOCYTE, 50, 50, 60, 60)));
		PanopticScores scores = PanopticQuality.evaluate(List.of(first, second), Track.TRACK2);
		assertEquals(new PanopticCounts(1, 0, 1, 1.0), scores.classes().get(TUMOR));
		assertEquals(new PanopticCounts(1, 0, 0, 1.0), scores.classes().get(LYMPHOCYTE));
		assertEquals((1 / 1.5 + 1.0) / 2, scores.meanPanopticQuality(), 1e-15);
		assertEquals(1.0, scores.meanSegmentationQuality());
		assertEquals(2, scores.images().size());
		assertEquals(new PanopticCounts(0, 0, 1, 0), scores.images().get(1).classes().get(TUMOR));
	}

	@Test
	void trackOneGroupsClasses() {
		PanopticScores scores = PanopticQuality.evaluate(List.of(new ImagePair("a", List.of(
			object("nuclei_plasma_cell", 0, 0, 10, 10)), List.of(object(LYMPHOCYTE, 0, 0, 10,
				10)))), Track.TRACK1);
		assertEquals(new PanopticCounts(1, 0, 0, 1.0), scores.classes().get(LYMPHOCYTE));
	}

	@Test
	void matchingEqualsAllPairsSearch() {
		// Random rectangles, some overlapping: the R-tree finds the same IoU > 0.5 pairs as
		// testing every pair.
		Random random = new Random(3);
		List<PixelSegment> truth = new ArrayList<>();
		List<PixelSegment> predictions = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			double x = random.nextDouble() * 400;
			double y = random.nextDouble() * 400;
			truth.add(PixelSegment.of(rectangle(x, y, x + 8, y + 8), TUMOR, i, "truth"));
			double px = x + random.nextGaussian();
			double py = y + random.nextGaussian();
			predictions.add(PixelSegment.of(rectangle(px, py, px + 7 + random.nextDouble() * 3, py +
				8), TUMOR, i, "prediction"));
		}
		List<PanopticQuality.Match> indexed = PanopticQuality.candidates(truth, predictions);

		List<PanopticQuality.Match> allPairs = new ArrayList<>();
		for (int t = 0; t < truth.size(); t++) {
			for (int p = 0; p < predictions.size(); p++) {
				long shared = truth.get(t).intersection(predictions.get(p));
				long union = truth.get(t).area + predictions.get(p).area - shared;
				if (2 * shared > union) {
					allPairs.add(new PanopticQuality.Match(t, p, (double) shared / union));
				}
			}
		}
		assertTrue(indexed.size() > 200, "most rectangles match: " + indexed.size());
		assertEquals(new HashSet<>(allPairs), new HashSet<>(indexed));

		List<PanopticQuality.Match> matches = PanopticQuality.match(truth, predictions);
		assertEquals(matches.size(), matches.stream().mapToInt(PanopticQuality.Match::truth)
			.distinct().count(), "one prediction per truth");
		assertEquals(matches.size(), matches.stream().mapToInt(PanopticQuality.Match::prediction)
			.distinct().count(), "one truth per prediction");
	}

	@Test
	void unknownTrackClassRejected() {
		InvalidInputException error = assertThrows(InvalidInputException.class,
			() -> PanopticQuality.evaluate(List.of(new ImagePair("roi_7", List.of(object(
				"nuclei_other", 0, 0, 5, 5)), List.of())), Track.TRACK2));
		assertTrue(error.getMessage().contains("roi_7"), error.getMessage());
		assertTrue(error.getMessage().contains("nuclei_other"), error.getMessage());
	}

	@Test
	void groundTruthAgainstItselfScoresOne() throws Exception {
		Path file = SharedData.folder("puma/nuclei_geojson").resolve(
			"training_set_metastatic_roi_094_nuclei.geojson");
		List<ClassifiedPolygon> nuclei = AnnotationFiles.read(file, Validation.EVALUATION)
			.objects();
		PanopticScores scores = PanopticQuality.evaluate(List.of(new ImagePair("roi_094", nuclei,
			nuclei)), Track.TRACK2);
		assertEquals(1.0, scores.meanPanopticQuality());
		assertEquals(nuclei.size(), scores.classAgnostic().truePositives() + scores.images().get(0)
			.emptyObjects() / 2);
	}

	@Test
	void farAwayObjectNamesItsPosition() {
		Polygon far = rectangle(1e12, 1e12, 1e12 + 5, 1e12 + 5);

		String message = assertThrows(InvalidInputException.class, () -> PixelSegment.of(far,
			TUMOR, 0, "object 1")).getMessage();

		assertTrue(message.contains("object 1 extends to x = 1000000000005.0, " +
			"y = 1000000000005.0, beyond the largest pixel coordinate"), message);
		assertFalse(message.contains("spans"), message);
	}

	@Test
	void hugeObjectNamesItsSize() {
		Polygon huge = rectangle(0, 0, 100_000, 100_000);

		String message = assertThrows(InvalidInputException.class, () -> PixelSegment.of(huge,
			TUMOR, 0, "object 2")).getMessage();

		assertTrue(message.contains("object 2 spans 100000 x 100000 pixels"), message);
	}
}
