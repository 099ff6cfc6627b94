package org.pumaseg.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.pumaseg.InvalidInputException;

/**
 * The bioimage.io pre- or postprocessing of one tensor, turned into per-pixel operations on
 * channel planes ({@code planes[c][i]}).
 * <p>
 * Operations that need statistics ({@code zero_mean_unit_variance}, {@code scale_range}) get
 * them once, from the whole image, when the input processing is {@link #fitInput fitted}; after
 * that every operation is a fixed function of a pixel's channel values, so a tile is
 * processed exactly as the same pixels of the whole image would be. Statistics are never
 * taken per tile. Outputs are processed tile by tile, so output operations that would need
 * statistics of the whole output are rejected.
 */
public final class TensorProcessing {

	/**
	 * The pixels of an image in blocks of channel planes ({@code block[c][i]}). A source may
	 * reuse a block's arrays once the action returns, so actions must not keep them.
	 */
	@FunctionalInterface
	public interface BlockSource {
		void forEachBlock(Consumer<float[][]> action);
	}

	/** One per-pixel operation on channel planes, changed in place. */
	private interface Operation {
		void apply(float[][] planes);
	}

	/** Histogram bins for percentiles: 2^16 bins between the minimum and the maximum. */
	private static final int PERCENTILE_BINS = 1 << 16;
	private static final double DEFAULT_EPS = 1e-6;

	private final List<Operation> operations;
	private final List<String> steps;

	private TensorProcessing(List<Operation> operations, List<String> steps) {
		this.operations = List.copyOf(operations);
		this.steps = List.copyOf(steps);
	}

	/** Processing that changes nothing. */
	public static TensorProcessing none() {
		return new TensorProcessing(List.of(), List.of());
	}

	/**
	 * Fits the preprocessing of {@code input} to an image: statistics come from every pixel
	 * that {@code image} delivers, after the steps before them.
	 *
	 * @throws InvalidInputException for an operation or argument PumaSeg cannot apply
	 */
	public static TensorProcessing fitInput(InputTensor input, BlockSource image) {
		List<Operation> operations = new ArrayList<>();
		List<String> steps = new ArrayList<>();
		for (ProcessingStep step : input.preprocessing()) {
			String field = "input '" + input.id() + "', preprocessing '" + step.id() + "'";
			Operation operation;
			switch (step.id()) {
				case "zero_mean_unit_variance": {
					boolean joint = reducesChannels(input, step, field);
					Statistics statistics = collect(image, operations, joint, false);
					double eps = number(step.kwargs().get("eps"), DEFAULT_EPS);
					double[] mean = statistics.mean();
					double[] std = statistics.std();
					steps.add(String.format(Locale.ROOT, "zero_mean_unit_variance(mean=%s, std=%s)",
						format(mean), format(std)));
					operation = affine(divide(1, plus(std, eps)), times(mean, divide(-1, plus(std,
						eps))), joint);
					break;
				}
				case "scale_range": {
					Object reference = step.kwargs().get("reference_tensor");
					if (reference != null && !reference.equals(input.id())) {
						throw unsupported(field, "refers to tensor '" + reference + "'",
							"leave out reference_tensor.");
					}
					boolean joint = reducesChannels(input, step, field);
					Statistics statistics = collect(image, operations, joint, true);
					double low = number(step.kwargs().get("min_percentile"), 0);
					double high = number(step.kwargs().get("max_percentile"), 100);
					double eps = number(step.kwargs().get("eps"), DEFAULT_EPS);
					double[] lows = statistics.percentile(low);
					double[] highs = statistics.percentile(high);
					double[] gain = new double[lows.length];
					double[] offset = new double[lows.length];
					for (int g = 0; g < gain.length; g++) {
						gain[g] = 1 / (highs[g] - lows[g] + eps);
						offset[g] = -lows[g] * gain[g];
					}
					steps.add(String.format(Locale.ROOT, "scale_range(p%s=%s, p%s=%s)", low, format(
						lows), high, format(highs)));
					operation = affine(gain, offset, joint);
					break;
				}
				default:
					operation = elementwise(input, step, field);
					steps.add(step.id() + step.kwargs());
			}
			operations.add(operation);
		}
		return new TensorProcessing(operations, steps);
	}

