package org.pumaseg.train;

import java.util.ArrayList;
import java.util.List;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Concat;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Builds the forward pass of the U-Net of a {@link NetworkConfig} into a TensorFlow graph.
 * The parameters come from outside: placeholders while training (the optimiser keeps them in
 * Java) and constants in the exported inference graph. Tensors are NHWC float32.
 */
final class UNet {

	/** The raw head outputs (logits); a head the network lacks is null. */
	record Heads(Operand<TFloat32> foregroundLogits, Operand<TFloat32> distanceLogits,
		Operand<TFloat32> nucleusClassLogits, Operand<TFloat32> tissueClassLogits)
	{}

	private static final List<Long> UNIT_STRIDES = List.of(1L, 1L, 1L, 1L);

	private UNet() {}

	/**
	 * Adds the network for {@code image} (NHWC, RGB in [0, 1]) to {@code tf}'s graph, taking
	 * parameter i of {@link NetworkConfig#parameters()} from {@code parameters.get(i)}.
	 */
	static Heads build(Ops tf, NetworkConfig config, Operand<TFloat32> image,
		List<? extends Operand<TFloat32>> parameters)
	{
		Cursor cursor = new Cursor(parameters);
		List<Operand<TFloat32>> skips = new ArrayList<>();
		Operand<TFloat32> x = image;
		for (int level = 0; level < config.depth(); level++) {
			Ops scope = tf.withSubScope("enc" + level);
			x = convRelu(scope.withSubScope("conv1"), x, cursor);
			x = convRelu(scope.withSubScope("conv2"), x, cursor);
			skips.add(x);
			if (level < config.depth() - 1) {
				x = scope.withName("pool").nn.maxPool(x, scope.constant(new int[] { 1, 2, 2, 1 }),
					scope.constant(new int[] { 1, 2, 2, 1 }), "VALID");
			}
		}
		for (int level = config.depth() - 2; level >= 0; level--) {
			Ops scope = tf.withSubScope("dec" + level);
			Operand<TFloat32> skip = skips.get(level);
			Operand<TInt32> size = scope.slice(scope.shape(skip), scope.constant(new int[] { 1 }),
				scope.constant(new int[] { 2 }));
			Operand<TFloat32> up = scope.withName("up").image.resizeNearestNeighbor(x, size);
			x = scope.withName("concat").concat(List.of(up, skip), scope.constant(3));
			x = convRelu(scope.withSubScope("conv1"), x, cursor);
			x = convRelu(scope.withSubScope("conv2"), x, cursor);
		}

		Ops heads = tf.withSubScope("head");
		Operand<TFloat32> foreground = null;
		Operand<TFloat32> distance = null;
		Operand<TFloat32> nucleusClass = null;
		Operand<TFloat32> tissueClass = null;
		if (config.nucleiMaps()) {
			foreground = conv(heads.withSubScope("foreground"), x, cursor);
			distance = conv(heads.withSubScope("distance"), x, cursor);
		}
		if (config.nucleusClasses() > 0) {
			nucleusClass = conv(heads.withSubScope("nucleus_class"), x, cursor);
		}
		if (config.tissueClasses() > 0) {
			tissueClass = conv(heads.withSubScope("tissue_class"), x, cursor);
		}
		cursor.checkAllUsed();
		return new Heads(foreground, distance, nucleusClass, tissueClass);
	}

	private static Operand<TFloat32> convRelu(Ops tf, Operand<TFloat32> x, Cursor cursor) {
		return tf.withName("relu").nn.relu(conv(tf, x, cursor));
	}

	private static Operand<TFloat32> conv(Ops tf, Operand<TFloat32> x, Cursor cursor) {
		Operand<TFloat32> weight = cursor.next();
		Operand<TFloat32> bias = cursor.next();
		Operand<TFloat32> convolved = tf.withName("conv").nn.conv2d(x, weight, UNIT_STRIDES,
			"SAME");
		return tf.withName("bias").nn.biasAdd(convolved, bias);
	}

	/** Hands out the parameters in build order. */
	private static final class Cursor {

		private final List<? extends Operand<TFloat32>> parameters;
		private int next;

		Cursor(List<? extends Operand<TFloat32>> parameters) {
			this.parameters = parameters;
		}

		Operand<TFloat32> next() {
			return parameters.get(next++);
		}

		void checkAllUsed() {
			if (next != parameters.size()) {
				throw new IllegalStateException("Built a network with " + next +
					" parameters, but " + parameters.size() + " were given.");
			}
		}
	}
}
