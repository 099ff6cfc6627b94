package org.pumaseg.til;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.pumaseg.InvalidInputException;
import org.pumaseg.export.ResultFolderWriter;

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
 * @param pixelSizeUm the pixel size the user gave, else the one in the folder's
 *          {@value ResultFolderWriter#SUMMARY}, or null when neither has one
 * @param roiName the folder's name, which is the name of the segmented image
 */
public record TilResultFolder(Path nuclei, Path tissue, Double pixelSizeUm, String roiName) {

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
		Path summary = folder.resolve(ResultFolderWriter.SUMMARY);
		if (pixelSize == null && Files.isRegularFile(summary)) {
			var size = new ObjectMapper().readTree(summary.toFile()).get("pixel_size_um");
			if (size != null && size.isNumber()) {
				pixelSize = size.asDouble();
			}
		}
		return new TilResultFolder(nuclei, tissue, pixelSize, folder.toAbsolutePath().normalize()
			.getFileName().toString());
	}
}
