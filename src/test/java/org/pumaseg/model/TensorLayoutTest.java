package org.pumaseg.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Tiles packed into tensors in the declared axis order, and unpacked again. */
class TensorLayoutTest {

	private static final Axis BATCH = new Axis.Batch("", false);
	private static final Axis CHANNEL = new Axis.Channel("channel", "", List.of("r", "g", "b"));
	private static final Axis Y = new Axis.Space("y", "", new AxisSize.Fixed(2), 0, 1, null);
	private static final Axis X = new Axis.Space("x", "", new AxisSize.Fixed(4), 0, 1, null);

	private static TensorLayout layout(Axis... axes) {
		return new TensorLayout(new InputTensor("image", "", List.of(axes), DataType.FLOAT32,
			FileRef.of("test_input.npy"), null, List.of()));
	}

	/** Two tiles of 3 channels, 2 x 4 px; the value encodes batch, channel, y and x. */
	private static float[][][] tiles() {
		float[][][] tiles = new float[2][3][8];
		for (int b = 0; b < 2; b++) {
			for (int c = 0; c < 3; c++) {
				for (int i = 0; i < 8; i++) {
					tiles[b][c][i] = 1000 * b + 100 * c + 10 * (i / 4) + i % 4;
				}
			}
		}
		return tiles;
	}

	private static void assertRoundTrip(TensorLayout layout, float[][][] tiles, float[] data) {
		float[][][] back = layout.fromTensor(data, layout.shape(tiles.length, tiles[0].length, 2,
			4));
		for (int b = 0; b < tiles.length; b++) {
			for (int c = 0; c < tiles[b].length; c++) {
				assertArrayEquals(tiles[b][c], back[b][c], "tile " + b + ", channel " + c);
			}
		}
	}

	/** Checks that a view of {@code data} reads every value of {@code tiles} in place. */
	private static void assertViewReads(TensorLayout layout, float[][][] tiles, float[] data) {
		OutputTiles view = layout.view(data, layout.shape(tiles.length, tiles[0].length, 2, 4));
		assertEquals(tiles.length, view.batchSize());
		assertEquals(tiles[0].length, view.channelCount());
		for (int b = 0; b < tiles.length; b++) {
			for (int c = 0; c < tiles[b].length; c++) {
				for (int i = 0; i < 8; i++) {
					assertEquals(tiles[b][c][i], view.get(b, c, i / 4, i % 4), "tile " + b +
						", channel " + c + ", pixel " + i);
				}
			}
		}
	}

	@Test
	void channelsFirstKeepsRowsTogether() {
		TensorLayout layout = layout(BATCH, CHANNEL, Y, X);
		float[][][] tiles = tiles();

		float[] data = layout.toTensor(tiles, 2, 4);

		assertEquals(1213, data[((1 * 3 + 2) * 2 + 1) * 4 + 3], "batch 1, channel 2, y 1, x 3");
		assertEquals(102, data[(0 * 3 + 1) * 8 + 2], "batch 0, channel 1, y 0, x 2");
		assertRoundTrip(layout, tiles, data);
		assertViewReads(layout, tiles, data);
	}

	@Test
	void channelsLastInterleavesChannels() {
		TensorLayout layout = layout(BATCH, Y, X, CHANNEL);
		float[][][] tiles = tiles();

		float[] data = layout.toTensor(tiles, 2, 4);

		assertEquals(1213, data[((1 * 2 + 1) * 4 + 3) * 3 + 2], "batch 1, y 1, x 3, channel 2");
		assertEquals(102, data[(0 * 4 + 2) * 3 + 1], "batch 0, y 0, x 2, channel 1");
		assertRoundTrip(layout, tiles, data);
		assertViewReads(layout, tiles, data);
	}

	@Test
	void channelBetweenSpaceAxesIsStrided() {
		TensorLayout layout = layout(BATCH, Y, CHANNEL, X);
		float[][][] tiles = tiles();

		float[] data = layout.toTensor(tiles, 2, 4);

		assertEquals(1213, data[((1 * 2 + 1) * 3 + 2) * 4 + 3], "batch 1, y 1, channel 2, x 3");
		assertRoundTrip(layout, tiles, data);
		assertViewReads(layout, tiles, data);
	}

	@Test
	void xBeforeYIsStrided() {
		TensorLayout layout = layout(BATCH, CHANNEL, X, Y);
		float[][][] tiles = tiles();

		float[] data = layout.toTensor(tiles, 2, 4);

		assertEquals(1213, data[((1 * 3 + 2) * 4 + 3) * 2 + 1], "batch 1, channel 2, x 3, y 1");
		assertRoundTrip(layout, tiles, data);
		assertViewReads(layout, tiles, data);
	}

	@Test
	void tensorWithoutBatchOrChannelHoldsOnePlane() {
		TensorLayout layout = layout(Y, X);
		float[][][] tile = { { { 0, 1, 2, 3, 10, 11, 12, 13 } } };

		float[] data = layout.toTensor(tile, 2, 4);

		assertArrayEquals(tile[0][0], data);
		assertRoundTrip(layout, tile, data);
		assertViewReads(layout, tile, data);
	}
}
