package org.pumaseg.label;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.locationtech.jts.geom.Location;
import org.locationtech.jts.algorithm.RayCrossingCounter;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.pumaseg.Progress;

/**
 * Label image to polygons and back, pixel-exact.
 * <p>
 * <b>Label image to polygons.</b> Each object's outline runs along pixel edges, with vertices at
 * pixel corners (integer coordinates; pixel (x, y) is the square [x, x + 1] × [y, y + 1]), so
 * the polygon's area is exactly the object's pixel count. An object gives a {@link Polygon}:
 * the outer ring first, then its holes (background, or other objects, enclosed by it) in raster
 * order of their first pixel. Objects in several pieces, including pieces that touch only at a
 * corner, give a MultiPolygon of such polygons, in raster order. Outer rings start at the
 * top-left corner of the object's first pixel in raster order. Rings are closed, have no
 * collinear vertices, and turn with the object on their left for increasing x right and y down:
 * counter-clockwise in JTS's terms ({@code Orientation.isCCW} true, the GeoJSON RFC 7946
 * convention) for outer rings, clockwise for holes; on screen, with y down, outer rings look
 * clockwise. Every result is valid for JTS. An outline that passes twice through one corner
 * (two pixels of the object touching only diagonally) is split there into two rings that touch
 * at that point, and each becomes an outer ring or a hole according to its orientation.
 * <p>
 * <b>Polygons to label image.</b> A pixel belongs to a polygon when its centre
 * (x + 0.5, y + 0.5) is inside; a centre exactly on an edge is inside when that edge bounds the
 * polygon on its left or top (the scan-line "top-left" rule), so polygons that share an edge
 * neither overlap nor leave a gap. Outlines made here have no centre on an edge, so both ways
 * round trip exactly: label → polygon → label gives the same pixels, and an integer-coordinate
 * polygon → label → polygon gives the same shape.
 * <p>
 * Own code: BoofCV's and OpenCV's contour tracers return pixel centres of boundary pixels,
 * which are not the pixel-exact outlines needed here, and JTS has no raster support; unioning
 * one square per pixel run with JTS is exact but much slower. Tracing follows pixel edges (crack
 * following) and visits each edge once: linear time. The scan-line fill uses an active edge
 * list: O(E log E) per polygon plus the pixels filled. No recursion.
 */
public final class LabelPolygons {

	/** Directions east, south, west, north; the left of direction d is d + 1 (mod 4). */
	private static final int[] DX = { 1, 0, -1, 0 };
	private static final int[] DY = { 0, 1, 0, -1 };

	private static final GeometryFactory FACTORY = new GeometryFactory();

	private LabelPolygons() {}

	/** Outlines of every non-zero label, in ascending label order. */
	public static List<LabelPolygon> toPolygons(LabelImage labels) {
		return toPolygons(labels, Progress.none());
	}

	/** Outlines of every non-zero label, in ascending label order. */
	public static List<LabelPolygon> toPolygons(LabelImage labels, Progress progress) {
		int width = labels.width();
		int height = labels.height();
		int[] pixels = labels.labels();
		LabelIndex index = LabelIndex.of(pixels);
		List<List<Loop>> loopsByLabel = new ArrayList<>(index.count());
		for (int k = 0; k < index.count(); k++) {
			loopsByLabel.add(new ArrayList<>(1));
		}

		// Bit d of visited[p]: the edge of pixel p on the right-hand side of direction d (top
		// for east, right for south, bottom for west, left for north) has been traced.
		byte[] visited = new byte[pixels.length];
		Tracer tracer = new Tracer(pixels, width, height, visited);
		for (int y = 0; y < height; y++) {
			if ((y & 63) == 0) {
				progress.checkCanceled();
				progress.update(0.8 * y / height, "Tracing outlines");
			}
			for (int x = 0; x < width; x++) {
				int p = x + y * width;
				int label = pixels[p];
				if (label == 0) {
					continue;
				}
				for (int d = 0; d < 4; d++) {
					if ((visited[p] & (1 << d)) == 0 && tracer.isOutline(x, y, d, label)) {
						tracer.trace(x, y, d, label, loopsByLabel.get(index.indexOf(label)));
					}
				}
			}
		}

		List<LabelPolygon> polygons = new ArrayList<>(index.count());
		for (int k = 0; k < index.count(); k++) {
			polygons.add(new LabelPolygon(index.label(k), assemble(loopsByLabel.get(k))));
			loopsByLabel.set(k, null);
		}
		progress.update(1, "Traced " + polygons.size() + " outlines");
		return polygons;
	}

