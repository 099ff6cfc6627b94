package org.pumaseg.model;

import java.util.Objects;

/**
 * A file of a model package: its path relative to the package root (forward slashes) or an
 * http(s) URL, and optionally the SHA-256 of its content, which the loader then checks.
 *
 * @param source relative path or URL
 * @param sha256 64 lower-case hex digits, or null
 */
public record FileRef(String source, String sha256) {

	public FileRef {
		Objects.requireNonNull(source, "source");
	}

	/** A file without a checksum. */
	public static FileRef of(String source) {
		return new FileRef(source, null);
	}

	/** True when the source is a web address rather than a file inside the package. */
	public boolean isUrl() {
		return isUrl(source);
	}

	static boolean isUrl(String source) {
		String lower = source.toLowerCase(java.util.Locale.ROOT);
		return lower.startsWith("http://") || lower.startsWith("https://");
	}
}
