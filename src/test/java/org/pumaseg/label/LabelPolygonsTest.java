package org.pumaseg.label;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

class LabelPolygonsTest {

	private static final GeometryFactory FACTORY = new GeometryFactory();

	@Test
	void onePixelIsAUnitSquareAtItsCorners() {
		List<LabelPolygon> polygons = LabelPolygons.toPolygons(TestImages.labels(
			"....",
			"....",
			"....",
			"..5."));

		assertEquals(1, polygons.size());
		assertEquals(5, polygons.get(0).label());
		Polygon square = (Polygon) polygons.get(0).geometry();
		assertArrayEquals(new Coordinate[] {
			new Coordinate(2, 3),
			new Coordinate(3, 3),
			new Coordinate(3, 4),
			new Coordinate(2, 4),
			new Coordinate(2, 3) }, square.getCoordinates());
		assertTrue(Orientation.isCCW(square.getExteriorRing().getCoordinates()));
	}

	@Test
	void ringWithHoleGivesOuterRingThenHole() {
		List<LabelPolygon> polygons = LabelPolygons.toPolygons(TestImages.labels(
			".....",
			".111.",
			".1.1.",
			".111.",
			"....."));

		Polygon ring = (Polygon) polygons.get(0).geometry();
		assertEquals(1, ring.getNumInteriorRing());
		assertArrayEquals(coordinates(1, 1, 4, 1, 4, 4, 1, 4, 1, 1), ring.getExteriorRing()
			.getCoordinates());
		assertEquals(1.0, Math.abs(FACTORY.createPolygon(ring.getInteriorRingN(0)
			.getCoordinates()).getArea()));
		assertTrue(ring.getInteriorRingN(0).getEnvelopeInternal().equals(new Envelope(
			2, 3, 2, 3)));
		assertFalse(Orientation.isCCW(ring.getInteriorRingN(0).getCoordinates()));
		assertEquals(8.0, ring.getArea());
		assertTrue(ring.isValid());
	}

	@Test
	void holesComeInRasterOrderAndEnclosedObjectsAreHoles() {
		List<LabelPolygon> polygons = LabelPolygons.toPolygons(TestImages.labels(
			"11111111",
			"1.1..121",
			"11111111"));

		Polygon outer = (Polygon) polygons.get(0).geometry();
		assertEquals(3, outer.getNumInteriorRing());
		assertEquals(1.5, outer.getInteriorRingN(0).getEnvelopeInternal().centre().x);
		assertEquals(4.0, outer.getInteriorRingN(1).getEnvelopeInternal().centre().x);
		assertEquals(6.5, outer.getInteriorRingN(2).getEnvelopeInternal().centre().x);
		assertEquals(24 - 4, outer.getArea());
		assertTrue(outer.isValid());
		assertEquals(1.0, polygons.get(1).geometry().getArea());
	}

	@Test
	void diagonalPixelsGiveAValidMultiPolygon() {
		List<LabelPolygon> polygons = LabelPolygons.toPolygons(TestImages.labels(
			"1.",
			".1"));

		MultiPolygon pair = assertInstanceOf(MultiPolygon.class, polygons.get(0).geometry());
		assertEquals(2, pair.getNumGeometries());
		assertTrue(pair.isValid());
		assertEquals(2.0, pair.getArea());
	}

	@Test
	void diagonalPinchInsideAnObjectGivesAHoleTouchingTheOuterRing() {
		// The background pocket (1, 1), (2, 1), (1, 2) touches the outside (2, 3) only through
		// the corner (2, 3): the outline passes that corner twice and is split there.
		LabelImage labels = TestImages.labels(
			"1111",
			"1..1",
			"1.11",
			"11..");

		Geometry outline = LabelPolygons.toPolygons(labels).get(0).geometry();

		assertTrue(outline.isValid(), outline.toText());
		assertEquals(11.0, outline.getArea());
		Polygon polygon = assertInstanceOf(Polygon.class, outline);
		assertEquals(1, polygon.getNumInteriorRing());
		assertTrue(List.of(polygon.getInteriorRingN(0).getCoordinates()).contains(new Coordinate(2,
			3)), "the hole touches the outer ring at (2, 3): " + outline);
		assertArrayEquals(labels.labels(), LabelPolygons.toLabelImage(LabelPolygons.toPolygons(
			labels), 4, 4).labels());
	}

	@Test
	void randomLabelImagesRoundTripExactly() {
		Random random = new Random(11);
		for (int trial = 0; trial < 300; trial++) {
			int width = 1 + random.nextInt(25);
			int height = 1 + random.nextInt(25);
			int labelCount = 1 + random.nextInt(4);
			double density = random.nextDouble();
			int[] values = new int[width * height];
			for (int i = 0; i < values.length; i++) {
				values[i] = random.nextDouble() < density ? 1 + random.nextInt(labelCount) : 0;
			}
			LabelImage labels = LabelImage.wrap(values, width, height);

			List<LabelPolygon> polygons = LabelPolygons.toPolygons(labels);

			for (LabelPolygon polygon : polygons) {
				long area = 0;
				for (int value : values) {
					area += value == polygon.label() ? 1 : 0;
				}
				assertTrue(polygon.geometry().isValid(), "trial " + trial + ": " + polygon.geometry());
				assertEquals(area, polygon.geometry().getArea(), "trial " + trial);
				for (int i = 0; i < polygon.geometry().getNumGeometries(); i++) {
					Polygon part = (Polygon) polygon.geometry().getGeometryN(i);
					assertTrue(Orientation.isCCW(part.getExteriorRing().getCoordinates()));
					for (int j = 0; j < part.getNumInteriorRing(); j++) {
						assertFalse(Orientation.isCCW(part.getInteriorRingN(j).getCoordinates()));
					}
				}
			}
			assertArrayEquals(values, LabelPolygons.toLabelImage(polygons, width, height).labels(),
				"trial " + trial);
		}
	}

