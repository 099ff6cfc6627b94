package org.pumaseg.segment;

import java.util.Map;

import org.pumaseg.image.FloatImage;
import org.pumaseg.model.OutputRole;
import org.pumaseg.model.OutputValues;
import org.pumaseg.model.PumaSegConfig;

/**
 * Turns the outputs a package declares as logits into probabilities, in place: a sigmoid for
 * a single channel, a softmax over the channels of the output otherwise. Decoders read
 * probabilities only.
 */
final class Probabilities {

	private Probabilities() {}

	static void fromLogits(PumaSegConfig config, Map<String, FloatImage> outputs) {
		for (OutputRole role : config.outputs()) {
			if (role.values() != OutputValues.LOGIT) {
				continue;
			}
			FloatImage image = outputs.get(role.tensorId());
			if (image == null) {
				continue;
			}
			if (role.channel() != null || image.numChannels() == 1) {
				sigmoid(image.channel(role.channel() == null ? 0 : role.channel()));
			}
			else {
				softmax(image);
			}
		}
	}

	private static void sigmoid(float[] values) {
		for (int i = 0; i < values.length; i++) {
			values[i] = (float) (1 / (1 + Math.exp(-values[i])));
		}
	}

	private static void softmax(FloatImage image) {
		int channels = image.numChannels();
		float[][] planes = new float[channels][];
		for (int c = 0; c < channels; c++) {
			planes[c] = image.channel(c);
		}
		for (int i = 0; i < planes[0].length; i++) {
			float max = Float.NEGATIVE_INFINITY;
			for (int c = 0; c < channels; c++) {
				max = Math.max(max, planes[c][i]);
			}
			double sum = 0;
			for (int c = 0; c < channels; c++) {
				sum += Math.exp(planes[c][i] - max);
			}
			for (int c = 0; c < channels; c++) {
				planes[c][i] = (float) (Math.exp(planes[c][i] - max) / sum);
			}
		}
	}
}
