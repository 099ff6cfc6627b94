package org.pumaseg.model;

import java.util.List;
import java.util.Optional;

/**
 * The {@code config.pumaseg} section of a PumaSeg model package (see docs/model-package.md):
 * what each output means, the class names and colours, and the pixel size the model was
 * trained at.
 *
 * @param version version of this section's schema, {@link #VERSION}
 * @param pixelSizeUm micrometres per pixel of the images the model was trained on; PumaSeg
 *          resamples input images to this size
 * @param outputs the meaning of every output channel
 * @param nucleusClasses classes of the {@link OutputMeaning#NUCLEUS_CLASS_PROBABILITIES}
 *          output, or null without such output
 * @param tissueClasses classes of the {@link OutputMeaning#TISSUE_CLASS_PROBABILITIES} output,
 *          or null without such output
 */
public record PumaSegConfig(int version, double pixelSizeUm, List<OutputRole> outputs,
	ClassSet nucleusClasses, ClassSet tissueClasses)
{

	/** The schema version this code reads and writes. */
	public static final int VERSION = 1;

	public PumaSegConfig {
		outputs = List.copyOf(outputs);
	}

	/** The output entry with this meaning, if any. */
	public Optional<OutputRole> output(OutputMeaning meaning) {
		return outputs.stream().filter(role -> role.meaning() == meaning).findFirst();
	}

	/** True for a nuclei model (foreground and distance maps). */
	public boolean predictsNuclei() {
		return output(OutputMeaning.NUCLEI_FOREGROUND).isPresent();
	}

	/** True for a tissue model. */
	public boolean predictsTissue() {
		return output(OutputMeaning.TISSUE_CLASS_PROBABILITIES).isPresent();
	}
}
