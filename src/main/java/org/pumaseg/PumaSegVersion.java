package org.pumaseg;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version of this PumaSeg build, as Maven wrote it into {@code version.properties}. It is
 * known whether PumaSeg runs from its jar or from the build's class folder, unlike the jar
 * manifest's implementation version.
 */
public final class PumaSegVersion {

	private static final String VERSION = read();

	private PumaSegVersion() {}

	/** Returns the version, e.g. {@code 0.1.0-SNAPSHOT}, or "unknown" outside a Maven build. */
	public static String get() {
		return VERSION;
	}

	private static String read() {
		try (InputStream in = PumaSegVersion.class.getResourceAsStream("version.properties")) {
			if (in == null) {
				return "unknown";
			}
			Properties properties = new Properties();
			properties.load(in);
			String version = properties.getProperty("version", "");
			return version.isBlank() || version.startsWith("${") ? "unknown" : version;
		}
		catch (IOException e) {
			return "unknown";
		}
	}
}
