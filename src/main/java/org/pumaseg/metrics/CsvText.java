package org.pumaseg.metrics;

/** CSV quoting of free text such as image names. */
final class CsvText {

	private CsvText() {}

	static String quote(String text) {
		if (text.contains(",") || text.contains("\"") || text.contains("\n")) {
			return "\"" + text.replace("\"", "\"\"") + "\"";
		}
		return text;
	}
}
