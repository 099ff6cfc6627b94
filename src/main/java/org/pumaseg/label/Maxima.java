package org.pumaseg.label;

import java.util.Arrays;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.BooleanType;
import net.imglib2.type.numeric.RealType;

import org.pumaseg.Progress;

/**
 * Regional maxima and h-maxima of a float landscape, as marker label images for
 * {@link Watershed}.
 * <p>
 * A regional maximum is a connected plateau of equal values whose neighbours are all lower.
 * Its dynamic is how far one must descend from it, along the best path, to reach a strictly
 * higher pixel (infinite for the highest plateau of each connected part of the domain). The
 * h-maxima markers are the regional maxima whose dynamic is at least {@code h}: for h > 0,
 * exactly the pixels where the h-maxima transform (reconstruction by dilation of f - h under
 * f) equals f - h, which is the classical definition (Soille, Morphological Image Analysis,
 * 2003) and that of scikit-image's {@code h_maxima}. h = 0 gives all regional maxima. Equal peaks do not
 * suppress each other. Each connected plateau that is kept gets its own label, 1..n in raster
 * order of first pixels.
 * <p>
 * Own code, because BoofCV and OpenCV have no h-maxima. Iterating a reconstruction has no
 * good worst-case bound, so instead the pixels are sorted by decreasing value and merged in a
 * union-find, as when building a max-tree (Najman and Couprie, 2006). When two components meet
 * at level v, the one with the lower top dies there, which gives every maximum its exact
 * dynamic. Time is O(n log n) for the sort, memory about 20 bytes per pixel, with no recursion.
 * <p>
 * The domain is the true pixels of an optional mask, less NaN pixels; pixels outside it are
 * neither maxima nor paths between maxima. Values are compared as floats.
 */
public final class Maxima {

	private Maxima() {}

	/** Every regional maximum (h = 0) of {@code landscape} over the whole image. */
	public static LabelImage regional(RandomAccessibleInterval<? extends RealType<?>> landscape,
		Connectivity connectivity)
	{
		return hMaxima(landscape, 0, null, connectivity, Progress.none());
	}

	/**
	 * The regional maxima of dynamic at least {@code h}, restricted to {@code mask}.
	 *
	 * @param h minimum dynamic, in the landscape's units; 0 keeps every regional maximum
	 * @param mask domain, or null for the whole image
	 */
	public static LabelImage hMaxima(RandomAccessibleInterval<? extends RealType<?>> landscape,
		double h, RandomAccessibleInterval<? extends BooleanType<?>> mask,
		Connectivity connectivity, Progress progress)
	{
		if (!(h >= 0) || Double.isInfinite(h)) {
			throw new IllegalArgumentException("h must be finite and >= 0, got " + h + ".");
		}
		int[] size = Pixels.size2d(landscape);
		int width = size[0];
		int height = size[1];
		if (mask != null) {
			Pixels.checkSize(mask, width, height, "mask");
		}
		float[] values = Pixels.floats(landscape);
		Flooding flooding = new Flooding(values, width, height, mask, connectivity);
		progress.update(0, "Finding maxima: sorting");
		long[] order = flooding.sortDescending();
		progress.checkCanceled();
		int[] plateaus = flooding.flood(order, progress.subRange(0.3, 0.9));
		int[] markers = flooding.keepDynamicAtLeast(plateaus, h);
		int count = ConnectedComponents.labelNonZero(markers, width, height, connectivity,
			progress.subRange(0.9, 1));
		progress.update(1, "Found " + count + " maxima");
		return LabelImage.wrap(markers, width, height);
	}

	/** Union-find flooding from the top, with the dynamics of the maxima. */
	private static final class Flooding {

		private static final int OUTSIDE = -2;
		private static final int UNSEEN = -1;

		private final float[] values;
		private final int width;
		private final int height;
		private final Connectivity connectivity;

		/** Union-find over pixels: OUTSIDE, UNSEEN, or the parent; a root is a top pixel. */
		private final int[] parent;
		private final int[] entityOfRoot;
		private int domainSize;

		/** Maxima: union-find of equal-top maxima that share a fate, top and death level. */
		private int[] entityParent = new int[1024];
		private float[] entityTop = new float[1024];
		private double[] entityDeath = new double[1024];
		private int entities;

		Flooding(float[] values, int width, int height,
			RandomAccessibleInterval<? extends BooleanType<?>> mask, Connectivity connectivity)
		{
			this.values = values;
			this.width = width;
			this.height = height;
			this.connectivity = connectivity;
			int n = width * height;
			parent = new int[n];
			if (mask == null) {
				Arrays.fill(parent, UNSEEN);
			}
			else {
				Arrays.fill(parent, OUTSIDE);
				Pixels.forEachTrue(mask, i -> parent[i] = UNSEEN);
			}
			for (int i = 0; i < n; i++) {
				if (Float.isNaN(values[i])) {
					parent[i] = OUTSIDE;
				}
				else if (parent[i] == UNSEEN) {
					domainSize++;
				}
			}
			entityOfRoot = new int[n];
		}

