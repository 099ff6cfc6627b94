package org.pumaseg.command;

import java.util.Map;

import org.pumaseg.InvalidInputException;
import org.pumaseg.Progress;
import org.pumaseg.image.ImagePlusConverter;
import org.pumaseg.image.RgbImage;
import org.pumaseg.preprocess.FixedScale;
import org.pumaseg.preprocess.PercentileNormalization;
import org.pumaseg.preprocess.PreprocessOp;
import org.pumaseg.preprocess.PreprocessOps;
import org.pumaseg.preprocess.PreprocessingChain;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;

/**
 * Scales the red, green and blue values of the active image to floats, by image-wide
 * percentiles or by a fixed factor, as models expect their input.
 */
@Plugin(type = Command.class, label = "Normalize Intensity",
	menuPath = "Plugins>PumaSeg>Preprocess>Normalize Intensity")
public class IntensityNormalizationCommand extends PumaSegCommand {

	static final String PERCENTILE = "percentile";
	static final String SCALE = "scale";

	@Parameter(label = "Image")
	private ImagePlus image;

	@Parameter(label = "Method", choices = { PERCENTILE, SCALE },
		description = "percentile: maps the low and high percentiles of each channel, over " +
			"the whole image, to 0 and 1. scale: divides by 255.")
	private String method = PERCENTILE;

	@Parameter(label = "Low percentile", min = "0", max = "100", stepSize = "0.1")
	private double low_percentile = PercentileNormalization.DEFAULT_LOW;

	@Parameter(label = "High percentile", min = "0", max = "100", stepSize = "0.1")
	private double high_percentile = PercentileNormalization.DEFAULT_HIGH;

	@Parameter(type = ItemIO.OUTPUT, label = "Normalized")
	private ImagePlus normalized;

	@Override
	protected void execute(Progress progress) {
		PreprocessOp op;
		if (method.equals(PERCENTILE)) {
			op = PreprocessOps.create(PercentileNormalization.NAME, Map.of("low", low_percentile,
				"high", high_percentile));
		}
		else if (method.equals(SCALE)) {
			op = PreprocessOps.create(FixedScale.NAME, Map.of());
		}
		else {
			throw new InvalidInputException("Unknown method '" + method + "'. Use '" +
				PERCENTILE + "' or '" + SCALE + "'.");
		}
		RgbImage input = ImagePlusConverter.fromOpenImage(image);

		var stage = PreprocessingChain.of(op).apply(input, progress);
		normalized = ImagePlusConverter.toImagePlus(stage.floats());
		normalized.setTitle(input.name() + " (" + method + ")");
		log.info("Normalize Intensity: " + op + " on " + image.getTitle() + ".");
	}
}
