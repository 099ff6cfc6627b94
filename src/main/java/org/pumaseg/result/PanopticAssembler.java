package org.pumaseg.result;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.pumaseg.InvalidInputException;
import org.pumaseg.annotation.NucleusClass;
import org.pumaseg.annotation.TissueClass;
import org.pumaseg.annotation.TissueMask;
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
	 * @param nuclei decoded nuclei, with the PUMA nucleus classes or without classes
	 * @param tissue tissue mask of the same size, or null without a tissue model
	 * @param provenance what produced the result (model ids, versions, parameters)
	 * @throws InvalidInputException when a nucleus has a class outside the 10 PUMA nucleus
	 *         classes, or the tissue mask has another size
	 */
	public static PanopticResult assemble(String imageName, DecodedNuclei nuclei,
		TissueMask tissue, Map<String, String> provenance)
	{
		int width = nuclei.labels().width();
		int height = nuclei.labels().height();
		if (tissue != null && (tissue.width() != width || tissue.height() != height)) {
			throw new InvalidInputException("The tissue mask of " + imageName + " is " + tissue
				.width() + " x " + tissue.height() + " pixels but the nuclei are " + width + " x " +
				height + ". Decode both at the same size.");
		}
		List<DetectedNucleus> detected = new ArrayList<>(nuclei.count());
		for (NucleusInstance nucleus : nuclei.nuclei()) {
			detected.add(new DetectedNucleus(nucleus.label(), nucleusClass(nucleus, imageName),
				nucleus.probability(), nucleus.outline(), nucleus.centroidX(), nucleus.centroidY(),
				nucleus.areaPixels(), tissueUnder(tissue, nucleus)));
		}
		return new PanopticResult(imageName, width, height, nuclei.pixelSize(), detected, nuclei
			.labels(), tissue, provenance);
	}

	// NOTE: a classified DetectedNucleus has one of the 10 PUMA classes, so nuclei classed
	// nuclei_other by a track-1 model cannot be assembled yet. Nuclei without class can.
	private static NucleusClass nucleusClass(NucleusInstance nucleus, String imageName) {
		if (!nucleus.hasClass()) {
			return null;
		}
		NucleusClass nucleusClass = NucleusClass.fromClassName(nucleus.className());
		if (nucleusClass == null) {
			throw new InvalidInputException("Nucleus " + nucleus.label() + " of " + imageName +
				" has the class " + nucleus.className() + ", which is not one of the 10 PUMA " +
				"nucleus classes. Use a nuclei model that predicts the PUMA nucleus classes.");
		}
		return nucleusClass;
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