	/**
	 * A label image of the given size with each polygon filled with its label, in list order
	 * (a later polygon wins where they overlap).
	 */
	public static LabelImage toLabelImage(Collection<LabelPolygon> polygons, int width,
		int height)
	{
		return toLabelImage(polygons, width, height, Progress.none());
	}

	/** As {@link #toLabelImage(Collection, int, int)}, with progress and cancellation. */
	public static LabelImage toLabelImage(Collection<LabelPolygon> polygons, int width,
		int height, Progress progress)
	{
		LabelImage labels = LabelImage.create(width, height);
		int done = 0;
		for (LabelPolygon polygon : polygons) {
			if ((done & 1023) == 0) {
				progress.checkCanceled();
				progress.update((double) done / polygons.size(), "Filling polygons");
			}
			fill(labels, polygon.geometry(), polygon.label());
			done++;
		}
		progress.update(1, "Filled " + done + " polygons");
		return labels;
	}

	/**
	 * Sets the pixels of {@code labels} whose centres are inside {@code polygonal} (a Polygon,
	 * MultiPolygon or collection of them) to {@code label}; parts outside the image are
	 * clipped.
	 */
	public static void fill(LabelImage labels, Geometry polygonal, int label) {
		int width = labels.width();
		int[] pixels = labels.labels();
		scan(polygonal, width, labels.height(), (row, from, to) -> Arrays.fill(pixels, from + row *
			width, to + row * width, label));
	}

	// ---- Tracing ------------------------------------------------------------------------

	/** One closed ring of an outline, before assembly into polygons. */
	private record Loop(Coordinate[] ring, long twiceArea, Coordinate probe) {

		boolean isOuter() {
			return twiceArea > 0;
		}
	}

	/** Follows pixel edges with the object on the left. */
	private static final class Tracer {

		private final int[] pixels;
		private final int width;
		private final int height;
		private final byte[] visited;

		/** The lattice vertices of the ring being traced, and where it may touch itself. */
		private int[] xs = new int[256];
		private int[] ys = new int[256];
		private boolean[] pinch = new boolean[256];
		private int size;

		Tracer(int[] pixels, int width, int height, byte[] visited) {
			this.pixels = pixels;
			this.width = width;
			this.height = height;
			this.visited = visited;
		}

		/** The label of pixel (x, y), or 0 outside the image. */
		private int labelAt(int x, int y) {
			if (x < 0 || y < 0 || x >= width || y >= height) {
				return 0;
			}
			return pixels[x + y * width];
		}

		/** Whether the edge of pixel (x, y) to the right of direction d is on its outline. */
		boolean isOutline(int x, int y, int d, int label) {
			int right = (d + 3) & 3;
			return labelAt(x + DX[right], y + DY[right]) != label;
		}

