package org.pumaseg.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Builds small TensorFlow SavedModels with the TF Java graph API, so that tests run the real
 * runtime on models whose outputs are known exactly.
 */
public final class TinySavedModels {

	/** Per-channel weights of the 1x1 convolution of {@link #affineAndWeighted(Path)}. */
	public static final float[] CHANNEL_WEIGHTS = { 0.5f, 0.25f, 0.125f };

	private TinySavedModels() {}

	/**
	 * Writes a model with one input {@code image} (NHWC float, 3 channels, any batch and size)
	 * and two outputs: {@code scaled} = 2 * image + 1, and {@code weighted}, a 1x1 convolution
	 * with {@link #CHANNEL_WEIGHTS} giving one channel.
	 */
	public static Path affineAndWeighted(Path folder) throws IOException {
		TensorFlowRuntime.start();
		try (Graph graph = new Graph()) {
			Ops tf = Ops.create(graph);
			Placeholder<TFloat32> image = tf.withName("image").placeholder(TFloat32.class,
				Placeholder.shape(Shape.of(-1, -1, -1, 3)));
			var scaled = tf.withName("scaled").math.add(tf.math.mul(image, tf.constant(2f)), tf
				.constant(1f));
			float[][][][] kernel = new float[1][1][3][1];
			for (int c = 0; c < 3; c++) {
				kernel[0][0][c][0] = CHANNEL_WEIGHTS[c];
			}
			var weighted = tf.withName("weighted").nn.conv2d(image, tf.constant(kernel), List.of(1L,
				1L, 1L, 1L), "SAME");

			try (Session session = new Session(graph)) {
				Signature signature = Signature.builder().key("serving_default").input("image",
					image).output("scaled", scaled).output("weighted", weighted).build();
				SavedModelBundle.exporter(folder.toString()).withSession(session).withSignature(
					signature).export();
			}
		}
		return folder;
	}

	/**
	 * Writes a stack of 2-D convolutions ("SAME" zero padding, stride 1, no bias, no
	 * activation) with input {@code image} and output {@code maps}.
	 *
	 * @param kernels per layer {@code [height][width][in channels][out channels]}, odd sizes;
	 *          the first layer takes 3 channels
	 * @param channelsFirst true for an input and output laid out (batch, channel, y, x), false
	 *          for (batch, y, x, channel)
	 */
	public static Path convolutions(Path folder, List<float[][][][]> kernels,
		boolean channelsFirst) throws IOException
	{
		TensorFlowRuntime.start();
		try (Graph graph = new Graph()) {
			Ops tf = Ops.create(graph);
			Shape shape = channelsFirst ? Shape.of(-1, 3, -1, -1) : Shape.of(-1, -1, -1, 3);
			Placeholder<TFloat32> image = tf.withName("image").placeholder(TFloat32.class,
				Placeholder.shape(shape));
			Operand<TFloat32> current = image;
			if (channelsFirst) {
				current = tf.linalg.transpose(current, tf.constant(new int[] { 0, 2, 3, 1 }));
			}
			for (float[][][][] kernel : kernels) {
				current = tf.nn.conv2d(current, tf.constant(kernel), List.of(1L, 1L, 1L, 1L), "SAME");
			}
			if (channelsFirst) {
				current = tf.linalg.transpose(current, tf.constant(new int[] { 0, 3, 1, 2 }));
			}
			Operand<TFloat32> maps = tf.withName("maps").identity(current);
			export(folder, graph, image, maps);
		}
		return folder;
	}

	/**
	 * Writes a model (batch, y, x, channel) whose one output channel {@code maps} is
	 * sqrt(limit - red): NaN wherever the red input exceeds {@code limit}.
	 */
	public static Path nanAboveLimit(Path folder, float limit) throws IOException {
		TensorFlowRuntime.start();
		try (Graph graph = new Graph()) {
			Ops tf = Ops.create(graph);
			Placeholder<TFloat32> image = tf.withName("image").placeholder(TFloat32.class,
				Placeholder.shape(Shape.of(-1, -1, -1, 3)));
			float[][][][] red = { { { { 1 }, { 0 }, { 0 } } } };
			var redChannel = tf.nn.conv2d(image, tf.constant(red), List.of(1L, 1L, 1L, 1L), "SAME");
			Operand<TFloat32> maps = tf.withName("maps").math.sqrt(tf.math.sub(tf.constant(limit),
				redChannel));
			export(folder, graph, image, maps);
		}
		return folder;
	}

	/**
	 * Writes a per-pixel model with input {@code image} (batch, y, x, channel; 3 channels) and
	 * one output per entry of {@code outputs}, in the same layout: at each pixel, the image
	 * channels times rows 0 to 2 of the entry plus its row 3 as bias, so an entry of
	 * {@code [4][n]} gives n output channels.
	 */
	public static Path pixelAffine(Path folder, Map<String, float[][]> outputs)
		throws IOException
	{
		TensorFlowRuntime.start();
		try (Graph graph = new Graph()) {
			Ops tf = Ops.create(graph);
			Placeholder<TFloat32> image = tf.withName("image").placeholder(TFloat32.class,
				Placeholder.shape(Shape.of(-1, -1, -1, 3)));
			Signature.Builder signature = Signature.builder().key("serving_default").input("image",
				image);
			for (Map.Entry<String, float[][]> output : outputs.entrySet()) {
				float[][] rows = output.getValue();
				float[][][][] kernel = new float[1][1][3][];
				for (int c = 0; c < 3; c++) {
					kernel[0][0][c] = rows[c].clone();
				}
				var product = tf.nn.conv2d(image, tf.constant(kernel), List.of(1L, 1L, 1L, 1L),
					"SAME");
				signature.output(output.getKey(), tf.withName(output.getKey()).math.add(product, tf
					.constant(rows[3])));
			}
			try (Session session = new Session(graph)) {
				SavedModelBundle.exporter(folder.toString()).withSession(session).withSignature(
					signature.build()).export();
			}
		}
		return folder;
	}

	private static void export(Path folder, Graph graph, Placeholder<TFloat32> image,
		Operand<TFloat32> maps) throws IOException
	{
		try (Session session = new Session(graph)) {
			Signature signature = Signature.builder().key("serving_default").input("image", image)
				.output("maps", maps).build();
			SavedModelBundle.exporter(folder.toString()).withSession(session).withSignature(
				signature).export();
		}
	}

	/** A kernel of {@code size x size} with every weight {@code value}. */
	public static float[][][][] uniformKernel(int size, int in, int out, float value) {
		float[][][][] kernel = new float[size][size][in][out];
		for (float[][][] row : kernel) {
			for (float[][] column : row) {
				for (float[] weights : column) {
					java.util.Arrays.fill(weights, value);
				}
			}
		}
		return kernel;
	}

	/** A kernel of {@code size x size} with uniform random weights in [-1, 1). */
	public static float[][][][] randomKernel(int size, int in, int out, long seed) {
		java.util.Random random = new java.util.Random(seed);
		float[][][][] kernel = new float[size][size][in][out];
		for (float[][][] row : kernel) {
			for (float[][] column : row) {
				for (float[] weights : column) {
					for (int o = 0; o < out; o++) {
						weights[o] = 2 * random.nextFloat() - 1;
					}
				}
			}
		}
		return kernel;
	}
}