	@Test
	void integerPolygonsRoundTripThroughPixels() throws ParseException {
		WKTReader reader = new WKTReader(FACTORY);
		Geometry[] shapes = {
			reader.read("POLYGON ((1 1, 6 1, 6 3, 3 3, 3 6, 1 6, 1 1))"),
			reader.read("POLYGON ((0 0, 8 0, 8 8, 0 8, 0 0), (2 2, 2 5, 5 5, 5 2, 2 2))"),
			reader.read("MULTIPOLYGON (((0 0, 2 0, 2 2, 0 2, 0 0)), ((2 2, 4 2, 4 4, 2 4, 2 2)))") };

		for (Geometry shape : shapes) {
			LabelImage labels = LabelPolygons.toLabelImage(List.of(new LabelPolygon(3, shape)), 9,
				9);
			Geometry back = LabelPolygons.toPolygons(labels).get(0).geometry();

			assertTrue(back.equalsTopo(shape), shape + " came back as " + back);
			assertEquals(shape.getArea(), back.getArea());
		}
	}

	@Test
	void pixelCentresOnAnEdgeFollowTheTopLeftRule() throws ParseException {
		WKTReader reader = new WKTReader(FACTORY);
		// Centres (0.5, 0.5) and (2.5, 2.5) lie on the edges: left/top edges include, right/
		// bottom edges exclude.
		LabelImage square = LabelPolygons.toLabelImage(List.of(new LabelPolygon(1, reader.read(
			"POLYGON ((0.5 0.5, 2.5 0.5, 2.5 2.5, 0.5 2.5, 0.5 0.5))"))), 4, 4);
		assertArrayEquals(new String[] { "11..", "11..", "....", "...." }, TestImages.text(square));

		// Two polygons sharing a slanted edge: no pixel in both, none in neither.
		LabelImage halves = LabelPolygons.toLabelImage(List.of(
			new LabelPolygon(1, reader.read("POLYGON ((0 0, 7 0, 0 5.3, 0 0))")),
			new LabelPolygon(2, reader.read("POLYGON ((7 0, 7 5.3, 0 5.3, 7 0))"))), 7, 6);
		for (int y = 0; y < 5; y++) {
			for (int x = 0; x < 7; x++) {
				assertTrue(halves.get(x, y) != 0, "gap at " + x + ", " + y);
			}
		}
		LabelImage onlyFirst = LabelPolygons.toLabelImage(List.of(new LabelPolygon(1, reader.read(
			"POLYGON ((0 0, 7 0, 0 5.3, 0 0))"))), 7, 6);
		LabelImage onlySecond = LabelPolygons.toLabelImage(List.of(new LabelPolygon(2, reader
			.read("POLYGON ((7 0, 7 5.3, 0 5.3, 7 0))"))), 7, 6);
		for (int i = 0; i < 42; i++) {
			assertFalse(onlyFirst.labels()[i] != 0 && onlySecond.labels()[i] != 0, "overlap at " +
				i);
		}
	}

	@Test
	void polygonsOutsideTheImageAreClipped() throws ParseException {
		LabelImage labels = LabelPolygons.toLabelImage(List.of(new LabelPolygon(1, new WKTReader(
			FACTORY).read("POLYGON ((-5 -5, 2 -5, 2 1, -5 1, -5 -5))"))), 3, 3);

		assertArrayEquals(new String[] { "11.", "...", "..." }, TestImages.text(labels));
	}

	@Test
	void seventyThousandObjectsRoundTrip() {
		int size = 530;
		int[] values = new int[size * size];
		int next = 0;
		for (int y = 0; y < size; y += 2) {
			for (int x = 0; x < size; x += 2) {
				values[x + y * size] = ++next;
			}
		}
		LabelImage labels = LabelImage.wrap(values, size, size);

		List<LabelPolygon> polygons = LabelPolygons.toPolygons(labels);

		assertEquals(70_225, polygons.size());
		assertEquals(70_225, polygons.get(70_224).label());
		assertArrayEquals(values, LabelPolygons.toLabelImage(polygons, size, size).labels());
	}

	private static Coordinate[] coordinates(double... xy) {
		Coordinate[] coordinates = new Coordinate[xy.length / 2];
		for (int i = 0; i < coordinates.length; i++) {
			coordinates[i] = new Coordinate(xy[2 * i], xy[2 * i + 1]);
		}
		return coordinates;
	}
}
