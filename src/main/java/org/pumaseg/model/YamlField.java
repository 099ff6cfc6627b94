package org.pumaseg.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.pumaseg.InvalidInputException;

/**
 * A value read from rdf.yaml together with its path (e.g. {@code inputs[0].axes[2].size}),
 * so that every type error names the field it is about.
 */
final class YamlField {

	private final PackageErrors errors;
	private final String path;
	private final Object value;

	private YamlField(PackageErrors errors, String path, Object value) {
		this.errors = errors;
		this.path = path;
		this.value = value;
	}

	static YamlField root(Object value, PackageErrors errors) {
		return new YamlField(errors, "", value);
	}

	String path() {
		return path.isEmpty() ? "(top level)" : path;
	}

	boolean isPresent() {
		return value != null;
	}

	Object raw() {
		return value;
	}

	boolean isMap() {
		return value instanceof Map;
	}

	boolean isList() {
		return value instanceof List;
	}

	boolean isText() {
		return value instanceof String;
	}

	/** Returns the child {@code key} of this mapping, without a value when it is absent. */
	YamlField get(String key) {
		return new YamlField(errors, path.isEmpty() ? key : path + "." + key, map().get(key));
	}

	/** Returns the child {@code key}, which must be present. */
	YamlField required(String key, String fix) {
		YamlField child = get(key);
		if (!child.isPresent()) {
			throw errors.field(child.path, "is missing", fix);
		}
		return child;
	}

	@SuppressWarnings("unchecked")
	Map<String, Object> map() {
		if (!(value instanceof Map)) {
			throw error("must be a mapping of 'key: value' lines but is " + describe(value),
				"write it as a YAML mapping, see " + PackageErrors.DOCS + ".");
		}
		return (Map<String, Object>) value;
	}

	List<YamlField> list() {
		if (!(value instanceof List)) {
			throw error("must be a list but is " + describe(value),
				"write it as a YAML list, one '- ' item per line.");
		}
		List<YamlField> items = new ArrayList<>();
		List<?> list = (List<?>) value;
		for (int i = 0; i < list.size(); i++) {
			items.add(new YamlField(errors, path + "[" + i + "]", list.get(i)));
		}
		return items;
	}

	/** Returns the list, or an empty list when absent. */
	List<YamlField> listOrEmpty() {
		return isPresent() ? list() : List.of();
	}

	String text() {
		if (!(value instanceof String)) {
			throw error("must be text but is " + describe(value),
				"write it as text; put it in quotes if YAML reads it as something else.");
		}
		return (String) value;
	}

	String textOr(String fallback) {
		return isPresent() ? text() : fallback;
	}

	/**
	 * Returns text, or a number as text: YAML reads an unquoted version such as 2.10 as the
	 * number 2.1, which zoo descriptions often contain.
	 */
	String textOrNumber() {
		if (value instanceof Number) {
			return String.valueOf(value);
		}
		return text();
	}

	int integer() {
		if (value instanceof Integer || value instanceof Long) {
			long number = ((Number) value).longValue();
			if (number >= Integer.MIN_VALUE && number <= Integer.MAX_VALUE) {
				return (int) number;
			}
		}
		throw error("must be a whole number but is " + describe(value),
			"write a whole number such as 256.");
	}

	int integerOr(int fallback) {
		return isPresent() ? integer() : fallback;
	}

	double number() {
		if (value instanceof Number) {
			double number = ((Number) value).doubleValue();
			if (Double.isFinite(number)) {
				return number;
			}
		}
		throw error("must be a finite number but is " + describe(value),
			"write a number such as 0.25.");
	}

	double numberOr(double fallback) {
		return isPresent() ? number() : fallback;
	}

	boolean bool() {
		if (!(value instanceof Boolean)) {
			throw error("must be true or false but is " + describe(value),
				"write true or false.");
		}
		return (Boolean) value;
	}

	/** Rejects keys of this mapping that are not in {@code allowed}. */
	void allowOnly(Collection<String> allowed) {
		for (String key : map().keySet()) {
			if (!allowed.contains(key)) {
				throw errors.field(path.isEmpty() ? key : path + "." + key, "is not a known field " +
					"here (known: " + String.join(", ", new TreeSet<>(allowed)) + ")",
					"correct its spelling or remove it; data of your own belongs under " +
						"config.<your tool>.");
			}
		}
	}

	/** Returns a deep immutable copy of this value, for fields kept as plain YAML. */
	Object plainCopy() {
		try {
			return YamlValues.immutableCopy(value);
		}
		catch (IllegalArgumentException e) {
			throw error("holds data that is not plain YAML (" + e.getMessage() + ")",
				"use only text, numbers, true/false, lists and mappings.");
		}
	}

	InvalidInputException error(String problem, String fix) {
		return errors.field(path(), problem, fix);
	}

	static String describe(Object value) {
		if (value == null) {
			return "empty";
		}
		if (value instanceof String) {
			return "the text '" + value + "'";
		}
		if (value instanceof Boolean) {
			return "the truth value " + value;
		}
		if (value instanceof Number) {
			return "the number " + value;
		}
		if (value instanceof List) {
			return "a list";
		}
		if (value instanceof Map) {
			return "a mapping";
		}
		return "a " + value.getClass().getSimpleName();
	}
}
