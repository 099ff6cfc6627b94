package org.pumaseg.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.tensorflow.Graph;
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
}
