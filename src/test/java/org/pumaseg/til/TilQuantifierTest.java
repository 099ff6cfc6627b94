package org.pumaseg.til;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.pumaseg.InvalidInputException;
import org.pumaseg.Progress;
import org.pumaseg.annotation.TissueMask;
import org.pumaseg.image.PixelSize;

/** Synthetic ROIs with known geometry: counts, areas and densities are exact. */
class TilQuantifierTest {

	private static final double UM_PER_PIXEL = 0.5;
	private static final double PIXEL_AREA_MM2 = UM_PER_PIXEL * UM_PER_PIXEL / 1e6;
	private static final PixelSize PIXEL_SIZE = PixelSize.calibrated(UM_PER_PIXEL, "test");

	/** Tissue codes: tumour (3) in [x0, x1) x [y0, y1), stroma (1) elsewhere. */
	static TissueMask squareTumour(int width, int height, int x0, int y0, int x1, int y1) {
		byte[] codes = new byte[width * height];
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				codes[y * width + x] = (byte) (x >= x0 && x < x1 && y >= y0 && y < y1 ? 3 : 1);
			}
		}
		return new TissueMask(width, height, codes, PIXEL_SIZE);
	}

	static NucleusPoint lymphocyte(double x, double y) {
		return new NucleusPoint("nuclei_lymphocyte", CellType.TIL, x, y);
	}

	static NucleusPoint plasmaCell(double x, double y) {
		return new NucleusPoint("nuclei_plasma_cell", CellType.TIL, x, y);
	}

	static NucleusPoint tumourCell(double x, double y) {
		return new NucleusPoint("nuclei_tumor", CellType.TUMOUR, x, y);
	}

	static NucleusPoint histiocyte(double x, double y) {
		return new NucleusPoint("nuclei_histiocyte", CellType.OTHER, x, y);
	}

	/**
	 * 200 x 200 px ROI at 0.5 µm/px; tumour square [60, 140)² (40 µm side); band 10 µm = 20 px.
	 * TILs: 4 inside (one a plasma cell), 3 in the band along the sides, 2 beyond the band.
	 */
	static TilInput squareRoi() {
		List<NucleusPoint> nuclei = new ArrayList<>();
		nuclei.add(lymphocyte(70.5, 70.5));
		nuclei.add(lymphocyte(100.5, 100.5));
		nuclei.add(lymphocyte(130.5, 80.5));
		nuclei.add(plasmaCell(139.5, 100.5));
		for (int i = 0; i < 6; i++) {
			nuclei.add(tumourCell(65.5 + 12 * i, 120.5));
		}
		nuclei.add(lymphocyte(150.5, 100.5)); // 10 px right of the border
		nuclei.add(lymphocyte(100.5, 40.5)); // 20 px above: on the band's outer edge
		nuclei.add(lymphocyte(45.5, 100.5)); // 15 px left
		nuclei.add(lymphocyte(100.5, 180.5)); // 41 px below: beyond the band
		nuclei.add(lymphocyte(10.5, 10.5)); // corner: beyond the band
		nuclei.add(histiocyte(150.5, 150.5)); // 11 px from the corner diagonally: in the band
		nuclei.add(histiocyte(100.5, 100.5)); // inside
		return new TilInput("square", 200, 200, PIXEL_SIZE, nuclei, squareTumour(200, 200, 60, 60,
			140, 140), List.of());
	}

	static TilReport quantify(TilInput input, double bandWidthUm) {
		return TilQuantifier.quantify(input, TilParameters.defaults().withBandWidthUm(bandWidthUm),
			Progress.none()).report();
	}

	/** Pixels within {@code radius} of a w x h rectangle, outside it: independent count. */
	static long bandPixels(int side, int radius) {
		long count = 0;
		for (int dy = -radius; dy < side + radius; dy++) {
			for (int dx = -radius; dx < side + radius; dx++) {
				int ox = dx < 0 ? -dx : Math.max(0, dx - side + 1);
				int oy = dy < 0 ? -dy : Math.max(0, dy - side + 1);
				boolean inside = ox == 0 && oy == 0;
				if (!inside && ox * ox + oy * oy <= radius * radius) {
					count++;
				}
			}
		}
		return count;
	}

	@Test
	void squareTumourCounts() {
		TilReport report = quantify(squareRoi(), 10);

		assertEquals(17, report.nucleusCount());
		assertEquals(9, report.tilCount());
		assertEquals(6, report.tumourCellCount());
		CompartmentMeasures inside = report.compartment(Compartment.INTRATUMOURAL);
		assertEquals(4, inside.tilCount());
		assertEquals(11, inside.nucleusCount());
		CompartmentMeasures band = report.compartment(Compartment.PERITUMOURAL);
		assertEquals(3, band.tilCount());
		assertEquals(4, band.nucleusCount());
		CompartmentMeasures stroma = report.compartment(Compartment.STROMAL);
		assertEquals(5, stroma.tilCount());
		assertEquals(6, stroma.nucleusCount());
		assertEquals(9, report.compartment(Compartment.ROI).tilCount());
	}

	@Test
	void squareTumourAreasAndDensities() {
		TilReport report = quantify(squareRoi(), 10);

		double tumourArea = 80 * 80 * PIXEL_AREA_MM2;
		double bandArea = bandPixels(80, 20) * PIXEL_AREA_MM2;
		double stromaArea = (200 * 200 - 80 * 80) * PIXEL_AREA_MM2;
		assertEquals(tumourArea, report.compartment(Compartment.INTRATUMOURAL).areaMm2(), 1e-15);
		assertEquals(bandArea, report.compartment(Compartment.PERITUMOURAL).areaMm2(), 1e-15);
		assertEquals(stromaArea, report.compartment(Compartment.STROMAL).areaMm2(), 1e-15);
		assertEquals(200 * 200 * PIXEL_AREA_MM2, report.roiAreaMm2(), 1e-15);

		assertEquals(4 / tumourArea, report.compartment(Compartment.INTRATUMOURAL)
			.tilDensityPerMm2().value(), 1e-6);
		assertEquals(3 / bandArea, report.compartment(Compartment.PERITUMOURAL).tilDensityPerMm2()
			.value(), 1e-6);
		assertEquals(5 / stromaArea, report.compartment(Compartment.STROMAL).tilDensityPerMm2()
			.value(), 1e-6);
		assertEquals(4.0 / 11, report.compartment(Compartment.INTRATUMOURAL).tilFraction().value(),
			1e-12);
		assertEquals(3.0 / 4, report.compartment(Compartment.PERITUMOURAL).tilFraction().value(),
			1e-12);
		assertFalse(report.bandClipped());
		assertFalse(report.tumourRegionEstimated());
	}

	@Test
	void squareTumourBorderDistances() {
		TilReport report = quantify(squareRoi(), 10);

		TilMeasurement right = report.tils().get(4); // (150.5, 100.5): 10.5 px outside x = 140
		assertEquals(10.5 * UM_PER_PIXEL, right.borderDistanceUm(), 1e-5);
		assertEquals(TilLocation.PERITUMOURAL, right.location());
		TilMeasurement inside = report.tils().get(3); // (139.5, 100.5): 0.5 px inside
		assertEquals(-0.5 * UM_PER_PIXEL, inside.borderDistanceUm(), 1e-5);
		assertEquals(TilLocation.INTRATUMOURAL, inside.location());
		TilMeasurement centre = report.tils().get(1); // (100.5, 100.5): 39.5 px from x = 140
		assertEquals(-39.5 * UM_PER_PIXEL, centre.borderDistanceUm(), 1e-5);
		TilMeasurement below = report.tils().get(7); // (100.5, 180.5): 40.5 px below y = 140
		assertEquals(40.5 * UM_PER_PIXEL, below.borderDistanceUm(), 1e-5);
		assertEquals(TilLocation.STROMAL, below.location());

		DistanceSummary summary = report.borderDistance();
		assertEquals(9, summary.count());
		assertEquals(-39.5 * UM_PER_PIXEL, summary.min(), 1e-5);
		int histogramTotal = summary.histogram().counts().stream().mapToInt(Integer::intValue)
			.sum();
		assertEquals(9, histogramTotal);
	}

	@Test
	void nearestTumourCellDistance() {
		TilReport report = quantify(squareRoi(), 10);

		// (100.5, 100.5) to the tumour cell at (101.5, 120.5): sqrt(1 + 400) px.
		TilMeasurement centre = report.tils().get(1);
		assertEquals(Math.sqrt(401) * UM_PER_PIXEL, centre.nearestTumourCellUm(), 1e-9);
		assertEquals(9, report.nearestTumourCellDistance().count());
	}

	@Test
	void bandClippedAtRoiBorder() {
		// 100 x 40 px, tumour in columns [0, 90) over the full height: the 20 px band keeps
		// only columns 90..99.
		TilInput input = new TilInput("edge", 100, 40, PIXEL_SIZE, List.of(lymphocyte(95.5, 20.5),
			lymphocyte(99.9, 0.1), lymphocyte(50.5, 20.5)), squareTumour(100, 40, 0, 0, 90, 40),
			List.of());

		TilReport report = quantify(input, 10);

		assertTrue(report.bandClipped());
		assertEquals(10 * 40 * PIXEL_AREA_MM2, report.compartment(Compartment.PERITUMOURAL)
			.areaMm2(), 1e-15);
		assertEquals(2, report.compartment(Compartment.PERITUMOURAL).tilCount());
		assertEquals(2 / (10 * 40 * PIXEL_AREA_MM2), report.compartment(Compartment.PERITUMOURAL)
			.tilDensityPerMm2().value(), 1e-6);
		assertTrue(report.notes().stream().anyMatch(n -> n.contains("clipped")), report.notes()
			.toString());
	}

	@Test
	void tumourTouchingBorderHasNoBorderThere() {
		// Tumour in columns [0, 30): the ROI's left edge is not a tumour border, so a TIL at
		// column 0.5 lies 29.5 px inside, not 0.5 px.
		TilInput input = new TilInput("left", 100, 40, PIXEL_SIZE, List.of(lymphocyte(0.5, 20.5)),
			squareTumour(100, 40, 0, 0, 30, 40), List.of());

		TilReport report = quantify(input, 10);

		assertEquals(-29.5 * UM_PER_PIXEL, report.tils().get(0).borderDistanceUm(), 1e-5);
		assertEquals(20 * 40 * PIXEL_AREA_MM2, report.compartment(Compartment.PERITUMOURAL)
			.areaMm2(), 1e-15);
	}

	@Test
	void noTumourLeavesDensitiesUndefined() {
		TilInput input = new TilInput("stroma only", 50, 50, PIXEL_SIZE, List.of(lymphocyte(10.5,
			10.5), lymphocyte(20.5, 20.5), tumourCell(30.5, 30.5)), squareTumour(50, 50, 0, 0, 0, 0),
			List.of());

		TilReport report = quantify(input, 10);

		CompartmentMeasures inside = report.compartment(Compartment.INTRATUMOURAL);
		assertEquals(0, inside.tilCount());
		assertEquals(0.0, inside.areaMm2());
		assertFalse(inside.tilDensityPerMm2().isDefined());
		assertTrue(inside.tilDensityPerMm2().undefinedReason().contains("no tumour region"));
		assertFalse(report.compartment(Compartment.PERITUMOURAL).tilDensityPerMm2().isDefined());
		assertEquals(2 / (50 * 50 * PIXEL_AREA_MM2), report.compartment(Compartment.STROMAL)
			.tilDensityPerMm2().value(), 1e-6);
		assertFalse(report.borderDistance().isDefined());
		assertNull(report.tils().get(0).borderDistanceUm());
		assertTrue(report.nearestTumourCellDistance().isDefined());
		assertFalse(report.bandClipped());
	}

	@Test
	void noLymphocytesGiveZero() {
		TilInput input = new TilInput("no TILs", 200, 200, PIXEL_SIZE, List.of(tumourCell(100.5,
			100.5), histiocyte(150.5, 100.5)), squareTumour(200, 200, 60, 60, 140, 140), List.of());

		TilReport report = quantify(input, 10);

		assertEquals(0, report.tilCount());
		for (Compartment compartment : List.of(Compartment.INTRATUMOURAL, Compartment.STROMAL,
			Compartment.PERITUMOURAL, Compartment.ROI))
		{
			assertEquals(0.0, report.compartment(compartment).tilDensityPerMm2().value(),
				compartment.toString());
		}
		assertEquals(0.0, report.compartment(Compartment.INTRATUMOURAL).tilFraction().value());
		assertEquals(0, report.borderDistance().count());
		assertEquals("no TILs in the ROI", report.borderDistance().undefinedReason());
	}

	@Test
	void tumourCoveringRoiHasNoBand() {
		TilInput input = new TilInput("all tumour", 40, 40, PIXEL_SIZE, List.of(lymphocyte(10.5,
			10.5)), squareTumour(40, 40, 0, 0, 40, 40), List.of());

		TilReport report = quantify(input, 10);

		assertEquals(1, report.compartment(Compartment.INTRATUMOURAL).tilCount());
		assertEquals(0.0, report.compartment(Compartment.PERITUMOURAL).areaMm2());
		assertFalse(report.compartment(Compartment.PERITUMOURAL).tilDensityPerMm2().isDefined());
		assertFalse(report.borderDistance().isDefined());
	}

	@Test
	void unknownPixelSizeRejected() {
		TilInput input = new TilInput("uncalibrated", 10, 10, PixelSize.unknown("no calibration"),
			List.of(), null, List.of());

		InvalidInputException error = assertThrows(InvalidInputException.class, () -> quantify(
			input, 10));
		assertTrue(error.getMessage().contains("pixel size"), error.getMessage());
	}

	@Test
	void assumedPixelSizeRecorded() {
		TilInput input = new TilInput("assumed", 10, 10, PixelSize.unknown("no calibration")
			.orAssume(0.25, "given by the user"), List.of(lymphocyte(5, 5)), null, List.of());

		TilReport report = quantify(input, 10);

		assertTrue(report.pixelSizeAssumed());
		assertEquals(0.25, report.umPerPixel());
		assertTrue(report.notes().stream().anyMatch(n -> n.contains("assumed")), report.notes()
			.toString());
	}

	@Test
	void estimatedRegionFromTumourNuclei() {
		// A 5 x 5 grid of tumour nuclei 20 px (10 µm) apart over [50, 130)², one stray tumour
		// nucleus far away, a lymphocyte inside the grid and one far outside.
		List<NucleusPoint> nuclei = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			for (int j = 0; j < 5; j++) {
				nuclei.add(tumourCell(50.5 + 20 * i, 50.5 + 20 * j));
			}
		}
		nuclei.add(tumourCell(280.5, 280.5));
		nuclei.add(lymphocyte(80.5, 80.5));
		nuclei.add(lymphocyte(250.5, 60.5));
		TilInput input = new TilInput("estimated", 300, 300, PIXEL_SIZE, nuclei, null, List.of());
		TumourRegionEstimation estimation = new TumourRegionEstimation(10, 10, 5);

		TilAnalysis analysis = TilQuantifier.quantify(input, new TilParameters(10, 10,
			estimation), Progress.none());
		TilReport report = analysis.report();

		assertTrue(report.tumourRegionEstimated());
		assertTrue(report.tumourRegionMethod().startsWith("estimated from tumour nuclei"), report
			.tumourRegionMethod());
		assertTrue(report.notes().stream().anyMatch(n -> n.contains("estimated")), report.notes()
			.toString());
		assertEquals(1, report.compartment(Compartment.INTRATUMOURAL).tilCount());
		assertFalse(analysis.tumour().contains(280, 280), "stray tumour nucleus made a region");
		assertFalse(analysis.tumour().contains(250, 60));
		assertFalse(report.compartment(Compartment.STROMAL).isDefined());
		// Discs of 20 px around the grid's corner nuclei: the region spans [30.5, 150.5) in x.
		assertTrue(analysis.tumour().contains(31, 90));
		assertFalse(analysis.tumour().contains(29, 90));
		assertTrue(analysis.tumour().contains(150, 90));
		assertFalse(analysis.tumour().contains(152, 90));
	}
}
