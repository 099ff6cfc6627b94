package org.pumaseg.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.pumaseg.model.TensorFlowRuntime;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Sum;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The training graph: the U-Net with its parameters as placeholders, the losses and their
 * gradients with respect to every parameter. The optimiser ({@link Adam}) runs in Java, so the
 * graph keeps no state and one step is: feed parameters and batch, fetch loss and gradients.
 * <p>
 * Losses, after HoVer-Net (Graham et al., Medical Image Analysis 58, 2019):
 * <ul>
 * <li>foreground: binary cross-entropy on the logits + soft Dice loss (1 - Dice of the
 * sigmoid, smoothed by 1 pixel);</li>
 * <li>distance maps: mean squared error of tanh(logits) over all pixels + 2 x mean squared
 * error of their Sobel x/y derivatives inside nuclei (the gradient loss);</li>
 * <li>classes: cross-entropy of the softmax, each pixel weighted by its class weight and 0
 * where the class is unknown, divided by the weight sum.</li>
 * </ul>
 * The total loss is the sum of the terms the network has.
 */
final class TrainingGraph implements AutoCloseable {

	static final double GRADIENT_LOSS_WEIGHT = 2;

	private final NetworkConfig config;
	private final Graph graph;
	private final Session session;
	private final List<Placeholder<TFloat32>> parameters = new ArrayList<>();
	private final Placeholder<TFloat32> image;
	private Placeholder<TFloat32> foregroundTarget;
	private Placeholder<TFloat32> distanceTarget;
	private Placeholder<TInt32> nucleusClassTarget;
	private Placeholder<TFloat32> nucleusWeight;
	private Placeholder<TInt32> tissueClassTarget;
	private Placeholder<TFloat32> tissueWeight;
	private final Map<String, Operand<TFloat32>> lossTerms = new LinkedHashMap<>();
	private final Operand<TFloat32> totalLoss;
	private final List<Output<?>> gradients;
	private final UNet.Heads heads;
	private final Prediction prediction;

	/** Output maps of the network; absent heads are null. */
	record Prediction(Operand<TFloat32> foreground, Operand<TFloat32> distance,
		Operand<TFloat32> nucleusClass, Operand<TFloat32> tissueClass)
	{}

