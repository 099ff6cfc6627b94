package org.pumaseg.model;

import java.util.Locale;

/**
 * Whether a probability-like output holds probabilities or logits; for logits PumaSeg applies
 * a sigmoid (one channel) or a softmax over the channels (several channels).
 */
public enum OutputValues {
	PROBABILITY, LOGIT;

	public String yamlName() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static OutputValues fromYaml(String name) {
		for (OutputValues values : values()) {
			if (values.yamlName().equals(name)) {
				return values;
			}
		}
		return null;
	}
}
