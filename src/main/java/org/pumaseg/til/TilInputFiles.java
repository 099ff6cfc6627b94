package org.pumaseg.til;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.locationtech.jts.geom.Envelope;
import org.pumaseg.InvalidInputException;
import org.pumaseg.annotation.AnnotationFile;
import org.pumaseg.annotation.AnnotationFiles;
import org.pumaseg.annotation.ClassifiedPolygon;
import org.pumaseg.annotation.Rasterization;
import org.pumaseg.annotation.TissueMask;
import org.pumaseg.annotation.TissueMaskTiff;
import org.pumaseg.image.ImageFileReader;
import org.pumaseg.image.PixelSize;
import org.pumaseg.image.PixelSizes;
import org.pumaseg.image.RgbImage;

/**
 * Assembles a {@link TilInput} from files, without a model run: nuclei from a GeoJSON or
 * challenge JSON file, an optional tissue map (a challenge tissue mask TIFF, or tissue regions
 * as GeoJSON), and an optional H&E image.
 * <p>
 * ROI size: the image's, else the tissue mask's, else the smallest size from the origin that
 * contains every polygon of the nuclei and tissue files (recorded in the notes). Pixel size: the
 * calibration of the image, else of the tissue mask TIFF, else the caller's assumed value
 * (recorded as assumed), else the input is rejected. Nuclei whose centroid lies outside the
 * ROI are rejected, because they come from another image than the tissue mask or the image.
 */
public final class TilInputFiles {

	/**
	 * Loaded inputs.
	 *
	 * @param input what quantification needs
	 * @param image the H&E image, or null when none was given
	 */
	public record Loaded(TilInput input, RgbImage image) {}

	private TilInputFiles() {}

	/**
	 * Reads the inputs.
	 *
	 * @param nucleiFile nuclei polygons (GeoJSON or challenge JSON)
	 * @param tissueFile tissue mask TIFF or tissue GeoJSON, or null to estimate the tumour region
	 * @param imageFile the H&E image of the ROI, or null
	 * @param assumedUmPerPixel pixel size in µm used when no file is calibrated, or NaN for none
	 * @throws InvalidInputException when a file cannot be read, sizes disagree, nuclei lie
	 *           outside the ROI, or the pixel size is unknown and none is assumed
	 */
	public static Loaded load(Path nucleiFile, Path tissueFile, Path imageFile,
		double assumedUmPerPixel)
	{
		return load(nucleiFile, tissueFile, imageFile, assumedUmPerPixel, null, null);
	}

	/**
	 * Reads the inputs as {@link #load(Path, Path, Path, double)} does, with what a result
	 * folder adds: a pixel size that replaces whatever the files carry (the tissue mask of a
	 * result folder stores a size in TIFF resolution tags even where the segmentation only
	 * assumed it), and a name for the ROI when no image is given (the image's name wins).
	 *
	 * @param pixelSizeOverride the pixel size to use, or null to take it from the files
	 * @param roiName name of the ROI without image, or null for the nuclei file's name
	 */
	public static Loaded load(Path nucleiFile, Path tissueFile, Path imageFile,
		double assumedUmPerPixel, PixelSize pixelSizeOverride, String roiName)
	{
		if (!Double.isNaN(assumedUmPerPixel)) {
			PixelSizes.requireMicroscopePixelSize(assumedUmPerPixel, "pixel size");
		}
		requireFile(nucleiFile, "Nuclei file");
		AnnotationFile nucleiAnnotations = AnnotationFiles.read(nucleiFile);
		List<NucleusPoint> nuclei = TilInput.centroids(nucleiAnnotations.objects(), nucleiFile
			.getFileName().toString());

		RgbImage image = imageFile == null ? null : new ImageFileReader().read(requireFile(
			imageFile, "Image"));
		TissueMask tissueMask = null;
		List<ClassifiedPolygon> tissueRegions = null;
		if (tissueFile != null) {
			requireFile(tissueFile, "Tissue file");
			if (isTiff(tissueFile)) {
				tissueMask = TissueMaskTiff.read(tissueFile);
			}
			else {
				tissueRegions = AnnotationFiles.read(tissueFile).objects();
			}
		}

		List<String> notes = new ArrayList<>();
		int width;
		int height;
		if (image != null) {
			width = image.width();
			height = image.height();
		}
		else if (tissueMask != null) {
			width = tissueMask.width();
			height = tissueMask.height();
		}
		else {
			Envelope extent = new Envelope();
			nucleiAnnotations.objects().forEach(o -> extent.expandToInclude(o.geometry()
				.getEnvelopeInternal()));
			if (tissueRegions != null) {
				tissueRegions.forEach(o -> extent.expandToInclude(o.geometry()
					.getEnvelopeInternal()));
			}
			if (extent.isNull()) {
				throw new InvalidInputException("Nuclei file " + nucleiFile.getFileName() +
					" contains no nuclei, so the ROI size is unknown. Give the image of the ROI too (--image on the " +
					"command line, image in Fiji and macros).");
			}
			width = (int) Math.ceil(extent.getMaxX());
			height = (int) Math.ceil(extent.getMaxY());
			notes.add("ROI size " + width + " x " + height + " px taken from the extent of the " +
				"polygons (no image or tissue mask given); give the image for the exact size.");
		}
		if (tissueMask != null && (tissueMask.width() != width || tissueMask.height() != height)) {
			throw new InvalidInputException("Tissue mask " + tissueFile.getFileName() + " is " +
				tissueMask.width() + " x " + tissueMask.height() + " pixels but the image is " +
				width + " x " + height + ". Use the mask made for this image.");
		}
		checkNucleiInside(nuclei, width, height, nucleiFile, image != null ? imageFile : null,
			tissueMask != null ? tissueFile : null);

		PixelSize pixelSize = pixelSizeOverride;
		if (pixelSize == null) {
			pixelSize = pixelSize(image, tissueMask, assumedUmPerPixel);
			if (pixelSize.calibrated() && !Double.isNaN(assumedUmPerPixel)) {
				notes.add("The given pixel size " + assumedUmPerPixel + " µm was not used: " +
					pixelSize.origin() + " gives " + pixelSize.umPerPixel() + " µm.");
			}
		}
		if (tissueRegions != null) {
			tissueMask = Rasterization.tissueMask(tissueRegions, width, height, pixelSize);
		}
		String name = stem(nucleiFile);
		if (image != null) {
			name = image.name();
		}
		else if (roiName != null) {
			name = roiName;
		}
		return new Loaded(new TilInput(name, width, height, pixelSize, nuclei, tissueMask, notes),
			image);
	}