		/**
		 * Traces the ring through the edge of pixel (x, y) to the right of direction d and adds
		 * its loops (more than one where it touches itself) to {@code loops}.
		 */
		void trace(int x, int y, int d, int label, List<Loop> loops) {
			// The edge runs in direction d from this corner of the pixel.
			int startX = x + (d == 1 || d == 2 ? 1 : 0);
			int startY = y + (d == 2 || d == 3 ? 1 : 0);
			int vx = startX;
			int vy = startY;
			int startDirection = d;
			boolean pinched = false;
			size = 0;
			do {
				int left = (d + 1) & 3;
				int px = vx + Math.min(0, DX[d]) + Math.min(0, DX[left]);
				int py = vy + Math.min(0, DY[d]) + Math.min(0, DY[left]);
				visited[px + py * width] |= (byte) (1 << d);
				append(vx, vy, pinched);
				vx += DX[d];
				vy += DY[d];

				// The two pixels ahead decide the turn; the object stays on the left, and a
				// diagonal contact (ahead-left outside, ahead-right inside) is not crossed.
				int right = (d + 3) & 3;
				int aheadX = vx + Math.min(0, DX[d]);
				int aheadY = vy + Math.min(0, DY[d]);
				boolean aheadLeft = labelAt(aheadX + Math.min(0, DX[left]), aheadY + Math.min(0,
					DY[left])) == label;
				boolean aheadRight = labelAt(aheadX + Math.min(0, DX[right]), aheadY + Math.min(0,
					DY[right])) == label;
				pinched = !aheadLeft && aheadRight;
				if (!aheadLeft) {
					d = left;
				}
				else if (aheadRight) {
					d = right;
				}
			}
			while (vx != startX || vy != startY || d != startDirection);
			pinch[0] = pinched;
			splitAndAdd(loops);
		}

		private void append(int x, int y, boolean pinched) {
			if (size == xs.length) {
				int capacity = (int) Math.min(Integer.MAX_VALUE - 8, 2L * size);
				xs = Arrays.copyOf(xs, capacity);
				ys = Arrays.copyOf(ys, capacity);
				pinch = Arrays.copyOf(pinch, capacity);
			}
			xs[size] = x;
			ys[size] = y;
			pinch[size] = pinched;
			size++;
		}

		/**
		 * Splits the traced ring where it passes twice through a corner and adds each simple
		 * loop. Only pinch corners (diagonal contacts) can repeat, so only those are tracked.
		 */
		private void splitAndAdd(List<Loop> loops) {
			boolean anyPinch = false;
			for (int i = 0; i < size && !anyPinch; i++) {
				anyPinch = pinch[i];
			}
			if (!anyPinch) {
				loops.add(loop(xs, ys, 0, size));
				return;
			}
			int[] stackX = new int[size];
			int[] stackY = new int[size];
			boolean[] stackPinch = new boolean[size];
			int top = 0;
			Map<Long, Integer> pinchPositions = new HashMap<>();
			for (int i = 0; i < size; i++) {
				if (pinch[i]) {
					long key = ((long) xs[i] << 32) | (ys[i] & 0xFFFFFFFFL);
					Integer at = pinchPositions.get(key);
					if (at != null) {
						// Close the loop from the first visit of this corner up to here.
						loops.add(loop(stackX, stackY, at, top - at));
						for (int j = at + 1; j < top; j++) {
							if (stackPinch[j]) {
								pinchPositions.remove(((long) stackX[j] << 32) | (stackY[j] &
									0xFFFFFFFFL));
							}
						}
						top = at + 1;
						continue;
					}
					pinchPositions.put(key, top);
				}
				stackX[top] = xs[i];
				stackY[top] = ys[i];
				stackPinch[top] = pinch[i];
				top++;
			}
			loops.add(loop(stackX, stackY, 0, top));
		}
	}

	/**
	 * A loop from {@code count} lattice vertices {@code from..from+count-1} (unit steps,
	 * implicitly closed), without its collinear vertices.
	 */
	private static Loop loop(int[] xs, int[] ys, int from, int count) {
		List<Coordinate> corners = new ArrayList<>();
		long twiceArea = 0;
		for (int i = 0; i < count; i++) {
			int previous = from + (i + count - 1) % count;
			int current = from + i;
			int next = from + (i + 1) % count;
			int inX = xs[current] - xs[previous];
			int inY = ys[current] - ys[previous];
			int outX = xs[next] - xs[current];
			int outY = ys[next] - ys[current];
			if (inX != outX || inY != outY) {
				corners.add(new Coordinate(xs[current], ys[current]));
			}
			twiceArea += (long) xs[current] * ys[next] - (long) xs[next] * ys[current];
		}
		corners.add(corners.get(0).copy());

		// A point surely inside the loop: the centre of the pixel on the right of its first
		// edge. For a hole that pixel is in the hole; it is used to find the enclosing ring.
		int dx = xs[from + 1] - xs[from];
		int dy = ys[from + 1] - ys[from];
		double probeX = xs[from] + 0.5 * dx + 0.5 * dy;
		double probeY = ys[from] + 0.5 * dy - 0.5 * dx;
		return new Loop(corners.toArray(Coordinate[]::new), twiceArea, new Coordinate(probeX,
			probeY));
	}

