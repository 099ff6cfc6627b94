package org.pumaseg.label;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import net.imglib2.img.array.ArrayImgs;

import org.junit.jupiter.api.Test;
import org.pumaseg.Progress;

class LabelMeasurementsTest {

	private static final double PIXEL_PERIMETER = Math.PI / 8 * (4 + 4 * Math.sqrt(0.5));

	@Test
	void areaCentroidAndBoundingBox() {
		List<LabelMeasurement> measurements = LabelMeasurements.measure(TestImages.labels(
			"......",
			".22...",
			".22.7.",
			"....77"));

		assertEquals(2, measurements.size());
		LabelMeasurement square = measurements.get(0);
		assertEquals(new LabelMeasurement(2, 4, 2.0, 2.0, 1, 1, 2, 2, square.perimeter(),
			Double.NaN), square);
		LabelMeasurement corner = measurements.get(1);
		assertEquals(7, corner.label());
		assertEquals(3, corner.area());
		assertEquals((4.5 + 4.5 + 5.5) / 3, corner.centroidX(), 1e-12);
		assertEquals((2.5 + 3.5 + 3.5) / 3, corner.centroidY(), 1e-12);
		assertEquals(4, corner.xMin());
		assertEquals(2, corner.yMin());
		assertEquals(5, corner.xMax());
		assertEquals(3, corner.yMax());
		assertEquals(2, corner.boxWidth());
		assertEquals(2, corner.boxHeight());
	}

	@Test
	void croftonPerimeterOfTinyShapes() {
		// One pixel: 2 crossings along each of the 4 directions.
		assertEquals(PIXEL_PERIMETER, LabelMeasurements.measure(TestImages.labels("1")).get(0)
			.perimeter(), 1e-12);
		// Horizontal domino: 6 crossings along rows and columns, 8 along diagonals.
		assertEquals(Math.PI / 8 * (6 + 8 * Math.sqrt(0.5)), LabelMeasurements.measure(TestImages
			.labels("...", ".11", "...")).get(0).perimeter(), 1e-12);
		// Two labels side by side: their shared edge counts for both.
		List<LabelMeasurement> pair = LabelMeasurements.measure(TestImages.labels("12"));
		assertEquals(PIXEL_PERIMETER, pair.get(0).perimeter(), 1e-12);
		assertEquals(PIXEL_PERIMETER, pair.get(1).perimeter(), 1e-12);
	}

	@Test
	void croftonPerimeterOfADiscIsCloseToTwoPiR() {
		int size = 121;
		boolean[] mask = new boolean[size * size];
		TestImages.disc(mask, size, 60, 60, 50);
		LabelImage labels = ConnectedComponents.label(TestImages.mask(mask, size, size),
			Connectivity.FOUR);

		double perimeter = LabelMeasurements.measure(labels).get(0).perimeter();

		assertEquals(2 * Math.PI * 50, perimeter, 0.02 * 2 * Math.PI * 50);
	}

	@Test
	void meanOfASecondImage() {
		LabelImage labels = TestImages.labels(
			"11.",
			"1.2");
		float[] intensity = { 1, 2, 0, 6, 100, 7 };

		List<LabelMeasurement> measurements = LabelMeasurements.measure(labels, ArrayImgs.floats(
			intensity, 3, 2), Progress.none());

		assertEquals(3.0, measurements.get(0).meanIntensity(), 1e-12);
		assertEquals(7.0, measurements.get(1).meanIntensity(), 1e-12);
	}

	@Test
	void seventyThousandLabels() {
		int size = 530;
		int[] values = new int[size * size];
		int next = 0;
		for (int y = 0; y < size; y += 2) {
			for (int x = 0; x < size; x += 2) {
				values[x + y * size] = ++next;
			}
		}

		List<LabelMeasurement> measurements = LabelMeasurements.measure(LabelImage.wrap(values,
			size, size));

		assertEquals(265 * 265, measurements.size());
		LabelMeasurement last = measurements.get(measurements.size() - 1);
		assertEquals(70_225, last.label());
		assertEquals(528.5, last.centroidX());
		assertEquals(528.5, last.centroidY());
		assertEquals(PIXEL_PERIMETER, last.perimeter(), 1e-12);
	}
}
