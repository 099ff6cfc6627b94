package org.pumaseg.train;

import java.util.List;
import java.util.Random;

/** Initial parameters: He-normal weights (std sqrt(2 / fan-in), for ReLU) and zero biases. */
final class Initialization {

	private Initialization() {}

	static float[][] heNormal(NetworkConfig config, long seed) {
		Random random = new Random(seed);
		List<NetworkConfig.ParameterSpec> specs = config.parameters();
		float[][] values = new float[specs.size()][];
		for (int p = 0; p < specs.size(); p++) {
			NetworkConfig.ParameterSpec spec = specs.get(p);
			values[p] = new float[spec.size()];
			if (spec.fanIn() == 0) {
				continue;
			}
			double std = Math.sqrt(2.0 / spec.fanIn());
			for (int i = 0; i < values[p].length; i++) {
				values[p][i] = (float) (random.nextGaussian() * std);
			}
		}
		return values;
	}
}
