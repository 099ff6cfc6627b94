package org.pumaseg.model;

import java.util.Objects;

/**
 * One entry of {@code config.pumaseg.outputs}: which output tensor (and optionally which
 * channel of it) holds what.
 *
 * @param tensorId id of an output tensor
 * @param channel index on the tensor's channel axis, or null for all its channels
 * @param meaning what the selected channels hold
 * @param values probabilities or logits for {@link OutputMeaning#hasProbabilities()
 *          probability-like} meanings, null for distance maps
 */
public record OutputRole(String tensorId, Integer channel, OutputMeaning meaning,
	OutputValues values)
{

	public OutputRole {
		Objects.requireNonNull(tensorId, "tensorId");
		Objects.requireNonNull(meaning, "meaning");
	}
}
