package org.pumaseg.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Moves tiles between PumaSeg's layout (per tile, one row-major {@code y, x} plane per
 * channel) and the layout of a model tensor, whose dimensions follow the axes declared in
 * rdf.yaml (e.g. {@code batch, channel, y, x} or {@code batch, y, x, channel}). A tensor
 * without a batch axis holds one tile; one without a channel axis holds one channel.
 */
public final class TensorLayout {

	private final String tensorId;
	private final List<Axis> axes;

	public TensorLayout(TensorDescription tensor) {
		this.tensorId = tensor.id();
		this.axes = tensor.axes();
	}

	/** True when the tensor has a batch axis that allows more than one tile per call. */
	public boolean takesBatches() {
		return axes.stream().anyMatch(axis -> axis instanceof Axis.Batch && !((Axis.Batch) axis)
			.sizeFixedToOne());
	}

	/** The tensor shape, in the declared axis order, for these sizes. */
	public long[] shape(int batch, int channels, int height, int width) {
		long[] shape = new long[axes.size()];
		for (int a = 0; a < shape.length; a++) {
			shape[a] = size(axes.get(a), batch, channels, height, width);
		}
		return shape;
	}

	/** Packs {@code tiles[b][c][y * width + x]} into one tensor in the declared order. */
	public float[] toTensor(float[][][] tiles, int height, int width) {
		int batch = tiles.length;
		int channels = tiles[0].length;
		if (batch > 1 && !hasAxis(Axis.Batch.class)) {
			throw new IllegalArgumentException("Tensor '" + tensorId + "' has no batch axis, so " +
				"it holds one tile, not " + batch + ".");
		}
		long[] strides = canonicalStrides(shape(batch, channels, height, width));
		float[] data = new float[Math.toIntExact((long) batch * channels * height * width)];
		for (int b = 0; b < batch; b++) {
			copy(tiles[b], data, strides, b, height, width, true);
		}
		return data;
	}

	/**
	 * Copies one tile between its planes and a tensor, in the direction {@code toTensor}
	 * gives. Rows that are contiguous in the tensor are copied whole, and indices are ints
	 * (the tensor is one Java array), because this runs on every tile of an image.
	 */
	private static void copy(float[][] planes, float[] data, long[] strides, int b, int height,
		int width, boolean toTensor)
	{
		int channels = planes.length;
		int channelStride = (int) strides[1];
		int rowStride = (int) strides[2];
		int columnStride = (int) strides[3];
		int tileStart = (int) (b * strides[0]);
		// Rows outermost, so a channels-last tensor is filled one cached row at a time.
		for (int y = 0; y < height; y++) {
			for (int c = 0; c < channels; c++) {
				float[] plane = planes[c];
				int row = tileStart + c * channelStride + y * rowStride;
				int pixel = y * width;
				if (columnStride == 1) {
					if (toTensor) {
						System.arraycopy(plane, pixel, data, row, width);
					}
					else {
						System.arraycopy(data, row, plane, pixel, width);
					}
					continue;
				}
				if (toTensor) {
					for (int x = 0; x < width; x++) {
						data[row + x * columnStride] = plane[pixel + x];
					}
				}
				else {
					for (int x = 0; x < width; x++) {
						plane[pixel + x] = data[row + x * columnStride];
					}
				}
			}
		}
	}

	/**
	 * Unpacks a tensor of {@code shape} (declared order) into {@code [b][c][y * width + x]}.
	 *
	 * @throws IllegalStateException when the shape does not fit the declared axes
	 */
	public float[][][] fromTensor(float[] data, long[] shape) {
		checkRank(shape);
		int batch = (int) dimension(shape, Axis.Batch.class, 1);
		int channels = (int) dimension(shape, Axis.Channel.class, 1);
		int height = (int) spaceDimension(shape, "y");
		int width = (int) spaceDimension(shape, "x");
		long[] strides = canonicalStrides(shape);
		float[][][] tiles = new float[batch][channels][height * width];
		for (int b = 0; b < batch; b++) {
			copy(tiles[b], data, strides, b, height, width, false);
		}
		return tiles;
	}

	/**
	 * Returns a view of a tensor of {@code shape} (declared order) that reads the tiles in
	 * place, without unpacking them.
	 *
	 * @throws IllegalStateException when the shape does not fit the declared axes
	 */
	public OutputTiles view(float[] data, long[] shape) {
		checkRank(shape);
		return OutputTiles.ofTensor(data, (int) dimension(shape, Axis.Batch.class, 1),
			(int) dimension(shape, Axis.Channel.class, 1), (int) spaceDimension(shape, "y"),
			(int) spaceDimension(shape, "x"), canonicalStrides(shape));
	}

	private void checkRank(long[] shape) {
		if (shape.length != axes.size()) {
			throw new IllegalStateException("Tensor '" + tensorId + "' came back with shape " +
				Arrays.toString(shape) + ", but rdf.yaml declares " + axes.size() + " axes " +
				axisIds() + ".");
		}
	}

	/** Height and width of a tensor of {@code shape}, in pixels. */
	public int[] spatialSize(long[] shape) {
		return new int[] { (int) spaceDimension(shape, "y"), (int) spaceDimension(shape, "x") };
	}

	/** Strides of batch, channel, y and x in a C-ordered tensor of {@code shape}. */
	private long[] canonicalStrides(long[] shape) {
		long[] declared = new long[shape.length];
		long stride = 1;
		for (int a = shape.length - 1; a >= 0; a--) {
			declared[a] = stride;
			stride *= shape[a];
		}
		long[] strides = new long[4];
		for (int a = 0; a < axes.size(); a++) {
			Axis axis = axes.get(a);
			if (axis instanceof Axis.Batch) {
				strides[0] = declared[a];
			}
			else if (axis instanceof Axis.Channel) {
				strides[1] = declared[a];
			}
			else if (axis.id().equals("y")) {
				strides[2] = declared[a];
			}
			else if (axis.id().equals("x")) {
				strides[3] = declared[a];
			}
		}
		return strides;
	}

	private long dimension(long[] shape, Class<? extends Axis> type, long absent) {
		for (int a = 0; a < axes.size(); a++) {
			if (type.isInstance(axes.get(a))) {
				return shape[a];
			}
		}
		return absent;
	}

	private long spaceDimension(long[] shape, String id) {
		for (int a = 0; a < axes.size(); a++) {
			if (axes.get(a) instanceof Axis.Space && axes.get(a).id().equals(id)) {
				return shape[a];
			}
		}
		throw new IllegalStateException("Tensor '" + tensorId + "' has no space axis '" + id +
			"'.");
	}

	private boolean hasAxis(Class<? extends Axis> type) {
		return axes.stream().anyMatch(type::isInstance);
	}

	private static long size(Axis axis, int batch, int channels, int height, int width) {
		if (axis instanceof Axis.Batch) {
			return batch;
		}
		if (axis instanceof Axis.Channel) {
			return channels;
		}
		return axis.id().equals("y") ? height : width;
	}

	private String axisIds() {
		List<String> ids = new ArrayList<>();
		axes.forEach(axis -> ids.add(axis.id()));
		return "(" + String.join(", ", ids) + ")";
	}
}
