package org.pumaseg.result;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.pumaseg.InvalidInputException;
import org.pumaseg.annotation.TissueClass;
import org.pumaseg.annotation.TissueMask;
import org.pumaseg.annotation.Track;
import org.pumaseg.nuclei.DecodedNuclei;
import org.pumaseg.nuclei.NucleusInstance;

/**
 * Joins decoded nuclei and a tissue mask of the same image into one {@link PanopticResult},
 * placing each nucleus in the tissue class of the pixel under its centroid.
 */
public final class PanopticAssembler {

	private PanopticAssembler() {}

	/**
	 * @param imageName name of the input image, without extension
	 * @param nuclei decoded nuclei, with PUMA nucleus classes of track 1 or 2, or without
	 *          classes
	 * @param tissue tissue mask of the same size, or null without a tissue model
	 * @param provenance what produced the result (model ids, versions, parameters)
	 * @throws InvalidInputException when a class of {@code nuclei} is neither one of the 10 PUMA
	 *         nucleus classes nor the track-1 group nuclei_other, or the tissue mask has another
	 *         size
	 */
	public static PanopticResult assemble(String imageName, DecodedNuclei nuclei,
		TissueMask tissue, Map<String, Object> provenance)
	{
		int width = nuclei.labels().width();
		int height = nuclei.labels().height();
		if (tissue != null && (tissue.width() != width || tissue.height() != height)) {
			throw new InvalidInputException("The tissue mask of " + imageName + " is " + tissue
				.width() + " x " + tissue.height() + " pixels but the nuclei are " + width + " x " +
				height + ". Decode both at the same size.");
		}
		for (String className : nuclei.classNames()) {
			if (!DetectedNucleus.isValidClass(className)) {
				throw new InvalidInputException("The nuclei maps of " + imageName + " have the " +
					"class " + className + ", which is neither one of the 10 PUMA nucleus classes " +
					"nor the track-1 group " + Track.OTHER_NAME + ". Use a nuclei model that " +
					"predicts PUMA nucleus classes.");
			}
		}
		List<DetectedNucleus> detected = new ArrayList<>(nuclei.count());
		for (NucleusInstance nucleus : nuclei.nuclei()) {
			detected.add(new DetectedNucleus(nucleus.label(), nucleus.className(), nucleus
				.probability(), nucleus.outline(), nucleus.centroidX(), nucleus.centroidY(), nucleus
					.areaPixels(), tissueUnder(tissue, nucleus)));
		}
		return new PanopticResult(imageName, width, height, nuclei.pixelSize(), detected, nuclei
			.classNames(), nuclei.labels(), tissue, provenance);
	}

	/** Tissue class of the pixel containing the centroid, or null on background. */
	private static TissueClass tissueUnder(TissueMask tissue, NucleusInstance nucleus) {
		if (tissue == null) {
			return null;
		}
		int x = Math.min(tissue.width() - 1, (int) Math.floor(nucleus.centroidX()));
		int y = Math.min(tissue.height() - 1, (int) Math.floor(nucleus.centroidY()));
		return TissueClass.fromMaskCode(tissue.code(x, y));
	}
}