	/**
	 * The postprocessing of {@code output}, applied tile by tile.
	 *
	 * @throws InvalidInputException for operations that need statistics of the whole output
	 */
	public static TensorProcessing forOutput(OutputTensor output) {
		List<Operation> operations = new ArrayList<>();
		List<String> steps = new ArrayList<>();
		for (ProcessingStep step : output.postprocessing()) {
			String field = "output '" + output.id() + "', postprocessing '" + step.id() + "'";
			if (List.of("zero_mean_unit_variance", "scale_range", "scale_mean_variance").contains(
				step.id()))
			{
				throw unsupported(field, "needs statistics of the whole output, which PumaSeg " +
					"does not hold in memory because it predicts tile by tile", "move this step " +
						"into the model, or replace it with fixed values (scale_linear).");
			}
			operations.add(elementwise(output, step, field));
			steps.add(step.id() + step.kwargs());
		}
		return new TensorProcessing(operations, steps);
	}

	/** Applies every operation, in order, to {@code planes[c][i]} in place. */
	public void apply(float[][] planes) {
		for (Operation operation : operations) {
			operation.apply(planes);
		}
	}

	public boolean isEmpty() {
		return operations.isEmpty();
	}

	/** The steps with the values fitted to the image, for logs. */
	@Override
	public String toString() {
		return steps.isEmpty() ? "none" : String.join(", ", steps);
	}

	// --- operations without statistics -------------------------------------------------

	private static Operation elementwise(TensorDescription tensor, ProcessingStep step,
		String field)
	{
		Map<String, Object> kwargs = step.kwargs();
		switch (step.id()) {
			case "scale_linear": {
				checkChannelAxis(tensor, kwargs.get("axis"), field);
				double[] gain = numbers(kwargs.get("gain"), 1, tensor, field);
				double[] offset = numbers(kwargs.get("offset"), 0, tensor, field);
				return affine(gain, offset, false);
			}
			case "fixed_zero_mean_unit_variance": {
				checkChannelAxis(tensor, kwargs.get("axis"), field);
				double[] mean = numbers(kwargs.get("mean"), 0, tensor, field);
				double[] std = numbers(kwargs.get("std"), 1, tensor, field);
				// NOTE: bioimage.io 0.5 divides by (std + 1e-6); the difference is below float
				// precision for any std above 1e-2.
				return affine(divide(1, plus(std, DEFAULT_EPS)), times(mean, divide(-1, plus(std,
					DEFAULT_EPS))), false);
			}
			case "clip": {
				float min = (float) number(kwargs.get("min"), Double.NEGATIVE_INFINITY);
				float max = (float) number(kwargs.get("max"), Double.POSITIVE_INFINITY);
				return planes -> forEachValue(planes, (c, v) -> Math.min(max, Math.max(min, v)));
			}
			case "binarize": {
				checkChannelAxis(tensor, kwargs.get("axis"), field);
				double[] threshold = numbers(kwargs.get("threshold"), 0.5, tensor, field);
				return planes -> forEachValue(planes, (c, v) -> v > threshold[Math.min(c,
					threshold.length - 1)] ? 1f : 0f);
			}
			case "ensure_dtype":
				// Values are floats here; an integer input type is applied when the tensor is built.
				return planes -> {};
			case "sigmoid":
				return planes -> forEachValue(planes, (c, v) -> (float) (1 / (1 + Math.exp(-v))));
			case "softmax": {
				checkChannelAxis(tensor, kwargs.get("axis"), field);
				return TensorProcessing::softmax;
			}
			default:
				throw unsupported(field, "is not an operation PumaSeg applies here",
					"use scale_linear, fixed_zero_mean_unit_variance, zero_mean_unit_variance, " +
						"scale_range, clip, binarize, sigmoid or softmax.");
		}
	}

