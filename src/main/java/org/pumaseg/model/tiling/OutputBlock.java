package org.pumaseg.model.tiling;

import java.util.List;

/**
 * Finished rows {@code [y, y + height)} of one model output over the whole image width:
 * {@code channels[c][row * width + x]}, blended and postprocessed. The arrays belong to the
 * receiver.
 *
 * @param outputId the output tensor's id in rdf.yaml
 * @param channelNames the names of the output's channels (its id when it has no channel axis)
 */
public record OutputBlock(String outputId, List<String> channelNames, int width, int y,
	int height, float[][] channels)
{

	/** Returns the value of channel {@code c} at image column {@code x} and block row {@code row}. */
	public float get(int c, int x, int row) {
		return channels[c][row * width + x];
	}
}
