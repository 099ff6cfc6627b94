package org.pumaseg.label;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.BooleanArray;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.logic.NativeBoolType;
import net.imglib2.type.numeric.real.FloatType;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.pumaseg.CanceledException;
import org.pumaseg.Progress;

/**
 * Every algorithm on a 4000 x 4000 one-pixel-wide serpentine (8 million pixels in one object,
 * the worst case for recursive flood fills) and a 4000 x 4000 disc: no stack overflow, exact
 * results.
 */
@Tag("large-memory")
class LargeImagesTest {

	private static final int SIZE = 4000;

	private static boolean[] serpentine;
	private static ArrayImg<NativeBoolType, BooleanArray> serpentineMask;
	private static long serpentineArea;

	@BeforeAll
	static void makeSerpentine() {
		serpentine = TestImages.serpentine(SIZE, SIZE);
		serpentineMask = TestImages.mask(serpentine, SIZE, SIZE);
		for (boolean value : serpentine) {
			serpentineArea += value ? 1 : 0;
		}
	}

	@Test
	void connectedComponentsFillHolesAndPolygons() {
		LabelImage labels = ConnectedComponents.label(serpentineMask, Connectivity.FOUR);
		assertEquals(1, labels.maxLabel());

		// The serpentine encloses nothing: every background run reaches the border.
		ArrayImg<NativeBoolType, BooleanArray> filled = FillHoles.binary(serpentineMask,
			Connectivity.FOUR);
		assertArrayEquals(serpentine, filled.update(null).getCurrentStorageArray());

		List<LabelPolygon> polygons = LabelPolygons.toPolygons(labels);
		assertEquals(1, polygons.size());
		assertEquals(serpentineArea, polygons.get(0).geometry().getArea());
		assertArrayEquals(labels.labels(), LabelPolygons.toLabelImage(polygons, SIZE, SIZE)
			.labels());

		LabelMeasurement measurement = LabelMeasurements.measure(labels).get(0);
		assertEquals(serpentineArea, measurement.area());
	}

	@Test
	void watershedFloodsTheWholeSerpentineFromOneEnd() {
		LabelImage markers = LabelImage.create(SIZE, SIZE);
		markers.set(0, 0, 70_000);
		float[] flat = new float[SIZE * SIZE];

		LabelImage basins = Watershed.seeded(TestImages.floats(flat, SIZE, SIZE), markers,
			serpentineMask, Connectivity.FOUR, false, Progress.none());

		for (int p = 0; p < serpentine.length; p++) {
			if (basins.labels()[p] != (serpentine[p] ? 70_000 : 0)) {
				throw new AssertionError("pixel " + p + " has label " + basins.labels()[p]);
			}
		}
	}

	@Test
	void distanceTransformAndMaximaOfALargeDisc() {
		boolean[] disc = new boolean[SIZE * SIZE];
		TestImages.disc(disc, SIZE, 2000, 2000, 1900);
		ArrayImg<NativeBoolType, BooleanArray> mask = TestImages.mask(disc, SIZE, SIZE);

		ArrayImg<FloatType, FloatArray> distance = DistanceTransform.euclidean(mask);
		float[] values = distance.update(null).getCurrentStorageArray();
		// The centre is 1900 px from the nearest outside centre (within a pixel).
		assertEquals(1900, values[2000 + 2000 * SIZE], 1.0);

		LabelImage maxima = Maxima.hMaxima(distance, 1, mask, Connectivity.EIGHT, Progress
			.none());
		assertEquals(1, Labels.count(maxima));
		assertEquals(1, maxima.get(2000, 2000));

		assertEquals(1, FillHoles.perLabel(ConnectedComponents.label(mask, Connectivity.EIGHT),
			Connectivity.EIGHT).maxLabel());
	}

	@Test
	void longStepsReportProgressAndCanBeCanceled() {
		AtomicInteger updates = new AtomicInteger();
		Progress counting = Progress.of((fraction, message) -> updates.incrementAndGet(),
			() -> false);
		ConnectedComponents.label(serpentineMask, Connectivity.EIGHT, counting);
		assertEquals(true, updates.get() > 10);

		Progress canceled = Progress.of((fraction, message) -> {}, () -> true);
		assertThrows(CanceledException.class, () -> ConnectedComponents.label(serpentineMask,
			Connectivity.EIGHT, canceled));
		assertThrows(CanceledException.class, () -> DistanceTransform.euclidean(serpentineMask, 1,
			1, canceled));
		assertThrows(CanceledException.class, () -> Maxima.hMaxima(TestImages.floats(
			new float[SIZE * SIZE], SIZE, SIZE), 1, serpentineMask, Connectivity.FOUR, canceled));
		LabelImage markers = LabelImage.create(SIZE, SIZE);
		markers.set(0, 0, 1);
		assertThrows(CanceledException.class, () -> Watershed.seeded(TestImages.floats(
			new float[SIZE * SIZE], SIZE, SIZE), markers, serpentineMask, Connectivity.FOUR, false,
			canceled));
		assertThrows(CanceledException.class, () -> LabelPolygons.toPolygons(markers, canceled));
	}
}
