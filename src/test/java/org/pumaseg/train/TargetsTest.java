package org.pumaseg.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.pumaseg.label.LabelImage;

class TargetsTest {

	/**
	 * 6 x 3 image: label 1 is a 3 x 3 square in columns 0-2 (centroid (1, 1)), label 2 the
	 * two pixels (4, 0) and (5, 0) (centroid (4.5, 0)), class 3 and unknown.
	 */
	private static LabelImage labels() {
		return LabelImage.wrap(new int[] { //
			1, 1, 1, 0, 2, 2, //
			1, 1, 1, 0, 0, 0, //
			1, 1, 1, 0, 0, 0 }, 6, 3);
	}

	@Test
	void foregroundAndClasses() {
		Targets targets = Targets.ofInstances(labels(), new byte[] { 0, 3, Targets.UNKNOWN });
		assertArrayEquals(new byte[] { 1, 1, 1, 0, 1, 1, 1, 1, 1, 0, 0, 0, 1, 1, 1, 0, 0, 0 },
			targets.foreground());
		assertArrayEquals(new byte[] { 3, 3, 3, 0, -1, -1, 3, 3, 3, 0, 0, 0, 3, 3, 3, 0, 0, 0 },
			targets.nucleusClass());
	}

	@Test
	void horizontalMapIsNormalisedOffset() {
		Targets targets = Targets.ofInstances(labels(), null);
		assertArrayEquals(new float[] { //
			-1, 0, 1, 0, -1, 1, //
			-1, 0, 1, 0, 0, 0, //
			-1, 0, 1, 0, 0, 0 }, targets.horizontal(), 0f);
	}

	@Test
	void verticalMapIsNormalisedOffset() {
		Targets targets = Targets.ofInstances(labels(), null);
		// Label 2 is one row high, so its vertical offset is 0.
		assertArrayEquals(new float[] { //
			-1, -1, -1, 0, 0, 0, //
			0, 0, 0, 0, 0, 0, //
			1, 1, 1, 0, 0, 0 }, targets.vertical(), 0f);
	}

	@Test
	void unevenSidesScaleSeparately() {
		// Columns 0, 1, 2 and 5 of one label: centroid x = 2, offsets -2, -1, 0 and 3.
		LabelImage labels = LabelImage.wrap(new int[] { 1, 1, 1, 0, 0, 1 }, 6, 1);
		Targets targets = Targets.ofInstances(labels, null);
		assertArrayEquals(new float[] { -1, -0.5f, 0, 0, 0, 1 }, targets.horizontal(), 0f);
	}
}