		/** Domain pixels as (inverted sortable value, index) pairs, highest value first. */
		long[] sortDescending() {
			long[] order = new long[domainSize];
			int k = 0;
			for (int i = 0; i < parent.length; i++) {
				if (parent[i] == UNSEEN) {
					order[k++] = ((long) ~FloatKeys.sortable(values[i]) << 32) | i;
				}
			}
			Arrays.parallelSort(order);
			return order;
		}

		/**
		 * Adds pixels level by level; returns, per pixel, 1 + the entity of the regional
		 * maximum plateau it belongs to, or 0.
		 */
		int[] flood(long[] order, Progress progress) {
			int[] plateaus = new int[parent.length];
			int[] offsets = connectivity.offsets(width);
			int start = 0;
			int nextReport = 0;
			while (start < order.length) {
				if (start >= nextReport) {
					progress.checkCanceled();
					progress.update((double) start / order.length, "Finding maxima");
					nextReport = start + (1 << 16);
				}
				int key = (int) (order[start] >>> 32);
				int end = start + 1;
				while (end < order.length && (int) (order[end] >>> 32) == key) {
					end++;
				}
				float level = values[(int) order[start]];

				for (int k = start; k < end; k++) {
					int p = (int) order[k];
					parent[p] = p;
					entityOfRoot[p] = -1;
					int x = p % width;
					int y = p / width;
					for (int j = 0; j < offsets.length; j++) {
						if (connectivity.hasNeighbour(j, x, y, width, height)) {
							int q = p + offsets[j];
							if (parent[q] >= 0) {
								union(p, q, level);
							}
						}
					}
				}

				// Pixels of this level whose component has nothing higher form regional maxima.
				for (int k = start; k < end; k++) {
					int p = (int) order[k];
					int root = find(p);
					if (values[root] == level) {
						if (entityOfRoot[root] < 0) {
							entityOfRoot[root] = newEntity(level);
						}
						plateaus[p] = entityOfRoot[root] + 1;
					}
				}
				start = end;
			}
			return plateaus;
		}

		/** Keeps the plateau pixels of maxima whose dynamic is at least h, as 1; others 0. */
		int[] keepDynamicAtLeast(int[] plateaus, double h) {
			for (int i = 0; i < plateaus.length; i++) {
				if (plateaus[i] > 0) {
					int entity = findEntity(plateaus[i] - 1);
					double death = entityDeath[entity];
					boolean keep = Double.isNaN(death) || death <= entityTop[entity] - h;
					plateaus[i] = keep ? 1 : 0;
				}
			}
			return plateaus;
		}

		private void union(int p, int q, float level) {
			int a = find(p);
			int b = find(q);
			if (a == b) {
				return;
			}
			float topA = values[a];
			float topB = values[b];
			if (topA > topB) {
				kill(entityOfRoot[b], level);
				parent[b] = a;
			}
			else if (topB > topA) {
				kill(entityOfRoot[a], level);
				parent[a] = b;
			}
			else {
				// Equal tops: one maximum from now on; the older root stays root.
				parent[a] = b;
				int entityA = entityOfRoot[a];
				int entityB = entityOfRoot[b];
				if (entityB < 0) {
					entityOfRoot[b] = entityA;
				}
				else if (entityA >= 0) {
					entityOfRoot[b] = unionEntities(entityA, entityB);
				}
			}
		}

		private void kill(int entity, float level) {
			if (entity >= 0) {
				entityDeath[findEntity(entity)] = level;
			}
		}

		private int find(int p) {
			while (parent[p] != p) {
				parent[p] = parent[parent[p]];
				p = parent[p];
			}
			return p;
		}

		private int newEntity(float top) {
			if (entities == entityParent.length) {
				int capacity = (int) Math.min(Integer.MAX_VALUE - 8, 2L * entities);
				entityParent = Arrays.copyOf(entityParent, capacity);
				entityTop = Arrays.copyOf(entityTop, capacity);
				entityDeath = Arrays.copyOf(entityDeath, capacity);
			}
			entityParent[entities] = entities;
			entityTop[entities] = top;
			entityDeath[entities] = Double.NaN;
			return entities++;
		}

		private int findEntity(int e) {
			while (entityParent[e] != e) {
				entityParent[e] = entityParent[entityParent[e]];
				e = entityParent[e];
			}
			return e;
		}

		private int unionEntities(int a, int b) {
			int rootA = findEntity(a);
			int rootB = findEntity(b);
			entityParent[rootA] = rootB;
			return rootB;
		}
	}
}