	private interface ValueFunction {
		float apply(int channel, float value);
	}

	private static void forEachValue(float[][] planes, ValueFunction function) {
		for (int c = 0; c < planes.length; c++) {
			float[] plane = planes[c];
			for (int i = 0; i < plane.length; i++) {
				plane[i] = function.apply(c, plane[i]);
			}
		}
	}

	/** {@code v * gain + offset}, per channel (or one value for all channels). */
	private static Operation affine(double[] gain, double[] offset, boolean joint) {
		return planes -> {
			for (int c = 0; c < planes.length; c++) {
				int g = joint ? 0 : Math.min(c, gain.length - 1);
				int o = joint ? 0 : Math.min(c, offset.length - 1);
				float scale = (float) gain[g];
				float shift = (float) offset[o];
				float[] plane = planes[c];
				for (int i = 0; i < plane.length; i++) {
					plane[i] = plane[i] * scale + shift;
				}
			}
		};
	}

	/** Softmax over the channels at each pixel, shifted by the maximum for stability. */
	private static void softmax(float[][] planes) {
		int pixels = planes[0].length;
		for (int i = 0; i < pixels; i++) {
			float max = Float.NEGATIVE_INFINITY;
			for (float[] plane : planes) {
				max = Math.max(max, plane[i]);
			}
			double sum = 0;
			for (float[] plane : planes) {
				sum += Math.exp(plane[i] - max);
			}
			for (float[] plane : planes) {
				plane[i] = (float) (Math.exp(plane[i] - max) / sum);
			}
		}
	}

	// --- statistics --------------------------------------------------------------------

	/**
	 * True when the step reduces over channels too (one mean for all), false for per-channel
	 * statistics. Without {@code axes} bioimage.io reduces over every axis.
	 */
	private static boolean reducesChannels(InputTensor input, ProcessingStep step, String field) {
		Object axes = step.kwargs().get("axes");
		if (axes == null) {
			return true;
		}
		List<?> ids = (List<?>) axes;
		if (!ids.contains("y") || !ids.contains("x")) {
			throw unsupported(field, "takes statistics over axes " + ids + ", not over the " +
				"whole image", "include both y and x in 'axes'.");
		}
		return input.channelAxis().map(channel -> ids.contains(channel.id())).orElse(true);
	}

	/** Statistics of the image after {@code before}, per channel or over all channels. */
	private static Statistics collect(BlockSource image, List<Operation> before, boolean joint,
		boolean percentiles)
	{
		Statistics statistics = new Statistics(joint);
		image.forEachBlock(block -> statistics.addMoments(processed(block, before)));
		if (percentiles) {
			statistics.startHistograms();
			image.forEachBlock(block -> statistics.addHistogram(processed(block, before)));
		}
		return statistics;
	}

	private static float[][] processed(float[][] block, List<Operation> operations) {
		if (operations.isEmpty()) {
			return block;
		}
		float[][] copy = new float[block.length][];
		for (int c = 0; c < block.length; c++) {
			copy[c] = block[c].clone();
		}
		for (Operation operation : operations) {
			operation.apply(copy);
		}
		return copy;
	}

	/**
	 * Mean, standard deviation (numpy's, with ddof 0) and percentiles of groups of values
	 * (one group per channel, or one for all). Means and variances are merged block by block
	 * (Chan et al.), so large images keep double precision. Percentiles use linear
	 * interpolation between order statistics (numpy's default); the order statistics come from
	 * a histogram that records the smallest value in each bin, which is exact while each bin
	 * holds one distinct value (always for 8-bit images) and within 1/65536 of the value
	 * range otherwise.
	 */
	private static final class Statistics {

		private final boolean joint;
		private long[] count;
		private double[] mean;
		private double[] m2;
		private double[] min;
		private double[] max;
		private long[][] histogram;
		private float[][] binMinimum;

