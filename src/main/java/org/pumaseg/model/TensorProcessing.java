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
		this.operations = List.copyOf(mergeAffine(operations));
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
		return joint ? new Affine(new double[] { gain[0] }, new double[] { offset[0] })
			: new Affine(gain.clone(), offset.clone());
	}

	/**
	 * {@code v * gain[c] + offset[c]} on channel {@code c}. An array shorter than the channel
	 * count repeats its last value, so one value serves all channels.
	 */
	private record Affine(double[] gain, double[] offset) implements Operation {

		double gainOf(int c) {
			return gain[Math.min(c, gain.length - 1)];
		}

		double offsetOf(int c) {
			return offset[Math.min(c, offset.length - 1)];
		}

		/** Returns the one affine map that equals this one followed by {@code next}. */
		Affine then(Affine next) {
			int length = Math.max(Math.max(gain.length, offset.length), Math.max(next.gain.length,
				next.offset.length));
			double[] gains = new double[length];
			double[] offsets = new double[length];
			for (int c = 0; c < length; c++) {
				gains[c] = next.gainOf(c) * gainOf(c);
				offsets[c] = next.gainOf(c) * offsetOf(c) + next.offsetOf(c);
			}
			return new Affine(gains, offsets);
		}

		/** Returns the composition of {@code operations}, or null if one is not affine. */
		static Affine compose(List<Operation> operations) {
			Affine composed = new Affine(new double[] { 1 }, new double[] { 0 });
			for (Operation operation : operations) {
				if (!(operation instanceof Affine affine)) {
					return null;
				}
				composed = composed.then(affine);
			}
			return composed;
		}

		@Override
		public void apply(float[][] planes) {
			for (int c = 0; c < planes.length; c++) {
				float scale = (float) gainOf(c);
				float shift = (float) offsetOf(c);
				float[] plane = planes[c];
				for (int i = 0; i < plane.length; i++) {
					plane[i] = plane[i] * scale + shift;
				}
			}
		}
	}

	/**
	 * Merges each run of consecutive affine operations into one, so a tile is read and
	 * written once per run rather than once per step.
	 */
	private static List<Operation> mergeAffine(List<Operation> operations) {
		List<Operation> merged = new ArrayList<>();
		for (Operation operation : operations) {
			int last = merged.size() - 1;
			if (operation instanceof Affine next && last >= 0 && merged.get(
				last) instanceof Affine previous)
			{
				merged.set(last, previous.then(next));
			}
			else {
				merged.add(operation);
			}
		}
		return merged;
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
		Affine prefix = percentiles ? null : Affine.compose(before);
		if (prefix != null) {
			// Means and deviations follow an affine map exactly, so they are taken from the
			// raw blocks and mapped, which saves copying and transforming every block.
			Statistics raw = new Statistics(false, false);
			image.forEachBlock(raw::addMoments);
			return raw.mapped(prefix, joint);
		}
		Statistics statistics = new Statistics(joint, percentiles);
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
		/** True when the minimum and maximum are tracked, which percentiles need. */
		private final boolean range;
		private long[] count;
		private double[] mean;
		private double[] m2;
		private double[] min;
		private double[] max;
		private long[][] histogram;
		private float[][] binMinimum;

		Statistics(boolean joint, boolean range) {
			this.joint = joint;
			this.range = range;
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
				if (range) {
					float[] lowHigh = range(plane);
					min[g] = Math.min(min[g], lowHigh[0]);
					max[g] = Math.max(max[g], lowHigh[1]);
				}
				// Sums of the values less the first one take one pass. They avoid cancellation
				// unless the first value lies many deviations away from the mean.
				double shift = plane[0];
				double[] sums = shiftedSums(plane, shift);
				double blockMean = shift + sums[0] / plane.length;
				double blockM2 = Math.max(0, sums[1] - sums[0] * sums[0] / plane.length);
				long total = count[g] + plane.length;
				double delta = blockMean - mean[g];
				mean[g] += delta * plane.length / total;
				m2[g] += blockM2 + delta * delta * count[g] * plane.length / total;
				count[g] = total;
			}
		}

		/**
		 * Returns the sums of {@code v - shift} and of its square over a plane. Four
		 * interleaved partial sums let the additions overlap, because this loop reads every
		 * pixel of the image and a single running sum would wait on each addition in turn.
		 */
		private static double[] shiftedSums(float[] plane, double shift) {
			double sum0 = 0;
			double sum1 = 0;
			double sum2 = 0;
			double sum3 = 0;
			double squares0 = 0;
			double squares1 = 0;
			double squares2 = 0;
			double squares3 = 0;
			int i = 0;
			for (; i + 4 <= plane.length; i += 4) {
				double a = plane[i] - shift;
				double b = plane[i + 1] - shift;
				double c = plane[i + 2] - shift;
				double d = plane[i + 3] - shift;
				sum0 += a;
				sum1 += b;
				sum2 += c;
				sum3 += d;
				squares0 += a * a;
				squares1 += b * b;
				squares2 += c * c;
				squares3 += d * d;
			}
			for (; i < plane.length; i++) {
				double a = plane[i] - shift;
				sum0 += a;
				squares0 += a * a;
			}
			return new double[] { (sum0 + sum1) + (sum2 + sum3), (squares0 + squares1) +
				(squares2 + squares3) };
		}

		/**
		 * Returns the minimum and maximum of a non-empty plane. A NaN is skipped here, but it
		 * makes the sums NaN, so the fitted processing and the model output become NaN, which
		 * tiling reports.
		 */
		private static float[] range(float[] plane) {
			float low = plane[0];
			float high = plane[0];
			for (float v : plane) {
				if (v < low) {
					low = v;
				}
				if (v > high) {
					high = v;
				}
			}
			return new float[] { low, high };
		}

		/**
		 * Returns the moments (and the range, when tracked) of the values after
		 * {@code affine}, per channel or pooled over the channels by the same merge as blocks.
		 * Percentiles cannot be mapped this way, because they need the histogram of the
		 * mapped values.
		 */
		Statistics mapped(Affine affine, boolean pooled) {
			Statistics result = new Statistics(pooled, range);
			int groups = pooled ? 1 : count.length;
			result.count = new long[groups];
			result.mean = new double[groups];
			result.m2 = new double[groups];
			result.min = new double[groups];
			result.max = new double[groups];
			java.util.Arrays.fill(result.min, Double.POSITIVE_INFINITY);
			java.util.Arrays.fill(result.max, Double.NEGATIVE_INFINITY);
			for (int c = 0; c < count.length; c++) {
				int g = pooled ? 0 : c;
				double gain = affine.gainOf(c);
				double offset = affine.offsetOf(c);
				double channelMean = gain * mean[c] + offset;
				double channelM2 = gain * gain * m2[c];
				if (range) {
					double low = gain >= 0 ? gain * min[c] + offset : gain * max[c] + offset;
					double high = gain >= 0 ? gain * max[c] + offset : gain * min[c] + offset;
					result.min[g] = Math.min(result.min[g], low);
					result.max[g] = Math.max(result.max[g], high);
				}
				long total = result.count[g] + count[c];
				if (total == 0) {
					continue;
				}
				double delta = channelMean - result.mean[g];
				result.mean[g] += delta * count[c] / total;
				result.m2[g] += channelM2 + delta * delta * result.count[g] * count[c] / total;
				result.count[g] = total;
			}
			return result;
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
