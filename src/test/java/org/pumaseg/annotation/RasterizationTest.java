package org.pumaseg.annotation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.pumaseg.image.PixelSize;
import org.pumaseg.label.LabelImage;
import org.pumaseg.label.LabelPolygon;
import org.pumaseg.label.LabelPolygons;

class RasterizationTest {

	private static final GeometryFactory FACTORY = new GeometryFactory();

	private static Polygon rectangle(double x0, double y0, double x1, double y1) {
		return FACTORY.createPolygon(ring(x0, y0, x1, y1));
	}

	private static LinearRing ring(double x0, double y0, double x1, double y1) {
		return FACTORY.createLinearRing(new Coordinate[] { new Coordinate(x0, y0), new Coordinate(
			x1, y0), new Coordinate(x1, y1), new Coordinate(x0, y1), new Coordinate(x0, y0) });
	}

	@Test
	void pixelCornerSquareCoversItsPixels() {
		int[] labels = Rasterization.labelImage(List.of(ClassifiedPolygon.annotation(
			"nuclei_tumor", rectangle(1, 1, 3, 2))), 4, 3).labels();
		assertArrayEquals(new int[] { //
			0, 0, 0, 0, //
			0, 1, 1, 0, //
			0, 0, 0, 0 }, labels);
	}

	@Test
	void centresOnSharedEdgeGoToOnePolygon() {
		// Edge at x = 1.5 passes through the centres of column 1: the right-hand polygon (whose
		// left edge it is) gets them, and no pixel is covered twice or left out.
		List<ClassifiedPolygon> halves = List.of(ClassifiedPolygon.annotation("tissue_stroma",
			rectangle(0, 0, 1.5, 2)), ClassifiedPolygon.annotation("tissue_tumor", rectangle(1.5,
				0, 3, 2)));
		TissueMask mask = Rasterization.tissueMask(halves, 3, 2, PixelSize.unknown("test"));
		assertArrayEquals(new byte[] { 1, 3, 3, 1, 3, 3 }, mask.codes());
	}

	@Test
	void holesAreNotCovered() {
		Polygon withHole = FACTORY.createPolygon(ring(0, 0, 5, 5), new LinearRing[] { ring(2, 2, 3,
			3) });
		int[] labels = Rasterization.labelImage(List.of(ClassifiedPolygon.annotation(
			"nuclei_tumor", withHole)), 5, 5).labels();
		assertEquals(0, labels[2 * 5 + 2]);
		assertEquals(24, java.util.Arrays.stream(labels).filter(label -> label == 1).count());
	}

	@Test
	void laterObjectWinsOverlap() {
		int[] labels = Rasterization.labelImage(List.of(ClassifiedPolygon.annotation(
			"nuclei_tumor", rectangle(0, 0, 2, 1)), ClassifiedPolygon.annotation("nuclei_tumor",
				rectangle(1, 0, 3, 1))), 3, 1).labels();
		assertArrayEquals(new int[] { 1, 2, 2 }, labels);
	}

	@Test
	void tracedOutlinesRoundTripExactly() {
		int[] labels = { //
			1, 1, 0, 2, 2, //
			1, 0, 0, 2, 2, //
			0, 0, 3, 0, 0, //
			3, 3, 0, 3, 3 };
		List<LabelPolygon> outlines = LabelPolygons.toPolygons(LabelImage.wrap(labels, 5, 4));
		assertEquals(3, outlines.size());
		assertEquals(3.0, outlines.get(0).geometry().getArea());
		assertEquals(3, outlines.get(2).geometry().getNumGeometries(),
			"label 3 is three pieces: " + outlines.get(2).geometry());
		List<ClassifiedPolygon> objects = outlines.stream().map(outline -> ClassifiedPolygon
			.annotation("nuclei_tumor", outline.geometry())).toList();
		assertArrayEquals(labels, Rasterization.labelImage(objects, 5, 4).labels());
	}

	@Test
	void realNucleiRoundTripThroughLabels() throws Exception {
		Path file = SharedData.folder("puma/nuclei_geojson").resolve(
			"training_set_metastatic_roi_094_nuclei.geojson");
		List<ClassifiedPolygon> nuclei = GeoJsonFormat.read(file).objects();
		LabelImage labels = Rasterization.labelImage(nuclei, 1024, 1024);
		List<LabelPolygon> outlines = LabelPolygons.toPolygons(labels);
		assertTrue(outlines.size() >= 660, "nearly every nucleus keeps a label: " + outlines.size());
		List<ClassifiedPolygon> traced = outlines.stream().map(outline -> ClassifiedPolygon
			.annotation("nuclei_tumor", outline.geometry())).toList();
		int[] again = Rasterization.labelImage(traced, 1024, 1024).labels();
		// Traced outlines come in ascending label order, so the k-th one gets label k + 1.
		int[] ids = outlines.stream().mapToInt(LabelPolygon::label).toArray();
		int[] expectedOrder = new int[again.length];
		for (int i = 0; i < again.length; i++) {
			int label = labels.labels()[i];
			expectedOrder[i] = label == 0 ? 0 : java.util.Arrays.binarySearch(ids, label) + 1;
		}
		assertArrayEquals(expectedOrder, again);
	}

	@Test
	void roi094TissueFractions() throws Exception {
		Path file = SharedData.folder("puma/tissue_geojson").resolve(
			"training_set_metastatic_roi_094_tissue.geojson");
		List<ClassifiedPolygon> regions = AnnotationFiles.read(file).objects();
		TissueMask mask = Rasterization.tissueMask(regions, 1024, 1024, PixelSize.unknown("test"));
		long[] histogram = mask.histogram();
		double total = 1024.0 * 1024;
		assertEquals(0.735, histogram[3] / total, 0.005, "tumour");
		assertEquals(0.259, histogram[1] / total, 0.005, "stroma");
		assertEquals(0.006, histogram[2] / total, 0.002, "blood vessel");
		assertEquals(0, histogram[4] + histogram[5], "no epidermis or necrosis");
		assertTrue(histogram[0] < 0.001 * total, "the regions tile the ROI: " + histogram[0]);
	}
}
