package org.pumaseg.til;

import java.util.Locale;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A measured value that may be undefined, for example a density over a compartment of zero
 * area. An undefined value carries the reason in words and never a number, so no report shows
 * 0 or NaN where nothing could be measured.
 * <p>
 * JSON: {@code {"value": 12.5}} or {@code {"undefinedReason": "no tumour region in the ROI"}}.
 *
 * @param value the value, or null when undefined
 * @param undefinedReason why the value is undefined, or null when it is defined
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Quantity(Double value, String undefinedReason) {

	/** Text written in CSV files and tables in place of an undefined value. */
	public static final String UNDEFINED_TEXT = "undefined";

	public Quantity {
		if ((value == null) == (undefinedReason == null)) {
			throw new IllegalArgumentException("A quantity has either a value or a reason why " +
				"it is undefined, not both or neither.");
		}
		if (value != null && !Double.isFinite(value)) {
			throw new IllegalArgumentException("A defined quantity must be finite, got " + value +
				"; make it undefined with a reason instead.");
		}
	}

	public static Quantity of(double value) {
		return new Quantity(value, null);
	}

	public static Quantity undefined(String reason) {
		return new Quantity(null, Objects.requireNonNull(reason));
	}

	/** Returns {@code numerator / denominator}, or undefined for {@code reason} when the denominator is 0. */
	public static Quantity ratio(double numerator, double denominator, String reason) {
		return denominator > 0 ? of(numerator / denominator) : undefined(reason);
	}

	@JsonIgnore
	public boolean isDefined() {
		return value != null;
	}

	/** Formats the value with {@code format} (a {@link String#format} pattern), or "undefined". */
	public String format(String format) {
		return isDefined() ? String.format(Locale.ROOT, format, value) : UNDEFINED_TEXT;
	}

	/** Returns the value in full precision for CSV files, or "undefined". */
	public String toCsv() {
		return isDefined() ? Double.toString(value) : UNDEFINED_TEXT;
	}
}
