package org.pumaseg.label;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LabelsTest {

	@Test
	void removeSmallDropsObjectsBelowTheAreaAndRenumbers() {
		LabelImage labels = TestImages.labels(
			"33.5.9",
			"3..5.9",
			"..7..9");

		assertArrayEquals(new String[] {
			"11...2",
			"1....2",
			".....2" }, TestImages.text(Labels.removeSmall(labels, 3)));
		assertArrayEquals(new String[] {
			"11.2.4",
			"1..2.4",
			"..3..4" }, TestImages.text(Labels.relabelConsecutive(labels)));
		assertArrayEquals(new String[] {
			"33.5.9",
			"3..5.9",
			"..7..9" }, TestImages.text(labels), "input unchanged");
	}

	@Test
	void sparseHugeLabelsAreRenumbered() {
		LabelImage labels = LabelImage.wrap(new int[] { 2_000_000_000, 0, 5, 2_000_000_000,
			1_000_000 }, 5, 1);

		assertArrayEquals(new int[] { 3, 0, 1, 3, 2 }, Labels.relabelConsecutive(labels).labels());
		assertArrayEquals(new int[] { 1, 0, 0, 1, 0 }, Labels.removeSmall(labels, 2).labels());
		assertEquals(3, Labels.count(labels));
	}

	@Test
	void negativeLabelsAreRejected() {
		assertThrows(IllegalArgumentException.class, () -> Labels.count(LabelImage.wrap(new int[] {
			1, -1 }, 2, 1)));
	}
}
