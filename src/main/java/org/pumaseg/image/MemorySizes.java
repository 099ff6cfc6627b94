package org.pumaseg.image;

import java.util.Locale;

/** Formats memory sizes for messages, in the binary units that Java's -Xmx option uses. */
public final class MemorySizes {

	private static final long MB = 1L << 20;
	private static final long GB = 1L << 30;

	private MemorySizes() {}

	/**
	 * Returns an -Xmx value of whole gigabytes (such as "3g") with room for {@code bytes} plus
	 * 256 MB for the JVM itself.
	 */
	public static String heapOption(long bytes) {
		return (long) Math.ceil((bytes + 256.0 * MB) / GB) + "g";
	}

	/** Formats {@code bytes} as whole MB below 1 GB (so a 24 MB heap reads "24 MB"), else GB. */
	public static String format(long bytes) {
		if (bytes < GB) {
			return Math.max(1, Math.round((double) bytes / MB)) + " MB";
		}
		return String.format(Locale.ROOT, "%.1f GB", (double) bytes / GB);
	}
}
