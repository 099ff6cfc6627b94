package org.pumaseg.model.tiling;

import org.pumaseg.model.TensorProcessing;

/**
 * Cuts input tiles from a {@link TileSource} in raster order, reflection-padded where they
 * pass the image border, and preprocesses them. A tile that lies inside the image is read
 * straight into its planes; only border tiles go through a bounding box and an index map.
 * Not safe for use by several threads at once, because it reads the source.
 */
final class TileCutter {

	private final TileSource source;
	private final TensorProcessing preprocessing;
	private final AxisTiling ys;
	private final AxisTiling xs;
	private final int batchSize;
	private final TileAxis[] rows;
	private final TileAxis[] columns;

	TileCutter(TileSource source, TensorProcessing preprocessing, AxisTiling ys, AxisTiling xs,
		int batchSize)
	{
		this.source = source;
		this.preprocessing = preprocessing;
		this.ys = ys;
		this.xs = xs;
		this.batchSize = batchSize;
		this.rows = TileAxis.all(ys);
		this.columns = TileAxis.all(xs);
	}

	int tileCount() {
		return ys.tileCount() * xs.tileCount();
	}

	int batchCount() {
		return (tileCount() + batchSize - 1) / batchSize;
	}

	/**
	 * Cuts batch {@code b}: tiles {@code b * batchSize} onwards in raster order.
	 *
	 * @param beforeEachTile runs before each tile is cut; it throws to stop the cutting
	 */
	TileBatch cutBatch(int b, Runnable beforeEachTile) {
		int first = b * batchSize;
		int count = Math.min(batchSize, tileCount() - first);
		int[] tileRows = new int[count];
		int[] tileColumns = new int[count];
		float[][][] tiles = new float[count][][];
		for (int k = 0; k < count; k++) {
			beforeEachTile.run();
			tileRows[k] = (first + k) / xs.tileCount();
			tileColumns[k] = (first + k) % xs.tileCount();
			tiles[k] = cutTile(tileRows[k], tileColumns[k]);
		}
		return new TileBatch(tileRows, tileColumns, tiles);
	}

	/** Cuts input tile (row {@code j}, column {@code i}) and preprocesses it. */
	float[][] cutTile(int j, int i) {
		TileAxis tileRows = rows[j];
		TileAxis tileColumns = columns[i];
		int height = ys.tileSize;
		int width = xs.tileSize;
		float[][] tile = new float[source.channelCount()][height * width];
		if (tileRows.inside && tileColumns.inside) {
			source.read(tileColumns.low, tileRows.low, width, height, tile);
		}
		else {
			cutBorderTile(tileRows, tileColumns, tile);
		}
		preprocessing.apply(tile);
		return tile;
	}

	/** Reads the bounding box of the reflected positions, then picks each tile pixel from it. */
	private void cutBorderTile(TileAxis tileRows, TileAxis tileColumns, float[][] tile) {
		int boxWidth = tileColumns.high - tileColumns.low + 1;
		int boxHeight = tileRows.high - tileRows.low + 1;
		float[][] box = new float[tile.length][boxWidth * boxHeight];
		source.read(tileColumns.low, tileRows.low, boxWidth, boxHeight, box);

		int width = xs.tileSize;
		int[] positions = tileColumns.positions;
		for (int c = 0; c < tile.length; c++) {
			float[] from = box[c];
			float[] to = tile[c];
			for (int y = 0; y < ys.tileSize; y++) {
				int rowStart = (tileRows.positions[y] - tileRows.low) * boxWidth;
				int target = y * width;
				if (tileColumns.inside) {
					System.arraycopy(from, rowStart, to, target, width);
					continue;
				}
				int offset = rowStart - tileColumns.low;
				for (int x = 0; x < width; x++) {
					to[target + x] = from[offset + positions[x]];
				}
			}
		}
	}

	/** The image positions one tile reads along one axis, after reflection. */
	private static final class TileAxis {

		final int[] positions;
		final int low;
		final int high;
		/** True when the tile lies inside the image, so its positions are consecutive. */
		final boolean inside;

		private TileAxis(AxisTiling axis, int tile) {
			positions = new int[axis.tileSize];
			int start = axis.tileStart(tile);
			int lowest = Integer.MAX_VALUE;
			int highest = -1;
			for (int k = 0; k < positions.length; k++) {
				positions[k] = axis.reflect(start + k);
				lowest = Math.min(lowest, positions[k]);
				highest = Math.max(highest, positions[k]);
			}
			low = lowest;
			high = highest;
			inside = start >= 0 && start + axis.tileSize <= axis.length;
		}

		static TileAxis[] all(AxisTiling axis) {
			TileAxis[] tiles = new TileAxis[axis.tileCount()];
			for (int i = 0; i < tiles.length; i++) {
				tiles[i] = new TileAxis(axis, i);
			}
			return tiles;
		}
	}
}
