package org.pumaseg.command;

import org.pumaseg.InvalidInputException;
import org.pumaseg.Progress;
import org.pumaseg.image.ImagePlusConverter;
import org.pumaseg.image.PixelSize;
import org.pumaseg.image.PixelSizes;
import org.pumaseg.image.RgbImage;
import org.pumaseg.preprocess.Resampling;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;

/** Resamples the active RGB image (bilinear) to a pixel size in µm. */
@Plugin(type = Command.class, label = "Resample to Pixel Size",
	menuPath = "Plugins>PumaSeg>Preprocess>Resample to Pixel Size")
public class ResampleCommand extends PumaSegCommand {

	@Parameter(label = "Image")
	private ImagePlus image;

	@Parameter(label = "Target pixel size (µm)", min = "0.02", max = "50", stepSize = "0.01",
		description = "Pixel size of the result in micrometres; PUMA ROIs at 40x are about 0.25.")
	private double pixel_size_um = 0.25;

	// Not remembered between runs: it belongs to one image, and a stale value would silently
	// rescale the next one.
	@Parameter(label = "Input pixel size (µm)", min = "0", max = "50", stepSize = "0.01",
		persist = false,
		description = "Pixel size of the input in micrometres; 0 takes it from the image " +
			"calibration.")
	private double input_pixel_size_um = 0;

	@Parameter(type = ItemIO.OUTPUT, label = "Resampled")
	private ImagePlus resampled;

	@Override
	protected void execute(Progress progress) {
		RgbImage input = ImagePlusConverter.fromOpenImage(image);
		if (input_pixel_size_um > 0) {
			PixelSize given = PixelSizes.fromMicrometres(input_pixel_size_um, "input_pixel_size_um");
			if (!given.calibrated()) {
				throw new InvalidInputException("Invalid input_pixel_size_um " +
					input_pixel_size_um + ": use a microscope pixel size between " +
					PixelSize.MIN_PLAUSIBLE_UM + " and " + PixelSize.MAX_PLAUSIBLE_UM + " µm.");
			}
			input = input.withPixelSize(given);
		}
		else if (!input.pixelSize().calibrated()) {
			throw new InvalidInputException(image.getTitle() + " is uncalibrated (" + input
				.pixelSize().origin() + "). Set input_pixel_size_um, or calibrate the image " +
				"with Image > Properties.");
		}

		RgbImage result = Resampling.toPixelSize(input, pixel_size_um, progress);
		resampled = ImagePlusConverter.toImagePlus(result);
		resampled.setTitle(input.name() + " (" + pixel_size_um + " µm)");
		log.info("Resample to Pixel Size: " + image.getTitle() + " from " + input.pixelSize()
			.umPerPixel() + " to " + pixel_size_um + " µm/px, " + result.width() + " x " + result
				.height() + " px.");
	}
}
