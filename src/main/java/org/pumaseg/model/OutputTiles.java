package org.pumaseg.model;

/**
 * One output of a model for a batch of tiles, read in place: the values of tile {@code b},
 * channel {@code c} start at {@link #start start(b, c)} in {@link #array array(b, c)}, and
 * neighbouring rows and columns lie {@link #rowStride} and {@link #columnStride} elements
 * apart. The values either stay in the engine's tensor layout (for example
 * {@code batch, y, x, channel}), so a consumer that only reads part of each tile skips
 * unpacking the whole tensor, or lie in one row-major plane per tile and channel.
 */
public final class OutputTiles {

	private final float[][] arrays;
	private final int[] starts;
	private final int channels;
	private final int height;
	private final int width;
	private final int rowStride;
	private final int columnStride;

	private OutputTiles(float[][] arrays, int[] starts, int channels, int height, int width,
		int rowStride, int columnStride)
	{
		this.arrays = arrays;
		this.starts = starts;
		this.channels = channels;
		this.height = height;
		this.width = width;
		this.rowStride = rowStride;
		this.columnStride = columnStride;
	}

	/**
	 * Wraps one tensor in C order with the given strides of batch, channel, y and x, in
	 * elements (0 for an axis the tensor does not have).
	 */
	static OutputTiles ofTensor(float[] data, int batch, int channels, int height, int width,
		long[] strides)
	{
		float[][] arrays = new float[batch * channels][];
		int[] starts = new int[batch * channels];
		for (int b = 0; b < batch; b++) {
			for (int c = 0; c < channels; c++) {
				arrays[b * channels + c] = data;
				starts[b * channels + c] = Math.toIntExact(b * strides[0] + c * strides[1]);
			}
		}
		return new OutputTiles(arrays, starts, channels, height, width, Math.toIntExact(
			strides[2]), Math.toIntExact(strides[3]));
	}

	/** Wraps tiles as {@code tiles[b][c][y * width + x]}. */
	public static OutputTiles ofPlanes(float[][][] tiles, int height, int width) {
		int batch = tiles.length;
		int channels = batch == 0 ? 0 : tiles[0].length;
		float[][] arrays = new float[batch * channels][];
		for (int b = 0; b < batch; b++) {
			for (int c = 0; c < channels; c++) {
				arrays[b * channels + c] = tiles[b][c];
			}
		}
		return new OutputTiles(arrays, new int[batch * channels], channels, height, width, width,
			1);
	}

	public int batchSize() {
		return channels == 0 ? 0 : arrays.length / channels;
	}

	public int channelCount() {
		return channels;
	}

	public int height() {
		return height;
	}

	public int width() {
		return width;
	}

	/** Returns the array that contains the values of tile {@code b}, channel {@code c}. */
	public float[] array(int b, int c) {
		return arrays[b * channels + c];
	}

	/** Returns the index in {@link #array} of pixel (0, 0) of tile {@code b}, channel {@code c}. */
	public int start(int b, int c) {
		return starts[b * channels + c];
	}

	/** Returns the distance, in array elements, from a pixel to the one below it. */
	public int rowStride() {
		return rowStride;
	}

	/** Returns the distance, in array elements, from a pixel to the one right of it. */
	public int columnStride() {
		return columnStride;
	}

	/** Returns the value of tile {@code b}, channel {@code c} at row {@code y}, column {@code x}. */
	public float get(int b, int c, int y, int x) {
		return array(b, c)[start(b, c) + y * rowStride + x * columnStride];
	}
}