		Statistics(boolean joint) {
			this.joint = joint;
		}

		private int groups(float[][] block) {
			return joint ? 1 : block.length;
		}

		void addMoments(float[][] block) {
			if (count == null) {
				int groups = groups(block);
				count = new long[groups];
				mean = new double[groups];
				m2 = new double[groups];
				min = new double[groups];
				max = new double[groups];
				java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
				java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
			}
			for (int c = 0; c < block.length; c++) {
				int g = joint ? 0 : c;
				float[] plane = block[c];
				if (plane.length == 0) {
					continue;
				}
				double[] sumMinMax = sumMinMax(plane);
				min[g] = Math.min(min[g], sumMinMax[1]);
				max[g] = Math.max(max[g], sumMinMax[2]);
				double blockMean = sumMinMax[0] / plane.length;
				double blockM2 = squaredDeviations(plane, blockMean);
				long total = count[g] + plane.length;
				double delta = blockMean - mean[g];
				mean[g] += delta * plane.length / total;
				m2[g] += blockM2 + delta * delta * count[g] * plane.length / total;
				count[g] = total;
			}
		}

		/**
		 * Returns the sum, minimum and maximum of a non-empty plane. Four interleaved partial
		 * sums let the additions overlap, because this loop reads every pixel of the image
		 * and a single running sum would wait on each addition in turn.
		 */
		private static double[] sumMinMax(float[] plane) {
			double sum0 = 0;
			double sum1 = 0;
			double sum2 = 0;
			double sum3 = 0;
			float low = plane[0];
			float high = plane[0];
			int i = 0;
			for (; i + 4 <= plane.length; i += 4) {
				float a = plane[i];
				float b = plane[i + 1];
				float c = plane[i + 2];
				float d = plane[i + 3];
				sum0 += a;
				sum1 += b;
				sum2 += c;
				sum3 += d;
				// Predictable comparisons in place of Math.min and Math.max, whose NaN and -0.0
				// rules form a chain of dependent steps. A NaN is skipped here but makes the sum
				// NaN, so the fitted processing and the model output become NaN, which tiling
				// reports.
				if (a < low) {
					low = a;
				}
				if (a > high) {
					high = a;
				}
				if (b < low) {
					low = b;
				}
				if (b > high) {
					high = b;
				}
				if (c < low) {
					low = c;
				}
				if (c > high) {
					high = c;
				}
				if (d < low) {
					low = d;
				}
				if (d > high) {
					high = d;
				}
			}
			for (; i < plane.length; i++) {
				sum0 += plane[i];
				if (plane[i] < low) {
					low = plane[i];
				}
				if (plane[i] > high) {
					high = plane[i];
				}
			}
			return new double[] { (sum0 + sum1) + (sum2 + sum3), low, high };
		}

		/** Returns the sum of {@code (v - mean)^2} over a plane, in four partial sums. */
		private static double squaredDeviations(float[] plane, double mean) {
			double sum0 = 0;
			double sum1 = 0;
			double sum2 = 0;
			double sum3 = 0;
			int i = 0;
			for (; i + 4 <= plane.length; i += 4) {
				double a = plane[i] - mean;
				double b = plane[i + 1] - mean;
				double c = plane[i + 2] - mean;
				double d = plane[i + 3] - mean;
				sum0 += a * a;
				sum1 += b * b;
				sum2 += c * c;
				sum3 += d * d;
			}
			for (; i < plane.length; i++) {
				double a = plane[i] - mean;
				sum0 += a * a;
			}
			return (sum0 + sum1) + (sum2 + sum3);
		}

		void startHistograms() {
			histogram = new long[count.length][PERCENTILE_BINS];
			binMinimum = new float[count.length][PERCENTILE_BINS];
			for (float[] minima : binMinimum) {
				java.util.Arrays.fill(minima, Float.POSITIVE_INFINITY);
			}
		}

