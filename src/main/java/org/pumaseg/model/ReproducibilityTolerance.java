package org.pumaseg.model;

import java.util.List;
import java.util.Objects;

/**
 * Tolerance for comparing a model's output on its test input with its test output, from
 * {@code config.bioimageio.reproducibility_tolerance} (the bioimage.io convention): an element
 * mismatches when {@code |actual - expected| > absoluteTolerance + relativeTolerance *
 * |expected|} (NaN always mismatches), and at most {@code mismatchedElementsPerMillion}
 * elements per million may mismatch.
 *
 * @param outputIds the outputs this entry applies to; empty means all
 * @param weightsFormats the weights formats (rdf.yaml names) it applies to; empty means all
 */
public record ReproducibilityTolerance(double relativeTolerance, double absoluteTolerance,
	int mismatchedElementsPerMillion, List<String> outputIds, List<String> weightsFormats)
{

	/** The bioimage.io defaults, used when a package states no tolerance. */
	public static final ReproducibilityTolerance DEFAULT = new ReproducibilityTolerance(1e-3,
		1e-4, 100, List.of(), List.of());

	public ReproducibilityTolerance {
		outputIds = outputIds == null ? List.of() : List.copyOf(outputIds);
		weightsFormats = weightsFormats == null ? List.of() : List.copyOf(weightsFormats);
	}

	/**
	 * The tolerance for output {@code outputId} run with {@code format}: the first entry that
	 * applies (the bioimage.io rule), else {@link #DEFAULT}.
	 */
	public static ReproducibilityTolerance select(List<ReproducibilityTolerance> tolerances,
		String outputId, WeightsFormat format)
	{
		for (ReproducibilityTolerance tolerance : tolerances) {
			boolean outputMatches = tolerance.outputIds.isEmpty() || tolerance.outputIds
				.contains(outputId);
			boolean formatMatches = tolerance.weightsFormats.isEmpty() || tolerance.weightsFormats
				.contains(format.yamlName());
			if (outputMatches && formatMatches) {
				return tolerance;
			}
		}
		return DEFAULT;
	}

	/** Number of elements of {@code actual} that mismatch {@code expected}. */
	public long mismatches(NpyArray expected, NpyArray actual) {
		Objects.requireNonNull(expected, "expected");
		if (!java.util.Arrays.equals(expected.shape(), actual.shape())) {
			throw new IllegalArgumentException("Shapes differ: expected " + expected +
				", got " + actual + ".");
		}
		long count = 0;
		for (int i = 0; i < expected.size(); i++) {
			double want = expected.getDouble(i);
			double got = actual.getDouble(i);
			double allowed = absoluteTolerance + relativeTolerance * Math.abs(want);
			if (!(Math.abs(got - want) <= allowed)) {
				count++;
			}
		}
		return count;
	}

	/** True when {@code actual} matches {@code expected} within this tolerance. */
	public boolean accepts(NpyArray expected, NpyArray actual) {
		double allowedMismatches = Math.floor((double) mismatchedElementsPerMillion * expected
			.size() / 1e6);
		return mismatches(expected, actual) <= allowedMismatches;
	}
}
