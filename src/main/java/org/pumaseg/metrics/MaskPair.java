package org.pumaseg.metrics;

import java.util.Objects;

import org.pumaseg.annotation.TissueMask;

/** Ground-truth and predicted tissue masks of one image. */
public record MaskPair(String name, TissueMask truth, TissueMask prediction) {

	public MaskPair {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(truth, "truth");
		Objects.requireNonNull(prediction, "prediction");
	}
}
