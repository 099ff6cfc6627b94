package org.pumaseg.image;

import java.util.Locale;

/** Formats memory sizes for messages, in the binary units that Java's -Xmx option uses. */
public final class MemorySizes {

	private static final long MB = 1L << 20;
	private static final long GB = 1L << 30;

	private MemorySizes() {}

	/** Formats {@code bytes} as whole MB below 1 GB (so a 24 MB heap reads "24 MB"), else GB. */
	public static String format(long bytes) {
		if (bytes < GB) {
			return Math.max(1, Math.round((double) bytes / MB)) + " MB";
		}
		return String.format(Locale.ROOT, "%.1f GB", (double) bytes / GB);
	}
}
