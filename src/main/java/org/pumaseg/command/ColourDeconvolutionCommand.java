package org.pumaseg.command;

import java.util.Map;

import org.pumaseg.InvalidInputException;
import org.pumaseg.Progress;
import org.pumaseg.image.ImagePlusConverter;
import org.pumaseg.image.RgbImage;
import org.pumaseg.preprocess.ColourDeconvolution;
import org.pumaseg.preprocess.OpticalDensity;
import org.pumaseg.preprocess.PreprocessOp;
import org.pumaseg.preprocess.PreprocessOps;
import org.pumaseg.preprocess.StageImage;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;

/**
 * Turns the active RGB image into optical density, or into stain concentrations by colour
 * deconvolution with the Ruifrok-Johnston H&E (or H&E-DAB) vectors.
 */
@Plugin(type = Command.class, label = "Colour Deconvolution",
	menuPath = "Plugins>PumaSeg>Preprocess>Colour Deconvolution")
public class ColourDeconvolutionCommand extends PumaSegCommand {

	static final String STAINS = "stain concentrations";
	static final String DENSITY = "optical density";

	@Parameter(label = "Image")
	private ImagePlus image;

	@Parameter(label = "Output", choices = { STAINS, DENSITY },
		description = "Stain concentrations (one channel per stain) or the optical density " +
			"of the red, green and blue channels, OD = -log10(I / 255).")
	private String output = STAINS;

	@Parameter(label = "Stains", choices = { "he", "hed" },
		description = "Stain vectors for the concentrations: haematoxylin and eosin (plus a " +
			"residual channel), or haematoxylin, eosin and DAB.")
	private String stains = "he";

	@Parameter(type = ItemIO.OUTPUT, label = "Result")
	private ImagePlus result;

	@Override
	protected void execute(Progress progress) {
		PreprocessOp op;
		if (output.equals(STAINS)) {
			op = PreprocessOps.create(ColourDeconvolution.NAME, Map.of("stains", stains));
		}
		else if (output.equals(DENSITY)) {
			op = PreprocessOps.create(OpticalDensity.NAME, Map.of());
		}
		else {
			throw new InvalidInputException("Unknown output '" + output + "'. Use '" + STAINS +
				"' or '" + DENSITY + "'.");
		}
		RgbImage input = ImagePlusConverter.fromOpenImage(image);

		StageImage stage = op.apply(StageImage.of(input), progress);
		result = ImagePlusConverter.toImagePlus(stage.floats());
		result.setTitle(input.name() + " (" + output + ")");
		log.info("Colour Deconvolution: " + op + " on " + image.getTitle() + ".");
	}
}
