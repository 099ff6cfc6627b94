package org.pumaseg.image;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import javax.imageio.ImageIO;

import org.pumaseg.InvalidInputException;
import org.pumaseg.OutputFiles;

import ij.ImagePlus;
import ij.io.FileInfo;
import ij.io.FileSaver;
import ij.io.TiffEncoder;

/**
 * Writes {@link RgbImage}s as TIFF (ImageJ's writer, keeping the µm calibration) or PNG,
 * atomically, so a failure leaves no partial file.
 */
public final class ImageFileWriter {

	private ImageFileWriter() {}

	/**
	 * Writes {@code image} to {@code output}, replacing an existing file; the format follows the
	 * extension (.tif, .tiff or .png). Callers check the target first with
	 * {@link OutputFiles#checkTarget}.
	 */
	public static void write(RgbImage image, Path output) throws IOException {
		write(image, output, true);
	}

	/**
	 * Writes {@code image} to {@code output}; without {@code overwrite}, fails if the file
	 * exists when the write completes.
	 *
	 * @throws IOException with the cause (such as a full disk) when writing fails
	 */
	public static void write(RgbImage image, Path output, boolean overwrite) throws IOException {
		String extension = extensionOf(output);
		ImagePlus imagePlus = ImagePlusConverter.toImagePlus(image);
		OutputFiles.writeAtomically(output, overwrite, temporary -> {
			try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temporary))) {
				if (extension.equals("png")) {
					if (!ImageIO.write(imagePlus.getBufferedImage(), "png", out)) {
						throw new IOException("No PNG writer is available in this Java runtime.");
					}
				}
				else {
					writeTiff(imagePlus, out);
				}
			}
		});
	}

	/**
	 * Encodes an ImageJ TIFF (with ImageJ's description, so the µm calibration survives) to a
	 * stream. Unlike {@link FileSaver#saveAsTiff(String)}, which reports failures only as
	 * false, errors keep their cause.
	 */
	private static void writeTiff(ImagePlus image, OutputStream out) throws IOException {
		FileInfo info = image.getFileInfo();
		info.description = new FileSaver(image).getDescriptionString();
		new TiffEncoder(info).write(out);
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
