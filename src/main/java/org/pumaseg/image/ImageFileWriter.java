package org.pumaseg.image;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

import javax.imageio.ImageIO;

import org.pumaseg.InvalidInputException;
import org.pumaseg.OutputFiles;

import ij.ImagePlus;
import ij.io.FileSaver;

/**
 * Writes {@link RgbImage}s as TIFF (ImageJ's writer, keeping the µm calibration) or PNG,
 * atomically, so a failure leaves no partial file.
 */
public final class ImageFileWriter {

	private ImageFileWriter() {}

	/**
	 * Writes {@code image} to {@code output}; the format follows the extension (.tif, .tiff or
	 * .png). Callers check the target first with {@link OutputFiles#checkTarget}.
	 */
	public static void write(RgbImage image, Path output) throws IOException {
		String extension = extensionOf(output);
		ImagePlus imagePlus = ImagePlusConverter.toImagePlus(image);
		OutputFiles.writeAtomically(output, temporary -> {
			boolean written;
			if (extension.equals("png")) {
				written = ImageIO.write(imagePlus.getBufferedImage(), "png", temporary.toFile());
			}
			else {
				written = new FileSaver(imagePlus).saveAsTiff(temporary.toString());
			}
			if (!written) {
				throw new IOException("The image writer failed for " + output);
			}
		});
	}

	/** Rejects output names whose extension is not a supported image format. */
	public static String extensionOf(Path output) {
		String name = output.getFileName().toString().toLowerCase(Locale.ROOT);
		if (name.endsWith(".tif") || name.endsWith(".tiff")) {
			return "tif";
		}
		if (name.endsWith(".png")) {
			return "png";
		}
		throw new InvalidInputException("Unsupported output format: " + output.getFileName() +
			". Use a name ending in .tif, .tiff or .png.");
	}
}