	TrainingGraph(NetworkConfig config) {
		TensorFlowRuntime.start();
		this.config = config;
		this.graph = new Graph();
		Ops tf = Ops.create(graph);

		Ops params = tf.withSubScope("params");
		List<NetworkConfig.ParameterSpec> specs = config.parameters();
		for (int i = 0; i < specs.size(); i++) {
			parameters.add(params.withName("p" + i).placeholder(TFloat32.class, Placeholder.shape(
				shapeOf(specs.get(i).shape()))));
		}
		image = tf.withName("image").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1,
			-1, -1, 3)));
		heads = UNet.build(tf.withSubScope("net"), config, image, parameters);

		Ops loss = tf.withSubScope("loss");
		Operand<TFloat32> foregroundProbability = null;
		Operand<TFloat32> distance = null;
		Operand<TFloat32> nucleusProbabilities = null;
		Operand<TFloat32> tissueProbabilities = null;
		if (config.nucleiMaps()) {
			foregroundTarget = tf.withName("foreground_target").placeholder(TFloat32.class);
			distanceTarget = tf.withName("distance_target").placeholder(TFloat32.class);
			foregroundProbability = loss.math.sigmoid(heads.foregroundLogits());
			distance = loss.math.tanh(heads.distanceLogits());
			addForegroundLosses(loss.withSubScope("foreground"), foregroundProbability);
			addDistanceLosses(loss.withSubScope("distance"), distance);
		}
		if (config.nucleusClasses() > 0) {
			nucleusClassTarget = tf.withName("nucleus_class_target").placeholder(TInt32.class);
			nucleusWeight = tf.withName("nucleus_class_weight").placeholder(TFloat32.class);
			nucleusProbabilities = loss.nn.softmax(heads.nucleusClassLogits());
			lossTerms.put("nucleus_class_ce", classLoss(loss.withSubScope("nucleus_class"), heads
				.nucleusClassLogits(), nucleusClassTarget, nucleusWeight, config
					.nucleusClasses()));
		}
		if (config.tissueClasses() > 0) {
			tissueClassTarget = tf.withName("tissue_class_target").placeholder(TInt32.class);
			tissueWeight = tf.withName("tissue_class_weight").placeholder(TFloat32.class);
			tissueProbabilities = loss.nn.softmax(heads.tissueClassLogits());
			lossTerms.put("tissue_class_ce", classLoss(loss.withSubScope("tissue_class"), heads
				.tissueClassLogits(), tissueClassTarget, tissueWeight, config.tissueClasses()));
		}
		prediction = new Prediction(foregroundProbability, distance, nucleusProbabilities,
			tissueProbabilities);

		Operand<TFloat32> total = null;
		for (Map.Entry<String, Operand<TFloat32>> term : lossTerms.entrySet()) {
			Operand<TFloat32> weighted = term.getKey().equals("distance_gradient_mse") ? loss.math
				.mul(term.getValue(), loss.constant((float) GRADIENT_LOSS_WEIGHT)) : term.getValue();
			total = total == null ? weighted : loss.math.add(total, weighted);
		}
		totalLoss = loss.withName("total").identity(total);
		gradients = tf.withSubScope("gradients").gradients(totalLoss, parameters).dy();
		session = new Session(graph);
	}

	private void addForegroundLosses(Ops tf, Operand<TFloat32> probability) {
		Operand<TFloat32> logits = heads.foregroundLogits();
		Operand<TFloat32> target = tf.reshape(foregroundTarget, tf.shape(logits));
		// Stable binary cross-entropy: max(z, 0) - z * y + log(1 + exp(-|z|)).
		Operand<TFloat32> crossEntropy = tf.math.add(tf.math.sub(tf.nn.relu(logits), tf.math.mul(
			logits, target)), tf.math.log1p(tf.math.exp(tf.math.neg(tf.math.abs(logits)))));
		lossTerms.put("foreground_bce", tf.withName("bce").math.mean(crossEntropy, allAxes(tf)));

		Operand<TFloat32> one = tf.constant(1f);
		Operand<TFloat32> intersection = tf.sum(tf.math.mul(probability, target), allAxes(tf));
		Operand<TFloat32> sizes = tf.math.add(tf.sum(probability, allAxes(tf)), tf.sum(target,
			allAxes(tf)));
		Operand<TFloat32> dice = tf.math.div(tf.math.add(tf.math.mul(tf.constant(2f),
			intersection), one), tf.math.add(sizes, one));
		lossTerms.put("foreground_dice", tf.withName("dice").math.sub(one, dice));
	}

	private void addDistanceLosses(Ops tf, Operand<TFloat32> distance) {
		Operand<TFloat32> target = tf.reshape(distanceTarget, tf.shape(distance));
		lossTerms.put("distance_mse", tf.withName("mse").math.mean(tf.math.square(tf.math.sub(
			distance, target)), allAxes(tf)));

		// Sobel derivative along x of the horizontal map and along y of the vertical map.
		float[][][][] sobel = new float[3][3][2][2];
		float[] smooth = { 1, 2, 1 };
		float[] derive = { -1, 0, 1 };
		for (int row = 0; row < 3; row++) {
			for (int column = 0; column < 3; column++) {
				sobel[row][column][0][0] = smooth[row] * derive[column];
				sobel[row][column][1][1] = derive[row] * smooth[column];
			}
		}
		Operand<TFloat32> kernel = tf.constant(sobel);
		List<Long> strides = List.of(1L, 1L, 1L, 1L);
		Operand<TFloat32> predicted = tf.nn.conv2d(distance, kernel, strides, "SAME");
		Operand<TFloat32> expected = tf.nn.conv2d(target, kernel, strides, "SAME");
		Operand<TFloat32> mask = tf.reshape(foregroundTarget, tf.shape(heads.foregroundLogits()));
		Operand<TFloat32> squared = tf.math.mul(tf.math.square(tf.math.sub(predicted, expected)),
			mask);
		Operand<TFloat32> maskedPixels = tf.math.maximum(tf.math.mul(tf.sum(mask, allAxes(tf)), tf
			.constant(2f)), tf.constant(1f));
		lossTerms.put("distance_gradient_mse", tf.withName("msge").math.div(tf.sum(squared,
			allAxes(tf)), maskedPixels));
	}

	private static Operand<TFloat32> classLoss(Ops tf, Operand<TFloat32> logits,
		Operand<TInt32> target, Operand<TFloat32> weight, int classes)
	{
		// One-hot of -1 (unknown) is all zeros, and its weight is 0 as well. The gradient of
		// LogSoftmax in TensorFlow's C++ registry sums over axis 1, so it is only right for
		// 2-D input: pixels become rows here.
		Operand<TInt32> rows = tf.constant(new int[] { -1, classes });
		Operand<TFloat32> oneHot = tf.reshape(tf.oneHot(target, tf.constant(classes), tf.constant(
			1f), tf.constant(0f)), rows);
		Operand<TFloat32> logProbabilities = tf.nn.logSoftmax(tf.reshape(logits, rows));
		Operand<TFloat32> perPixel = tf.math.neg(tf.sum(tf.math.mul(oneHot, logProbabilities), tf
			.constant(1), Sum.keepDims(false)));
		Operand<TFloat32> weights = tf.reshape(weight, tf.constant(new int[] { -1 }));
		Operand<TInt32> axes = tf.constant(new int[] { 0 });
		Operand<TFloat32> weightSum = tf.math.maximum(tf.sum(weights, axes), tf.constant(1e-6f));
		return tf.withName("ce").math.div(tf.sum(tf.math.mul(perPixel, weights), axes),
			weightSum);
	}

	/** Returns the axes of an NHWC tensor, for sums and means over all elements. */
	private static Operand<TInt32> allAxes(Ops tf) {
		return tf.constant(new int[] { 0, 1, 2, 3 });
	}

	NetworkConfig config() {
		return config;
	}

	/** Number of gradient outputs that exist; equals the parameter count when all layers learn. */
	int gradientCount() {
		int count = 0;
		for (Output<?> gradient : gradients) {
			if (gradient != null) {
				count++;
			}
		}
		return count;
	}

	/** Runs the batch forward and backward; returns the losses and fills {@code gradientsOut}. */
	LossValues step(float[][] parameterValues, Batch batch, float[][] gradientsOut) {
		List<Tensor> fed = new ArrayList<>();
		try {
			Session.Runner runner = feed(session.runner(), parameterValues, batch, fed);
			runner.fetch(totalLoss);
			lossTerms.values().forEach(runner::fetch);
			gradients.forEach(runner::fetch);
			try (Result result = runner.run()) {
				LossValues losses = losses(result);
				int first = 1 + lossTerms.size();
				for (int i = 0; i < gradients.size(); i++) {
					gradientsOut[i] = Tensors.read(result.get(first + i));
				}
				return losses;
			}
		}
		finally {
			fed.forEach(Tensor::close);
		}
	}

	/** Runs the batch forward only; returns the losses and the predicted maps. */
	Evaluation evaluate(float[][] parameterValues, Batch batch) {
		List<Tensor> fed = new ArrayList<>();
		try {
			Session.Runner runner = feed(session.runner(), parameterValues, batch, fed);
			runner.fetch(totalLoss);
			lossTerms.values().forEach(runner::fetch);
			List<Operand<TFloat32>> maps = new ArrayList<>();
			for (Operand<TFloat32> map : java.util.Arrays.asList(prediction.foreground(),
				prediction.distance(), prediction.nucleusClass(), prediction.tissueClass()))
			{
				if (map != null) {
					maps.add(map);
				}
			}
			maps.forEach(runner::fetch);
			try (Result result = runner.run()) {
				LossValues losses = losses(result);
				int index = 1 + lossTerms.size();
				float[] foreground = prediction.foreground() == null ? null : Tensors.read(result
					.get(index++));
				float[] distance = prediction.distance() == null ? null : Tensors.read(result.get(
					index++));
				float[] nucleusClass = prediction.nucleusClass() == null ? null : Tensors.read(result
					.get(index++));
				float[] tissueClass = prediction.tissueClass() == null ? null : Tensors.read(result
					.get(index));
				return new Evaluation(losses, foreground, distance, nucleusClass, tissueClass);
			}
		}
		finally {
			fed.forEach(Tensor::close);
		}
	}

	/** Losses and predicted maps (NHWC, probabilities and tanh distances) of one batch. */
	record Evaluation(LossValues losses, float[] foreground, float[] distance,
		float[] nucleusClass, float[] tissueClass)
	{}

	private LossValues losses(Result result) {
		double total = Tensors.scalar(result.get(0));
		Map<String, Double> terms = new LinkedHashMap<>();
		int index = 1;
		for (String name : lossTerms.keySet()) {
			terms.put(name, (double) Tensors.scalar(result.get(index++)));
		}
		return new LossValues(total, terms);
	}

	private Session.Runner feed(Session.Runner runner, float[][] parameterValues, Batch batch,
		List<Tensor> fed)
	{
		List<NetworkConfig.ParameterSpec> specs = config.parameters();
		for (int i = 0; i < parameters.size(); i++) {
			runner.feed(parameters.get(i), track(fed, Tensors.of(parameterValues[i], longs(specs
				.get(i).shape()))));
		}
		long n = batch.n();
		long h = batch.height();
		long w = batch.width();
		runner.feed(image, track(fed, Tensors.of(batch.image(), n, h, w, 3)));
		if (config.nucleiMaps()) {
			runner.feed(foregroundTarget, track(fed, Tensors.of(batch.foreground(), n, h, w, 1)));
			runner.feed(distanceTarget, track(fed, Tensors.of(batch.distance(), n, h, w, 2)));
		}
		if (config.nucleusClasses() > 0) {
			runner.feed(nucleusClassTarget, track(fed, ints(batch.nucleusClass(), n, h, w)));
			runner.feed(nucleusWeight, track(fed, Tensors.of(batch.nucleusWeight(), n, h, w)));
		}
		if (config.tissueClasses() > 0) {
			runner.feed(tissueClassTarget, track(fed, ints(batch.tissueClass(), n, h, w)));
			runner.feed(tissueWeight, track(fed, Tensors.of(batch.tissueWeight(), n, h, w)));
		}
		return runner;
	}

	private static <T extends Tensor> T track(List<Tensor> fed, T tensor) {
		fed.add(tensor);
		return tensor;
	}

	private static TInt32 ints(int[] values, long... shape) {
		return TInt32.tensorOf(Shape.of(shape), DataBuffers.of(values, true, false));
	}

	private static Shape shapeOf(int[] shape) {
		return Shape.of(longs(shape));
	}

	static long[] longs(int[] shape) {
		long[] longs = new long[shape.length];
		for (int i = 0; i < shape.length; i++) {
			longs[i] = shape[i];
		}
		return longs;
	}

	@Override
	public void close() {
		session.close();
		graph.close();
	}
}
