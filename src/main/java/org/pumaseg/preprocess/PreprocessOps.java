package org.pumaseg.preprocess;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.pumaseg.InvalidInputException;

/**
 * The preprocessing steps by name, and how each is made from its parameters.
 * <p>
 * <table>
 * <caption>Steps</caption>
 * <tr><th>name</th><th>takes → gives</th><th>parameters (default)</th></tr>
 * <tr><td>{@code optical_density}</td><td>RGB → 3 float</td><td>i0 (255), floor (1)</td></tr>
 * <tr><td>{@code colour_deconvolution}</td><td>RGB → 3 float</td><td>stains ("he"; or "hed",
 * or 2–3 [r, g, b] vectors), i0, floor</td></tr>
 * <tr><td>{@code macenko}</td><td>RGB → RGB</td><td>alpha (1), beta (0.15), max_percentile
 * (99), i0, floor, target_hematoxylin, target_eosin, target_max_concentrations (built-in
 * reference)</td></tr>
 * <tr><td>{@code reinhard}</td><td>RGB → RGB</td><td>target_mean, target_std (built-in
 * reference)</td></tr>
 * <tr><td>{@code resample}</td><td>RGB or float → same</td><td>um_per_pixel
 * (required)</td></tr>
 * <tr><td>{@code scale}</td><td>RGB or float → float</td><td>divide_by (255), subtract
 * (0)</td></tr>
 * <tr><td>{@code percentile}</td><td>RGB or float → float</td><td>low (1), high (99.8),
 * per_channel (true), clip (false), min_range (1e-6)</td></tr>
 * </table>
 */
public final class PreprocessOps {

	private static final Map<String, Function<Parameters, PreprocessOp>> FACTORIES =
		new LinkedHashMap<>();

	static {
		FACTORIES.put(OpticalDensity.NAME, OpticalDensity::fromParameters);
		FACTORIES.put(ColourDeconvolution.NAME, ColourDeconvolution::fromParameters);
		FACTORIES.put(MacenkoNormalizer.NAME, MacenkoNormalizer::fromParameters);
		FACTORIES.put(ReinhardNormalizer.NAME, ReinhardNormalizer::fromParameters);
		FACTORIES.put(Resampling.NAME, Resampling::fromParameters);
		FACTORIES.put(FixedScale.NAME, FixedScale::fromParameters);
		FACTORIES.put(PercentileNormalization.NAME, PercentileNormalization::fromParameters);
	}

	private PreprocessOps() {}

	/** Names of all steps, in a fixed order. */
	public static List<String> names() {
		return List.copyOf(FACTORIES.keySet());
	}

	/**
	 * Makes the step {@code name} with {@code parameters} (absent ones take their defaults).
	 *
	 * @throws InvalidInputException for an unknown name, an unknown parameter or a bad value;
	 *           the message names the value and the valid choices
	 */
	public static PreprocessOp create(String name, Map<String, ?> parameters) {
		Function<Parameters, PreprocessOp> factory = FACTORIES.get(name);
		if (factory == null) {
			throw new InvalidInputException("Unknown preprocessing step '" + name +
				"'; valid steps are: " + String.join(", ", names()) + ".");
		}
		Parameters p = new Parameters(name, parameters);
		PreprocessOp op = factory.apply(p);
		p.checkNoneLeft();
		return op;
	}
}
