package org.pumaseg.preprocess;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.pumaseg.InvalidInputException;
import org.pumaseg.Progress;
import org.pumaseg.image.RgbImage;

/** The stain normalisation methods users choose from, by their lower-case names. */
public enum StainNormalizationMethod {

	MACENKO(MacenkoNormalizer.NAME), REINHARD(ReinhardNormalizer.NAME);

	private final String id;

	StainNormalizationMethod(String id) {
		this.id = id;
	}

	/** Lower-case name used on the command line, in macros and in chain descriptions. */
	public String id() {
		return id;
	}

	/**
	 * Returns the method called {@code name} (any case).
	 *
	 * @throws InvalidInputException naming the valid methods
	 */
	public static StainNormalizationMethod fromName(String name) {
		for (StainNormalizationMethod method : values()) {
			if (method.id.equals(name == null ? null : name.trim().toLowerCase(Locale.ROOT))) {
				return method;
			}
		}
		throw new InvalidInputException("Unknown stain normalisation method '" + name +
			"'. Use one of: " + ids() + ".");
	}

	/** The valid names, comma-separated. */
	public static String ids() {
		return Arrays.stream(values()).map(StainNormalizationMethod::id).collect(Collectors
			.joining(", "));
	}

	/**
	 * Creates the normaliser: fitted to {@code reference} when given (which takes the first
	 * half of {@code progress}), else with the method's built-in reference.
	 */
	public PreprocessOp createNormalizer(RgbImage reference, Progress progress) {
		if (this == MACENKO) {
			return reference == null ? new MacenkoNormalizer() : MacenkoNormalizer.toReference(
				reference, progress);
		}
		return reference == null ? new ReinhardNormalizer() : ReinhardNormalizer.toReference(
			reference, progress);
	}

	/** Normalises {@code image}, with the method's built-in reference if {@code reference} is null. */
	public RgbImage normalize(RgbImage image, RgbImage reference, Progress progress) {
		Progress fitting = progress.subRange(0, reference == null ? 0 : 0.5);
		Progress applying = progress.subRange(reference == null ? 0 : 0.5, 1);
		PreprocessOp normalizer = createNormalizer(reference, fitting);
		return normalizer.apply(StageImage.of(image), applying).rgb();
	}
}
