package org.pumaseg.preprocess;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.pumaseg.InvalidInputException;

/**
 * Reads and checks the parameters of one preprocessing step from a description map.
 * <p>
 * Every read states the valid values, so a wrong value is reported with the step, the
 * parameter, the value given and what would be accepted. {@link #checkNoneLeft()} rejects
 * parameters the step does not have, listing the ones it has.
 */
final class Parameters {

	private final String op;
	private final Map<String, ?> values;
	private final Set<String> known = new LinkedHashSet<>();

	Parameters(String op, Map<String, ?> values) {
		this.op = op;
		this.values = values == null ? Map.of() : values;
	}

	String op() {
		return op;
	}

	boolean has(String key) {
		known.add(key);
		return values.get(key) != null;
	}

	/** A number in {@code [min, max]}, or {@code fallback} when absent. */
	double number(String key, double fallback, double min, double max) {
		return number(key, fallback, min, true, max, true);
	}

	/** A number between {@code min} and {@code max}, each bound inclusive or not. */
	double number(String key, double fallback, double min, boolean minInclusive, double max,
		boolean maxInclusive)
	{
		known.add(key);
		Object value = values.get(key);
		if (value == null) {
			return fallback;
		}
		double x = asNumber(key, value, "a number " + range(min, minInclusive, max,
			maxInclusive));
		boolean aboveMin = minInclusive ? x >= min : x > min;
		boolean belowMax = maxInclusive ? x <= max : x < max;
		if (!(aboveMin && belowMax)) {
			throw bad(key, value, "a number " + range(min, minInclusive, max, maxInclusive));
		}
		return x;
	}

	/** Any finite number, or {@code fallback} when absent. */
	double anyNumber(String key, double fallback) {
		known.add(key);
		Object value = values.get(key);
		if (value == null) {
			return fallback;
		}
		return asNumber(key, value, "a finite number");
	}

	/** A required number between {@code min} and {@code max}. */
	double requiredNumber(String key, double min, boolean minInclusive, double max,
		boolean maxInclusive)
	{
		if (!has(key)) {
			throw new InvalidInputException("Preprocessing step '" + op +
				"' needs the parameter '" + key + "': a number " + range(min, minInclusive, max,
					maxInclusive) + ".");
		}
		return number(key, Double.NaN, min, minInclusive, max, maxInclusive);
	}

	/** The value as given (null when absent), for parameters that take several forms. */
	Object raw(String key) {
		known.add(key);
		return values.get(key);
	}

	boolean bool(String key, boolean fallback) {
		known.add(key);
		Object value = values.get(key);
		if (value == null) {
			return fallback;
		}
		if (!(value instanceof Boolean b)) {
			throw bad(key, value, "true or false");
		}
		return b;
	}

	/** One of {@code choices}, compared exactly; {@code fallback} when absent. */
	String choice(String key, String fallback, List<String> choices) {
		known.add(key);
		Object value = values.get(key);
		if (value == null) {
			return fallback;
		}
		if (!(value instanceof String s) || !choices.contains(s)) {
			throw bad(key, value, "one of " + String.join(", ", choices));
		}
		return s;
	}

	/** A list of {@code length} finite numbers, or {@code fallback} when absent. */
	double[] vector(String key, double[] fallback, int length, String what) {
		known.add(key);
		Object value = values.get(key);
		if (value == null) {
			return fallback;
		}
		return asVector(key, value, length, what);
	}

	/** A list of {@code minRows..maxRows} lists of 3 finite numbers, or {@code fallback}. */
	double[][] rowsOfThree(String key, double[][] fallback, int minRows, int maxRows,
		String what)
	{
		known.add(key);
		Object value = values.get(key);
		if (value == null) {
			return fallback;
		}
		if (!(value instanceof List<?> rows) || rows.size() < minRows || rows.size() > maxRows) {
			throw bad(key, value, what);
		}
		double[][] result = new double[rows.size()][];
		for (int i = 0; i < rows.size(); i++) {
			if (!(rows.get(i) instanceof List<?>)) {
				throw bad(key, value, what);
			}
			result[i] = asVector(key, rows.get(i), 3, what);
		}
		return result;
	}

	/** Rejects a description that contains a parameter this step did not read. */
	void checkNoneLeft() {
		for (String key : values.keySet()) {
			if (!known.contains(key)) {
				throw new InvalidInputException("Preprocessing step '" + op +
					"' has no parameter '" + key + "'; its parameters are: " + String.join(", ",
						known) + ".");
			}
		}
	}

	InvalidInputException bad(String key, Object value, String expected) {
		return new InvalidInputException("Preprocessing step '" + op + "': parameter '" + key +
			"' = " + show(value) + " is not valid; it must be " + expected + ".");
	}

	private double asNumber(String key, Object value, String expected) {
		if (!(value instanceof Number n)) {
			throw bad(key, value, expected);
		}
		double x = n.doubleValue();
		if (!Double.isFinite(x)) {
			throw bad(key, value, expected);
		}
		return x;
	}

	private double[] asVector(String key, Object value, int length, String what) {
		if (!(value instanceof List<?> list) || list.size() != length) {
			throw bad(key, value, what);
		}
		double[] result = new double[length];
		for (int i = 0; i < length; i++) {
			result[i] = asNumber(key, list.get(i), what);
		}
		return result;
	}

	private static String range(double min, boolean minInclusive, double max,
		boolean maxInclusive)
	{
		if (max == Double.MAX_VALUE) {
			return (minInclusive ? "of at least " : "greater than ") + format(min);
		}
		return "from " + format(min) + (minInclusive ? "" : " (exclusive)") + " to " +
			format(max) + (maxInclusive ? "" : " (exclusive)");
	}

	private static String format(double x) {
		return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double
			.toString(x);
	}

	private static String show(Object value) {
		if (value instanceof String s) {
			return "\"" + s + "\"";
		}
		return String.valueOf(value);
	}

	// ---- helpers that build parameter maps ----

	static List<Double> list(double... values) {
		List<Double> list = new ArrayList<>(values.length);
		for (double v : values) {
			list.add(v);
		}
		return List.copyOf(list);
	}

	static List<List<Double>> rows(double[]... rows) {
		List<List<Double>> list = new ArrayList<>(rows.length);
		for (double[] row : rows) {
			list.add(list(row));
		}
		return List.copyOf(list);
	}

	/** An unmodifiable map keeping the insertion order of {@code keysAndValues}. */
	static Map<String, Object> ordered(Object... keysAndValues) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			map.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return java.util.Collections.unmodifiableMap(map);
	}
}
