package org.pumaseg.result;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.pumaseg.annotation.TissueClass;
import org.pumaseg.annotation.TissueMask;
import org.pumaseg.annotation.Track;
import org.pumaseg.image.PixelSize;
import org.pumaseg.label.LabelImage;

/**
 * The panoptic segmentation of one image: nucleus instances with classes, and the tissue class
 * of every pixel. Every exporter (ImageJ images and tables, GeoJSON, challenge files, CSV,
 * TIL measures) works from this object.
 *
 * @param imageName name of the input image, without extension
 * @param width input width in pixels
 * @param height input height in pixels
 * @param pixelSize pixel size of the input (calibrated, or assumed and marked so)
 * @param nuclei the nuclei, ordered by id; nucleus i has id i + 1
 * @param nucleusClasses the classes the nuclei model predicts, in its channel order and
 *          without background: PUMA track-2 classes, or the track-1 classes with
 *          {@value Track#OTHER_NAME}. Every nucleus has one of them. The list is empty, and no
 *          nucleus has a class, when the model predicts none or no nuclei model ran.
 * @param nucleusLabels label image of the nuclei (0 background, else the nucleus id), or null
 *          when the nuclei came from polygons only
 * @param tissue the tissue class map, or null when no tissue model ran
 * @param provenance what produced the result (model ids, versions, parameters), for reports:
 *          text values as {@code String}, numeric ones as {@code Number}
 */
public record PanopticResult(String imageName, int width, int height, PixelSize pixelSize,
	List<DetectedNucleus> nuclei, List<String> nucleusClasses, LabelImage nucleusLabels,
	TissueMask tissue, Map<String, Object> provenance)
{

	public PanopticResult {
		Objects.requireNonNull(imageName);
		Objects.requireNonNull(pixelSize);
		nuclei = List.copyOf(nuclei);
		nucleusClasses = List.copyOf(nucleusClasses);
		provenance = Map.copyOf(provenance);
		for (String name : nucleusClasses) {
			if (!DetectedNucleus.isValidClass(name)) {
				throw new IllegalArgumentException("\"" + name + "\" is not a PUMA nucleus class " +
					"of track 1 or 2.");
			}
		}
		for (int i = 0; i < nuclei.size(); i++) {
			DetectedNucleus nucleus = nuclei.get(i);
			if (nucleus.id() != i + 1) {
				throw new IllegalArgumentException("Nucleus at index " + i + " has id " + nucleus
					.id() + "; ids must be 1, 2, ... in order.");
			}
			boolean known = nucleus.hasClass() ? nucleusClasses.contains(nucleus.nucleusClass())
				: nucleusClasses.isEmpty();
			if (!known) {
				throw new IllegalArgumentException("Nucleus " + nucleus.id() + " has the class " +
					nucleus.className() + ", but the result's nucleus classes are " +
					nucleusClasses + ".");
			}
		}
		if (nucleusLabels != null && (nucleusLabels.width() != width || nucleusLabels
			.height() != height))
		{
			throw new IllegalArgumentException("Label image of " + nucleusLabels.width() + " x " +
				nucleusLabels.height() + " does not match the image, " + width + " x " + height +
				".");
		}
		if (tissue != null && (tissue.width() != width || tissue.height() != height)) {
			throw new IllegalArgumentException("Tissue map of " + tissue.width() + " x " + tissue
				.height() + " does not match the image, " + width + " x " + height + ".");
		}
	}

	/** Returns the tissue class at pixel (x, y), or null without a tissue map or on background. */
	public TissueClass tissueAt(int x, int y) {
		if (tissue == null || x < 0 || y < 0 || x >= width || y >= height) {
			return null;
		}
		int code = tissue.code(x, y);
		return code == TissueClass.BACKGROUND_CODE ? null : TissueClass.fromMaskCode(code);
	}

	/** Area of {@code pixels} pixels in µm², from the pixel size. */
	public double areaUm2(double pixels) {
		return pixels * pixelSize.umPerPixel() * pixelSize.umPerPixel();
	}
}
