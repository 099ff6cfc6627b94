package org.pumaseg.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.pumaseg.InvalidInputException;
import org.pumaseg.annotation.TissueMask;
import org.pumaseg.image.PixelSize;

class TissueEvaluationTest {

	private static final PixelSize UNKNOWN = PixelSize.unknown("test");

	/** A 1024 x 1024 mask: the left {@code leftColumns} columns get {@code left}, the rest 0. */
	private static TissueMask split(int leftColumns, int left) {
		byte[] codes = new byte[1024 * 1024];
		for (int y = 0; y < 1024; y++) {
			for (int x = 0; x < leftColumns; x++) {
				codes[y * 1024 + x] = (byte) left;
			}
		}
		return new TissueMask(1024, 1024, codes, UNKNOWN);
	}

	@Test
	void identicalMasksScoreOneForPresentClasses() {
		TissueMask mask = split(512, 3);
		TissueScores scores = TissueEvaluation.evaluate(List.of(new MaskPair("a", mask, mask)));
		assertEquals(1.0, scores.microDice().get("tissue_tumor"));
		// Classes absent everywhere score 0 in micro Dice, 1 in per-image Dice.
		assertEquals(0.0, scores.microDice().get("tissue_stroma"));
		assertEquals(0.2, scores.microDiceMean(), 1e-15);
		assertEquals(1.0, scores.images().get(0).dice().get("tissue_stroma"));
		assertEquals(1.0, scores.images().get(0).averageDice());
	}

	@Test
	void microDicePoolsPixelsByHand() {
		// Image 1: truth tumour in 512 columns, prediction in 256 -> I = 256*1024.
		// Image 2: truth tumour in 256 columns, prediction none.
		MaskPair first = new MaskPair("1", split(512, 3), split(256, 3));
		MaskPair second = new MaskPair("2", split(256, 3), split(0, 3));
		TissueScores scores = TissueEvaluation.evaluate(List.of(first, second));
		long intersection = 256L * 1024;
		long sizes = (512L + 256 + 256) * 1024;
		assertEquals((2.0 * intersection + 1e-5) / (sizes + 1e-5), scores.microDice().get(
			"tissue_tumor"));
		assertEquals((2.0 * intersection + 1e-5) / (768L * 1024 + 1e-5), scores.images().get(0)
			.dice().get("tissue_tumor"));
		assertEquals(1e-5 / (256L * 1024 + 1e-5), scores.images().get(1).dice().get(
			"tissue_tumor"));
	}

	@Test
	void mismatchedSizesRejectedUnlessAllowed() {
		TissueMask small = new TissueMask(2, 2, new byte[] { 1, 1, 3, 3 }, UNKNOWN);
		TissueMask large = split(0, 0);
		InvalidInputException error = assertThrows(InvalidInputException.class,
			() -> TissueEvaluation.evaluate(List.of(new MaskPair("roi_5", large, small))));
		assertTrue(error.getMessage().contains("roi_5"), error.getMessage());
		assertTrue(error.getMessage().contains("2 x 2"), error.getMessage());

		TissueScores resized = TissueEvaluation.evaluate(List.of(new MaskPair("roi_5", small,
			small)), false);
		assertEquals(1.0, resized.microDice().get("tissue_stroma"));
	}

	@Test
	void resizeFollowsPillowNearestRule() {
		// 3 columns to 4: source column floor(0.375 + 0.75 x) = 0, 1, 1, 2 (x = 0..3).
		TissueMask mask = new TissueMask(3, 1, new byte[] { 1, 2, 3 }, UNKNOWN);
		assertArrayEquals(new byte[] { 1, 2, 2, 3 }, TissueEvaluation.resizeNearest(mask, 4, 1));
		// 4 columns to 2: floor(1 + 2 x) = 1, 3.
		TissueMask four = new TissueMask(4, 1, new byte[] { 1, 2, 3, 4 }, UNKNOWN);
		assertArrayEquals(new byte[] { 2, 4 }, TissueEvaluation.resizeNearest(four, 2, 1));
		// 2 to 4 doubles each pixel: floor(0.25 + 0.5 x) = 0, 0, 1, 1.
		TissueMask two = new TissueMask(2, 1, new byte[] { 1, 5 }, UNKNOWN);
		assertArrayEquals(new byte[] { 1, 1, 5, 5 }, TissueEvaluation.resizeNearest(two, 4, 1));
	}

	@Test
	void csvListsImagesAndMicroRows() {
		TissueMask mask = split(512, 1);
		String csv = TissueEvaluation.evaluate(List.of(new MaskPair("a", mask, mask))).toCsv();
		assertTrue(csv.contains("a,tissue_stroma,1.000000"), csv);
		assertTrue(csv.contains("(micro),(mean),0.200000"), csv);
	}
}
