package org.pumaseg.segment;

import org.pumaseg.InvalidInputException;
import org.pumaseg.model.tiling.TilingSettings;
import org.pumaseg.nuclei.NucleiDecodingOptions;
import org.pumaseg.tissue.TissueDecodingOptions;

/**
 * Settings of a panoptic segmentation run, with the defaults used by every surface.
 *
 * @param tiling tile size, tiles per model call and blending overlap
 * @param threads threads TensorFlow uses inside one operation; 0 lets TensorFlow choose
 * @param nuclei nucleus decoding thresholds and minimum sizes
 * @param tissue tissue decoding thresholds, smoothing and minimum region area
 */
public record SegmentationOptions(TilingSettings tiling, int threads,
	NucleiDecodingOptions nuclei, TissueDecodingOptions tissue)
{

	public SegmentationOptions {
		if (threads < 0) {
			throw new InvalidInputException("Invalid thread count " + threads +
				": use 0 (TensorFlow chooses) or a positive number.");
		}
	}

	public static SegmentationOptions defaults() {
		return new SegmentationOptions(TilingSettings.DEFAULT, 0, NucleiDecodingOptions
			.defaults(), TissueDecodingOptions.defaults());
	}

	public SegmentationOptions withTileSize(int tileSize) {
		return new SegmentationOptions(tiling.withTileSize(tileSize), threads, nuclei, tissue);
	}

	public SegmentationOptions withThreads(int newThreads) {
		return new SegmentationOptions(tiling, newThreads, nuclei, tissue);
	}
}
