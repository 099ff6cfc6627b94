package org.pumaseg.til;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * TIL measures of one compartment. A compartment that cannot be located (stroma without a
 * tissue map) has an {@code undefinedReason} and no area or counts; a compartment that is
 * located but empty has area 0, counts 0 and undefined density and fraction.
 *
 * @param compartment which compartment
 * @param areaMm2 area in mm², clipped to the ROI, or null when undefined
 * @param tilCount TILs (lymphocytes and plasma cells) whose centroid lies in the compartment
 * @param nucleusCount nuclei of any class whose centroid lies in the compartment
 * @param tilDensityPerMm2 TILs per mm² of the compartment
 * @param tilFraction TILs as a fraction of all nuclei of the compartment
 * @param undefinedReason why the compartment could not be located, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CompartmentMeasures(Compartment compartment, Double areaMm2, Integer tilCount,
	Integer nucleusCount, Quantity tilDensityPerMm2, Quantity tilFraction,
	String undefinedReason)
{

	public CompartmentMeasures {
		Objects.requireNonNull(compartment);
		Objects.requireNonNull(tilDensityPerMm2);
		Objects.requireNonNull(tilFraction);
	}

	/**
	 * Measures of a located compartment; density and fraction are undefined for
	 * {@code emptyReason} when it has no area or no nuclei.
	 */
	static CompartmentMeasures measured(Compartment compartment, double areaMm2, int tilCount,
		int nucleusCount, String emptyReason)
	{
		Quantity density = Quantity.ratio(tilCount, areaMm2, emptyReason);
		Quantity fraction = Quantity.ratio(tilCount, nucleusCount, areaMm2 > 0
			? "no nuclei in the " + compartment.label().toLowerCase(java.util.Locale.ROOT) +
				" compartment"
			: emptyReason);
		return new CompartmentMeasures(compartment, areaMm2, tilCount, nucleusCount, density,
			fraction, null);
	}

	/** Returns the measures of a compartment that cannot be located, for {@code reason}. */
	static CompartmentMeasures undefined(Compartment compartment, String reason) {
		return new CompartmentMeasures(compartment, null, null, null, Quantity.undefined(reason),
			Quantity.undefined(reason), reason);
	}

	@JsonIgnore
	public boolean isDefined() {
		return undefinedReason == null;
	}
}
