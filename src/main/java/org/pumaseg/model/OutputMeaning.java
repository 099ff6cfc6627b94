package org.pumaseg.model;

import java.util.Locale;

/** What a model output (or one of its channels) holds, in {@code config.pumaseg.outputs}. */
public enum OutputMeaning {

	/** Probability (or logit) that a pixel belongs to a nucleus: 1 channel, or 2 channels
	 * [background, nucleus]. */
	NUCLEI_FOREGROUND,

	/** HoVer-Net horizontal map: x distance of a nucleus pixel to its nucleus centre,
	 * normalised to [-1, 1] per nucleus; 1 channel. */
	HORIZONTAL_DISTANCE,

	/** HoVer-Net vertical map: the same for y; 1 channel. */
	VERTICAL_DISTANCE,

	/** One channel per name in {@code nucleus_classes}, probabilities or logits. */
	NUCLEUS_CLASS_PROBABILITIES,

	/** One channel per name in {@code tissue_classes}, probabilities or logits. */
	TISSUE_CLASS_PROBABILITIES;

	public String yamlName() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static OutputMeaning fromYaml(String name) {
		for (OutputMeaning meaning : values()) {
			if (meaning.yamlName().equals(name)) {
				return meaning;
			}
		}
		return null;
	}

	/** True for the meanings whose values are probabilities or logits. */
	public boolean hasProbabilities() {
		return this == NUCLEI_FOREGROUND || this == NUCLEUS_CLASS_PROBABILITIES ||
			this == TISSUE_CLASS_PROBABILITIES;
	}
}
