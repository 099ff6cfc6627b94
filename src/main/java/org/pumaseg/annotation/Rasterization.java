package org.pumaseg.annotation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;
import org.pumaseg.InvalidInputException;
import org.pumaseg.image.PixelSize;

/**
 * Polygons to pixels.
 * <p>
 * Pixel rule: pixel (column c, row r) is the unit square [c, c+1) x [r, r+1) and a polygon
 * covers it when the pixel centre (c + 0.5, r + 0.5) lies inside the polygon (holes excluded).
 * A centre that lies exactly on an edge follows the top-left rule of scan-line fill: it is
 * covered when the edge bounds the polygon on its left or top side. So polygons that share an
 * edge never both cover a pixel and leave no gap between them, and an outline traced along
 * pixel corners covers exactly the pixels it was traced from.
 */
public final class Rasterization {

	/** Receives the covered pixels of one row as the column range [fromColumn, toColumn). */
	@FunctionalInterface
	public interface SpanConsumer {
		void accept(int row, int fromColumn, int toColumn);
	}

	private Rasterization() {}

	/** Calls {@code spans} for each run of covered pixels of a polygon or multi-polygon. */
	public static void scan(Geometry polygonal, int width, int height, SpanConsumer spans) {
		for (int i = 0; i < polygonal.getNumGeometries(); i++) {
			scanPolygon((Polygon) polygonal.getGeometryN(i), width, height, spans);
		}
	}

	/**
	 * Label image of objects: object i (in list order) gets label i + 1, all parts of a
	 * multi-polygon share it, 0 is background, and where objects overlap the later one wins.
	 *
	 * @return labels, row-major, {@code width * height} long
	 */
	public static int[] labelImage(List<ClassifiedPolygon> objects, int width, int height) {
		int[] labels = new int[width * height];
		for (int i = 0; i < objects.size(); i++) {
			int label = i + 1;
			scan(objects.get(i).geometry(), width, height, (row, from, to) -> Arrays.fill(labels,
				row * width + from, row * width + to, label));
		}
		return labels;
	}

	/**
	 * Tissue class map from tissue regions: each region is filled with its class's mask code in
	 * list order (a later region wins where regions overlap), {@code tissue_white_background}
	 * with 0, and uncovered pixels stay 0 (background).
	 *
	 * @throws InvalidInputException when an object is not a tissue class
	 */
	public static TissueMask tissueMask(List<ClassifiedPolygon> regions, int width, int height,
		PixelSize pixelSize)
	{
		byte[] codes = new byte[width * height];
		for (int i = 0; i < regions.size(); i++) {
			ClassifiedPolygon region = regions.get(i);
			TissueClass tissueClass = TissueClass.fromClassName(region.className());
			if (tissueClass == null) {
				throw new InvalidInputException("Region " + (i + 1) + " of " + regions.size() +
					" has the class \"" + region.className() + "\", which is not a tissue class. " +
					"Tissue maps need regions classed as one of " + Arrays.stream(TissueClass
						.values()).map(TissueClass::className).toList() + ".");
			}
			byte code = (byte) tissueClass.maskCode();
			scan(region.geometry(), width, height, (row, from, to) -> Arrays.fill(codes, row *
				width + from, row * width + to, code));
		}
		return new TissueMask(width, height, codes, pixelSize);
	}

	private static void scanPolygon(Polygon polygon, int width, int height,
		SpanConsumer spans)
	{
		Envelope bounds = polygon.getEnvelopeInternal();
		if (bounds.isNull()) {
			return;
		}
		List<double[]> edges = new ArrayList<>();
		addEdges(polygon.getExteriorRing(), edges);
		for (int i = 0; i < polygon.getNumInteriorRing(); i++) {
			addEdges(polygon.getInteriorRingN(i), edges);
		}

		// Rows whose centre row + 0.5 lies in [minY, maxY).
		int firstRow = Math.max(0, (int) Math.ceil(bounds.getMinY() - 0.5));
		int lastRow = Math.min(height - 1, (int) Math.ceil(bounds.getMaxY() - 0.5) - 1);
		double[] crossings = new double[edges.size()];
		for (int row = firstRow; row <= lastRow; row++) {
			double centreY = row + 0.5;
			int count = 0;
			for (double[] edge : edges) {
				// Edges are stored with y0 < y1; the half-open test counts a vertex once.
				if (edge[1] <= centreY && centreY < edge[3]) {
					crossings[count++] = edge[0] + (centreY - edge[1]) * (edge[2] - edge[0]) /
						(edge[3] - edge[1]);
				}
			}
			Arrays.sort(crossings, 0, count);
			for (int k = 0; k + 1 < count; k += 2) {
				// Columns whose centre column + 0.5 lies in [left, right).
				int from = Math.max(0, (int) Math.ceil(crossings[k] - 0.5));
				int to = Math.min(width, (int) Math.ceil(crossings[k + 1] - 0.5));
				if (from < to) {
					spans.accept(row, from, to);
				}
			}
		}
	}

	/**
	 * Adds the non-horizontal edges of a ring as {x0, y0, x1, y1} with y0 < y1, so that an
	 * edge shared by two polygons gives bit-identical crossings whichever way each one runs.
	 */
	private static void addEdges(LineString ring, List<double[]> edges) {
		Coordinate[] coordinates = ring.getCoordinates();
		for (int i = 0; i + 1 < coordinates.length; i++) {
			Coordinate a = coordinates[i];
			Coordinate b = coordinates[i + 1];
			if (a.y < b.y) {
				edges.add(new double[] { a.x, a.y, b.x, b.y });
			}
			else if (b.y < a.y) {
				edges.add(new double[] { b.x, b.y, a.x, a.y });
			}
		}
	}
}
