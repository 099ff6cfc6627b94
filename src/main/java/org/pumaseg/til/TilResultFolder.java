package org.pumaseg.til;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.pumaseg.InvalidInputException;
import org.pumaseg.export.ResultFolderWriter;
import org.pumaseg.image.PixelSize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The TIL inputs of a result folder of {@code pumaseg segment}: its nuclei, its tissue mask
 * unless the user gives a tissue file, its pixel size unless the user gives one, and its name
 * (the image name) for the ROI. The command line and the Fiji command both read a result folder
 * through this class.
 *
 * @param nuclei the folder's {@value ResultFolderWriter#NUCLEI_GEOJSON}
 * @param tissue the tissue file the user gave, else the folder's
 *          {@value ResultFolderWriter#TISSUE_MASK}, or null when neither exists
 * @param pixelSize the pixel size the user gave (recorded as assumed), else the size,
 *          calibration flag and origin in the folder's {@value ResultFolderWriter#SUMMARY},
 *          or null when neither has one; it replaces the tissue mask's TIFF resolution, which
 *          stores a size even where the segmentation only assumed it
 * @param roiName the folder's name, which is the name of the segmented image
 */
public record TilResultFolder(Path nuclei, Path tissue, PixelSize pixelSize, String roiName) {

	/**
	 * Reads the nuclei, tissue mask and pixel size of a result folder of pumaseg segment.
	 *
	 * @param folder the result folder
	 * @param tissue a tissue file given by the user, or null to use the folder's mask
	 * @param pixelSize a pixel size in µm given by the user, or null to use the folder's
	 * @throws InvalidInputException when the folder has no nuclei file
	 * @throws IOException when the summary cannot be read
	 */
	public static TilResultFolder read(Path folder, Path tissue, Double pixelSize)
		throws IOException
	{
		Path nuclei = folder.resolve(ResultFolderWriter.NUCLEI_GEOJSON);
		if (!Files.isRegularFile(nuclei)) {
			throw new InvalidInputException(folder + " is a folder without nuclei.geojson. Give " +
				"a nuclei file, or a result folder of pumaseg segment.");
		}
		if (tissue == null && Files.isRegularFile(folder.resolve(ResultFolderWriter.TISSUE_MASK))) {
			tissue = folder.resolve(ResultFolderWriter.TISSUE_MASK);
		}
		PixelSize size = null;
		Path summary = folder.resolve(ResultFolderWriter.SUMMARY);
		if (pixelSize != null) {
			// Checked for plausibility by TilInputFiles.load.
			size = new PixelSize(pixelSize, false, "assumed " + pixelSize + " µm/px, given in " +
				"place of the pixel size of result folder " + folder);
		}
		else if (Files.isRegularFile(summary)) {
			JsonNode root = new ObjectMapper().readTree(summary.toFile());
			JsonNode umPerPixel = root.get("pixel_size_um");
			if (umPerPixel != null && umPerPixel.isNumber()) {
				JsonNode calibrated = root.get("pixel_size_calibrated");
				JsonNode origin = root.get("pixel_size_origin");
				size = new PixelSize(umPerPixel.asDouble(), calibrated != null && calibrated
					.asBoolean(), origin == null ? "summary.json of " + folder : origin.asText());
			}
		}
		return new TilResultFolder(nuclei, tissue, size, folder.toAbsolutePath().normalize()
			.getFileName().toString());
	}
}