		void addHistogram(float[][] block) {
			for (int c = 0; c < block.length; c++) {
				int g = joint ? 0 : c;
				double range = max[g] - min[g];
				double binsPerUnit = range > 0 ? (PERCENTILE_BINS - 1) / range : 0;
				long[] bins = histogram[g];
				float[] minima = binMinimum[g];
				for (float v : block[c]) {
					int bin = (int) ((v - min[g]) * binsPerUnit);
					bins[bin]++;
					minima[bin] = Math.min(minima[bin], v);
				}
			}
		}

		double[] mean() {
			return mean.clone();
		}

		double[] std() {
			double[] std = new double[count.length];
			for (int g = 0; g < std.length; g++) {
				std[g] = Math.sqrt(m2[g] / Math.max(1, count[g]));
			}
			return std;
		}

		double[] percentile(double percent) {
			double[] values = new double[count.length];
			for (int g = 0; g < values.length; g++) {
				double rank = percent / 100 * (count[g] - 1);
				long below = (long) Math.floor(rank);
				double lower = orderStatistic(g, below);
				double upper = orderStatistic(g, Math.min(count[g] - 1, below + 1));
				values[g] = lower + (rank - below) * (upper - lower);
			}
			return values;
		}

		/** The value of rank {@code rank} (0-based) in group {@code g}. */
		private double orderStatistic(int g, long rank) {
			long seen = 0;
			for (int bin = 0; bin < PERCENTILE_BINS; bin++) {
				seen += histogram[g][bin];
				if (seen > rank) {
					return binMinimum[g][bin];
				}
			}
			return max[g];
		}
	}

	// --- arguments ---------------------------------------------------------------------

	private static void checkChannelAxis(TensorDescription tensor, Object axis, String field) {
		if (axis == null) {
			return;
		}
		boolean channel = tensor.axis(String.valueOf(axis)).map(Axis.Channel.class::isInstance)
			.orElse(false);
		if (!channel) {
			throw unsupported(field, "varies along axis '" + axis + "'", "give per-channel " +
				"values along the channel axis, or single values.");
		}
	}

	/** One number, or one per channel. */
	private static double[] numbers(Object value, double absent, TensorDescription tensor,
		String field)
	{
		if (value == null) {
			return new double[] { absent };
		}
		if (value instanceof Number) {
			return new double[] { ((Number) value).doubleValue() };
		}
		List<?> list = (List<?>) value;
		if (list.size() != tensor.channelCount() && list.size() != 1) {
			throw unsupported(field, "gives " + list.size() + " values for " + tensor
				.channelCount() + " channels", "give one value per channel.");
		}
		double[] numbers = new double[list.size()];
		for (int i = 0; i < numbers.length; i++) {
			numbers[i] = ((Number) list.get(i)).doubleValue();
		}
		return numbers;
	}

	private static double number(Object value, double absent) {
		return value instanceof Number ? ((Number) value).doubleValue() : absent;
	}

	private static double[] plus(double[] values, double add) {
		double[] sums = new double[values.length];
		for (int i = 0; i < values.length; i++) {
			sums[i] = values[i] + add;
		}
		return sums;
	}

	private static double[] divide(double numerator, double[] values) {
		double[] quotients = new double[values.length];
		for (int i = 0; i < values.length; i++) {
			quotients[i] = numerator / values[i];
		}
		return quotients;
	}

	private static double[] times(double[] a, double[] b) {
		int length = Math.max(a.length, b.length);
		double[] products = new double[length];
		for (int i = 0; i < length; i++) {
			products[i] = a[Math.min(i, a.length - 1)] * b[Math.min(i, b.length - 1)];
		}
		return products;
	}

	private static String format(double[] values) {
		StringBuilder text = new StringBuilder("[");
		for (int i = 0; i < values.length; i++) {
			text.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.6g", values[i]));
		}
		return text.append(']').toString();
	}

	private static InvalidInputException unsupported(String field, String problem, String fix) {
		return new InvalidInputException("Model " + field + " " + problem + ". Fix: " + fix);
	}
}