	/** One object's loops as a Polygon, or a MultiPolygon when it has several outer rings. */
	private static Geometry assemble(List<Loop> loops) {
		List<Loop> outers = new ArrayList<>(1);
		List<Loop> holes = new ArrayList<>();
		for (Loop loop : loops) {
			(loop.isOuter() ? outers : holes).add(loop);
		}
		List<List<LinearRing>> holesOf = new ArrayList<>(outers.size());
		for (int i = 0; i < outers.size(); i++) {
			holesOf.add(new ArrayList<>());
		}
		for (Loop hole : holes) {
			holesOf.get(enclosingOuter(hole, outers)).add(FACTORY.createLinearRing(hole.ring()));
		}
		Polygon[] polygons = new Polygon[outers.size()];
		for (int i = 0; i < outers.size(); i++) {
			polygons[i] = FACTORY.createPolygon(FACTORY.createLinearRing(outers.get(i).ring()),
				holesOf.get(i).toArray(LinearRing[]::new));
		}
		return polygons.length == 1 ? polygons[0] : FACTORY.createMultiPolygon(polygons);
	}

	/** The index of the smallest outer ring around a hole. */
	private static int enclosingOuter(Loop hole, List<Loop> outers) {
		if (outers.size() == 1) {
			return 0;
		}
		int best = -1;
		for (int i = 0; i < outers.size(); i++) {
			Loop outer = outers.get(i);
			if (RayCrossingCounter.locatePointInRing(hole.probe(), outer.ring()) != Location.EXTERIOR &&
				(best < 0 || outer.twiceArea() < outers.get(best).twiceArea()))
			{
				best = i;
			}
		}
		if (best < 0) {
			throw new IllegalStateException("Hole at " + hole.probe() + " has no outer ring.");
		}
		return best;
	}

	// ---- Filling ------------------------------------------------------------------------

	/** Receives the covered pixels of one row as the column range [fromColumn, toColumn). */
	@FunctionalInterface
	public interface SpanConsumer {
		void accept(int row, int fromColumn, int toColumn);
	}

	/**
	 * Calls {@code spans} for each run of pixels of a {@code width} x {@code height} image whose
	 * centres are inside {@code polygonal} (a Polygon, MultiPolygon or collection of them), by
	 * the pixel-centre rule of this class. Runs are clipped to the image; the parts of a
	 * multi-polygon are scanned one after the other, each in increasing row order.
	 */
	public static void scan(Geometry polygonal, int width, int height, SpanConsumer spans) {
		for (int i = 0; i < polygonal.getNumGeometries(); i++) {
			Geometry part = polygonal.getGeometryN(i);
			if (part instanceof Polygon polygon) {
				scanPolygon(polygon, width, height, spans);
			}
			else if (part != polygonal) {
				scan(part, width, height, spans);
			}
			else if (!part.isEmpty()) {
				throw new IllegalArgumentException("Cannot fill a " + part.getGeometryType() +
					"; only polygons have an inside.");
			}
		}
	}

	private static void scanPolygon(Polygon polygon, int width, int height,
		SpanConsumer spans)
	{
		if (polygon.isEmpty()) {
			return;
		}
		EdgeTable edges = new EdgeTable();
		edges.add(polygon.getExteriorRing().getCoordinates(), height);
		for (int i = 0; i < polygon.getNumInteriorRing(); i++) {
			edges.add(polygon.getInteriorRingN(i).getCoordinates(), height);
		}
		edges.scan(height, (row, from, to) -> {
			int first = Math.max(0, from);
			int end = Math.min(width, to);
			if (first < end) {
				spans.accept(row, first, end);
			}
		});
	}

