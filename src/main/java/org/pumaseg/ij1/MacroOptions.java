package org.pumaseg.ij1;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.pumaseg.InvalidInputException;

/**
 * Parses ImageJ 1.x macro options ({@code key=value key=[value with spaces] flag}) into a map
 * of strings. A key without a value is a checked checkbox and maps to {@code "true"}.
 * <p>
 * A bracketed value ends at the first {@code ]} followed by a space or the end of the options,
 * so paths such as {@code [/data/roi [1]]} keep their own brackets. A value that contains
 * {@code "] "} cannot be written.
 */
final class MacroOptions {

	private static final Pattern OPTION = Pattern.compile(
		"([A-Za-z_][A-Za-z0-9_]*)(?:=(\\[(?:[^\\]]|\\](?!\\s|$))*\\]|\\S+))?");

	private MacroOptions() {}

	/**
	 * Returns the options as key-value pairs, in their order.
	 *
	 * @param validKeys the keys the command takes; any other key is rejected
	 */
	static Map<String, String> parse(String options, String command, Set<String> validKeys) {
		Map<String, String> values = new LinkedHashMap<>();
		if (options == null) {
			return values;
		}
		Matcher matcher = OPTION.matcher(options.trim());
		int position = 0;
		while (matcher.find()) {
			if (!options.trim().substring(position, matcher.start()).isBlank()) {
				throw invalid(options, command, validKeys);
			}
			String key = matcher.group(1);
			String value = matcher.group(2);
			if (value == null) {
				value = "true";
			}
			else if (value.startsWith("[")) {
				value = value.substring(1, value.length() - 1);
			}
			if (!validKeys.contains(key)) {
				throw new InvalidInputException("Unknown option '" + key + "' for " + command +
					". Valid options: " + String.join(", ", validKeys) + ".");
			}
			values.put(key, value);
			position = matcher.end();
		}
		if (!options.trim().substring(position).isBlank()) {
			throw invalid(options, command, validKeys);
		}
		return values;
	}

	private static InvalidInputException invalid(String options, String command,
		Set<String> validKeys)
	{
		return new InvalidInputException("Cannot read the options '" + options + "' for " +
			command + ". Write them as key=value, with [brackets] around values that contain " +
			"spaces. Valid keys: " + String.join(", ", validKeys) + ".");
	}
}