	/**
	 * Rejects nuclei whose centroid lies outside the ROI. Quantification counts such a nucleus
	 * in the ROI's nearest edge pixel, so nuclei from a larger image than the tissue mask or
	 * the image would be counted in compartments they are not in. A centroid on the far edge
	 * (x = width) is inside.
	 *
	 * @param imageFile the image that set the ROI size, or null
	 * @param maskFile the tissue mask TIFF that set or matched the ROI size, or null
	 */
	private static void checkNucleiInside(List<NucleusPoint> nuclei, int width, int height,
		Path nucleiFile, Path imageFile, Path maskFile)
	{
		NucleusPoint firstOutside = null;
		int outside = 0;
		for (NucleusPoint nucleus : nuclei) {
			if (nucleus.x() < 0 || nucleus.y() < 0 || nucleus.x() > width || nucleus.y() >
				height)
			{
				outside++;
				if (firstOutside == null) {
					firstOutside = nucleus;
				}
			}
		}
		if (outside == 0) {
			return;
		}
		String where = String.format(Locale.ROOT, "%d of the %d nuclei of %s lie outside ",
			outside, nuclei.size(), nucleiFile.getFileName());
		String example = String.format(Locale.ROOT, ", for example the nucleus at x = %.1f, " +
			"y = %.1f", firstOutside.x(), firstOutside.y());
		if (maskFile != null && imageFile == null) {
			throw new InvalidInputException(where + "tissue mask " + maskFile.getFileName() +
				", which is " + width + " x " + height + " pixels" + example + ". The mask " +
				"belongs to another image: give the tissue mask of the image the nuclei come " +
				"from, or give that image too (--image on the command line, image in Fiji and " +
				"macros) to check the sizes.");
		}
		if (imageFile != null) {
			throw new InvalidInputException(where + "image " + imageFile.getFileName() +
				(maskFile != null ? " and its tissue mask " + maskFile.getFileName() : "") +
				", which " + (maskFile != null ? "are " : "is ") + width + " x " + height +
				" pixels" + example + ". Give the nuclei file of this image.");
		}
		throw new InvalidInputException(where + "the ROI, whose origin is the top-left corner " +
			"of the image" + example + ". Give nuclei in pixel coordinates of the image " +
			"(x = column, y = row, from 0).");
	}

	private static PixelSize pixelSize(RgbImage image, TissueMask mask, double assumedUmPerPixel) {
		PixelSize size = PixelSize.unknown("no image or tissue mask with a calibration was given");
		if (image != null) {
			size = image.pixelSize();
		}
		if (!size.isKnown() && mask != null && mask.pixelSize().isKnown()) {
			size = mask.pixelSize();
		}
		if (!size.isKnown() && !Double.isNaN(assumedUmPerPixel)) {
			size = size.orAssume(assumedUmPerPixel, "given by the user");
		}
		return size;
	}

	private static Path requireFile(Path file, String role) {
		if (!Files.isRegularFile(file)) {
			throw new InvalidInputException(role + " not found: " + file + ". Check the path.");
		}
		return file;
	}

	private static boolean isTiff(Path file) {
		String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
		return name.endsWith(".tif") || name.endsWith(".tiff");
	}

	private static String stem(Path file) {
		String name = file.getFileName().toString();
		for (String suffix : List.of(".geojson", ".json")) {
			if (name.toLowerCase(Locale.ROOT).endsWith(suffix)) {
				return name.substring(0, name.length() - suffix.length());
			}
		}
		return name;
	}
}
