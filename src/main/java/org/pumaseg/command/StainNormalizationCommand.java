package org.pumaseg.command;

import java.io.File;

import org.pumaseg.Progress;
import org.pumaseg.image.ImageFileReader;
import org.pumaseg.image.ImagePlusConverter;
import org.pumaseg.image.RgbImage;
import org.pumaseg.preprocess.StainNormalizationMethod;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

import ij.ImagePlus;

/** Normalises the H&E stain colours of the active image (Macenko or Reinhard). */
@Plugin(type = Command.class, label = "Stain Normalization",
	menuPath = "Plugins>PumaSeg>Preprocess>Stain Normalization")
public class StainNormalizationCommand extends PumaSegCommand {

	@Parameter(label = "Image")
	private ImagePlus image;

	@Parameter(label = "Method", choices = { "macenko", "reinhard" },
		description = "Macenko: stain vectors from optical density (Macenko et al. 2009). " +
			"Reinhard: colour statistics in CIE L*a*b* (Reinhard et al. 2001).")
	private String method = "macenko";

	@Parameter(label = "Reference image", required = false, style = FileWidget.OPEN_STYLE,
		persist = false,
		description = "Image whose stains the result takes. Leave empty for the method's " +
			"built-in reference.")
	private File reference_image;

	@Parameter(type = ItemIO.OUTPUT, label = "Normalized")
	private ImagePlus normalized;

	@Override
	protected void execute(Progress progress) {
		StainNormalizationMethod normalization = StainNormalizationMethod.fromName(method);
		RgbImage input = ImagePlusConverter.fromOpenImage(image);
		RgbImage reference = null;
		if (reference_image != null && !reference_image.getPath().isBlank()) {
			reference = new ImageFileReader().read(reference_image.toPath());
		}

		RgbImage result = normalization.normalize(input, reference, progress);
		normalized = ImagePlusConverter.toImagePlus(result);
		normalized.setTitle(input.name() + " (" + normalization.id() + ")");
		log.info("Stain Normalization: " + normalization.id() + ", reference " + (reference ==
			null ? "built-in" : reference_image) + ", image " + image.getTitle() + ".");
	}
}
