package org.pumaseg.train;

import java.util.ArrayList;
import java.util.List;

import org.pumaseg.InvalidInputException;

/**
 * Shape of the U-Net of {@link UNet}: {@code depth} resolution levels with
 * {@code baseFilters * 2^level} filters each, and the output heads.
 * <p>
 * Each level has two 3x3 convolutions with ReLU; the encoder halves the size with 2x2 max
 * pooling between levels, the decoder doubles it with nearest-neighbour upsampling and
 * concatenates the encoder features of the same level (skip connection). The heads are 1x1
 * convolutions on the last decoder features, shared by all heads.
 *
 * @param depth resolution levels, 2 to 6; input sizes must be multiples of
 *        {@code 2^(depth - 1)}
 * @param baseFilters filters of the first level, 2 to 256
 * @param nucleiMaps whether the network has the foreground (1 channel) and horizontal and
 *        vertical distance (2 channels) heads
 * @param nucleusClasses channels of the nucleus class head (background + classes), 0 for none
 * @param tissueClasses channels of the tissue class head (background + classes), 0 for none
 */
public record NetworkConfig(int depth, int baseFilters, boolean nucleiMaps, int nucleusClasses,
	int tissueClasses)
{

	/** One weight or bias array of the network, in build order. */
	public record ParameterSpec(String name, int[] shape, int fanIn) {

		public int size() {
			int size = 1;
			for (int s : shape) {
				size *= s;
			}
			return size;
		}
	}

	public NetworkConfig {
		if (depth < 2 || depth > 6) {
			throw new InvalidInputException("Network depth " + depth +
				" is out of range; use 2 to 6 levels.");
		}
		if (baseFilters < 2 || baseFilters > 256) {
			throw new InvalidInputException("Base filter count " + baseFilters +
				" is out of range; use 2 to 256.");
		}
		if (nucleusClasses == 1 || tissueClasses == 1 || nucleusClasses < 0 ||
			tissueClasses < 0)
		{
			throw new IllegalArgumentException("Class heads need 0 or at least 2 channels.");
		}
		if (!nucleiMaps && nucleusClasses == 0 && tissueClasses == 0) {
			throw new IllegalArgumentException("A network needs at least one head.");
		}
	}

	/** Filters at {@code level} (0 = full resolution). */
	public int filters(int level) {
		return baseFilters << level;
	}

	/** Input sizes must be multiples of this. */
	public int sizeMultiple() {
		return 1 << (depth - 1);
	}

	/**
	 * Receptive-field radius in input pixels: how far a pixel's output depends on its
	 * surroundings. Each 3x3 convolution at level l adds 2^l, each pooling 2^l.
	 */
	public int receptiveRadius() {
		int radius = 0;
		for (int level = 0; level < depth; level++) {
			radius += 2 << level;
			if (level < depth - 1) {
				radius += 1 << level;
				radius += 2 << level;
			}
		}
		return radius;
	}

	/** The weights and biases in the order {@link UNet} uses them. */
	public List<ParameterSpec> parameters() {
		List<ParameterSpec> specs = new ArrayList<>();
		int channels = 3;
		for (int level = 0; level < depth; level++) {
			addConv(specs, "enc" + level + ".conv1", 3, channels, filters(level));
			addConv(specs, "enc" + level + ".conv2", 3, filters(level), filters(level));
			channels = filters(level);
		}
		for (int level = depth - 2; level >= 0; level--) {
			addConv(specs, "dec" + level + ".conv1", 3, filters(level + 1) + filters(level),
				filters(level));
			addConv(specs, "dec" + level + ".conv2", 3, filters(level), filters(level));
		}
		if (nucleiMaps) {
			addConv(specs, "head.foreground", 1, filters(0), 1);
			addConv(specs, "head.distance", 1, filters(0), 2);
		}
		if (nucleusClasses > 0) {
			addConv(specs, "head.nucleus_class", 1, filters(0), nucleusClasses);
		}
		if (tissueClasses > 0) {
			addConv(specs, "head.tissue_class", 1, filters(0), tissueClasses);
		}
		return specs;
	}

	/** Number of trainable values. */
	public long parameterCount() {
		long count = 0;
		for (ParameterSpec spec : parameters()) {
			count += spec.size();
		}
		return count;
	}

	/**
	 * Floating-point operations per input pixel of one forward pass, counting a multiply-add
	 * as 2 and ignoring activations, pooling and upsampling (a few per pixel).
	 */
	public double flopsPerPixel() {
		double flops = 0;
		for (ParameterSpec spec : parameters()) {
			if (spec.shape().length != 4) {
				continue;
			}
			int level = levelOf(spec.name());
			flops += 2.0 * spec.size() / Math.pow(4, level);
		}
		return flops;
	}

	private static int levelOf(String name) {
		if (name.startsWith("enc") || name.startsWith("dec")) {
			return name.charAt(3) - '0';
		}
		return 0;
	}

	private static void addConv(List<ParameterSpec> specs, String name, int kernel, int in,
		int out)
	{
		specs.add(new ParameterSpec(name + ".weight", new int[] { kernel, kernel, in, out },
			kernel * kernel * in));
		specs.add(new ParameterSpec(name + ".bias", new int[] { out }, 0));
	}

	/** One line for logs and model cards. */
	public String summary() {
		return String.format(java.util.Locale.ROOT,
			"U-Net, %d levels, %d base filters, %,d parameters, %.2f MFLOP per pixel", depth,
			baseFilters, parameterCount(), flopsPerPixel() / 1e6);
	}
}
