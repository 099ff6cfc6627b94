package org.pumaseg.segment;

import org.pumaseg.InvalidInputException;
import org.pumaseg.model.WeightsFormat;
import org.pumaseg.model.tiling.TilingSettings;
import org.pumaseg.nuclei.NucleiDecodingOptions;
import org.pumaseg.tissue.TissueDecodingOptions;

/**
 * Settings of a panoptic segmentation run, with the defaults used by every surface.
 *
 * @param tiling tile size, tiles per model call and blending overlap
 * @param threads threads the engine uses inside one operation; 0 lets the engine choose
 * @param nuclei nucleus decoding thresholds and minimum sizes
 * @param tissue tissue decoding thresholds, smoothing and minimum region area
 * @param engine the weights every model runs with (and so the engine), or null for each
 *          package's preferred weights: the TensorFlow SavedModel when present, else ONNX
 */
public record SegmentationOptions(TilingSettings tiling, int threads,
	NucleiDecodingOptions nuclei, TissueDecodingOptions tissue, WeightsFormat engine)
{

	/** Creates options that run each package's preferred weights. */
	public SegmentationOptions(TilingSettings tiling, int threads, NucleiDecodingOptions nuclei,
		TissueDecodingOptions tissue)
	{
		this(tiling, threads, nuclei, tissue, null);
	}

	public SegmentationOptions {
		if (threads < 0) {
			throw new InvalidInputException("Invalid thread count " + threads +
				": use 0 (the engine chooses) or a positive number.");
		}
	}

	public static SegmentationOptions defaults() {
		return new SegmentationOptions(TilingSettings.DEFAULT, 0, NucleiDecodingOptions
			.defaults(), TissueDecodingOptions.defaults());
	}

	public SegmentationOptions withTileSize(int tileSize) {
		return new SegmentationOptions(tiling.withTileSize(tileSize), threads, nuclei, tissue,
			engine);
	}

	public SegmentationOptions withThreads(int newThreads) {
		return new SegmentationOptions(tiling, newThreads, nuclei, tissue, engine);
	}

	/** Returns these options with the engine named by {@code option}: auto, tensorflow or onnx. */
	public SegmentationOptions withEngine(String option) {
		return new SegmentationOptions(tiling, threads, nuclei, tissue, WeightsFormat
			.fromEngineOption(option));
	}
}
