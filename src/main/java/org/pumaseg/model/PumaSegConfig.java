package org.pumaseg.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.pumaseg.preprocess.PreprocessingChain;

/**
 * The {@code config.pumaseg} section of a PumaSeg model package (see docs/model-package.md):
 * what each output means, the class names and colours, the pixel size the model was trained
 * at, and the PumaSeg preprocessing its input images need.
 *
 * @param version version of this section's schema, {@link #VERSION}
 * @param pixelSizeUm micrometres per pixel of the images the model was trained on; PumaSeg
 *          resamples input images to this size
 * @param outputs the meaning of every output channel
 * @param nucleusClasses classes of the {@link OutputMeaning#NUCLEUS_CLASS_PROBABILITIES}
 *          output, or null without such output
 * @param tissueClasses classes of the {@link OutputMeaning#TISSUE_CLASS_PROBABILITIES} output,
 *          or null without such output
 * @param preprocessing the description of a {@link PreprocessingChain} (steps such as
 *          macenko or reinhard) that runs on each image after it is resampled to
 *          {@code pixelSizeUm} and before the input tensor's own preprocessing; empty (or
 *          null) for none. It is stored with every parameter written out.
 * @throws org.pumaseg.InvalidInputException when {@code preprocessing} names an unknown step
 *           or a bad parameter
 */
public record PumaSegConfig(int version, double pixelSizeUm, List<OutputRole> outputs,
	ClassSet nucleusClasses, ClassSet tissueClasses, List<Map<String, Object>> preprocessing)
{

	/** The schema version this code reads and writes. */
	public static final int VERSION = 1;

	public PumaSegConfig {
		outputs = List.copyOf(outputs);
		preprocessing = normalized(preprocessing);
	}

	/** A section without PumaSeg preprocessing. */
	public PumaSegConfig(int version, double pixelSizeUm, List<OutputRole> outputs,
		ClassSet nucleusClasses, ClassSet tissueClasses)
	{
		this(version, pixelSizeUm, outputs, nucleusClasses, tissueClasses, List.of());
	}

	/**
	 * Checks a chain description and writes out every default, so that a section built in
	 * code equals the same section read back from rdf.yaml.
	 */
	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> normalized(List<Map<String, Object>> description) {
		if (description == null || description.isEmpty()) {
			return List.of();
		}
		List<Map<String, Object>> complete = PreprocessingChain.fromDescription(description)
			.toDescription();
		return (List<Map<String, Object>>) YamlValues.immutableCopy(complete);
	}

	/** Builds the PumaSeg preprocessing chain; an empty chain when the package names none. */
	public PreprocessingChain preprocessingChain() {
		return PreprocessingChain.fromDescription(preprocessing);
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