	/**
	 * The non-horizontal edges of a polygon's rings, each stored with y0 < y1 so that an edge
	 * shared by two polygons gives bit-identical crossings whichever way each runs.
	 */
	private static final class EdgeTable {

		private double[] x0 = new double[64];
		private double[] y0 = new double[64];
		private double[] x1 = new double[64];
		private double[] y1 = new double[64];
		private int[] firstRow = new int[64];
		private int[] lastRow = new int[64];
		private int size;

		void add(Coordinate[] ring, int height) {
			for (int i = 0; i + 1 < ring.length; i++) {
				Coordinate a = ring[i];
				Coordinate b = ring[i + 1];
				if (a.y < b.y) {
					add(a.x, a.y, b.x, b.y, height);
				}
				else if (b.y < a.y) {
					add(b.x, b.y, a.x, a.y, height);
				}
			}
		}

		private void add(double ax, double ay, double bx, double by, int height) {
			// Rows whose centre row + 0.5 lies in [ay, by): the half-open test counts a vertex
			// on a scan line once.
			double first = Math.ceil(ay - 0.5);
			double last = Math.ceil(by - 0.5) - 1;
			if (last < 0 || first > height - 1 || first > last) {
				return;
			}
			if (size == x0.length) {
				int capacity = 2 * size;
				x0 = Arrays.copyOf(x0, capacity);
				y0 = Arrays.copyOf(y0, capacity);
				x1 = Arrays.copyOf(x1, capacity);
				y1 = Arrays.copyOf(y1, capacity);
				firstRow = Arrays.copyOf(firstRow, capacity);
				lastRow = Arrays.copyOf(lastRow, capacity);
			}
			x0[size] = ax;
			y0[size] = ay;
			x1[size] = bx;
			y1[size] = by;
			firstRow[size] = (int) Math.max(0, first);
			lastRow[size] = (int) Math.min(height - 1, last);
			size++;
		}

		/** Calls {@code sink} with the column range [from, to) of each run of inside centres. */
		void scan(int height, SpanConsumer sink) {
			if (size == 0) {
				return;
			}
			Integer[] byFirstRow = new Integer[size];
			for (int i = 0; i < size; i++) {
				byFirstRow[i] = i;
			}
			Arrays.sort(byFirstRow, (a, b) -> Integer.compare(firstRow[a], firstRow[b]));
			int[] active = new int[size];
			double[] crossings = new double[size];
			int activeCount = 0;
			int next = 0;
			int row = firstRow[byFirstRow[0]];
			while (row < height) {
				int kept = 0;
				for (int k = 0; k < activeCount; k++) {
					if (lastRow[active[k]] >= row) {
						active[kept++] = active[k];
					}
				}
				activeCount = kept;
				if (activeCount == 0) {
					if (next == size) {
						break;
					}
					row = Math.max(row, firstRow[byFirstRow[next]]);
				}
				while (next < size && firstRow[byFirstRow[next]] <= row) {
					active[activeCount++] = byFirstRow[next++];
				}
				double centreY = row + 0.5;
				int count = 0;
				for (int k = 0; k < activeCount; k++) {
					int e = active[k];
					crossings[count++] = x0[e] + (centreY - y0[e]) * (x1[e] - x0[e]) / (y1[e] -
						y0[e]);
				}
				Arrays.sort(crossings, 0, count);
				for (int k = 0; k + 1 < count; k += 2) {
					// Columns whose centre column + 0.5 lies in [left, right).
					double from = Math.ceil(crossings[k] - 0.5);
					double to = Math.ceil(crossings[k + 1] - 0.5);
					if (from < to) {
						sink.accept(row, (int) Math.max(-1, Math.min(Integer.MAX_VALUE, from)),
							(int) Math.max(-1, Math.min(Integer.MAX_VALUE, to)));
					}
				}
				row++;
			}
		}
	}
}
