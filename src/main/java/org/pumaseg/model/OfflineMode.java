package org.pumaseg.model;

/**
 * Keeps Deep Java Library (DJL) off the network.
 * <p>
 * When its engine starts, DJL 0.28 sends usage telemetry (it queries a cloud instance-metadata
 * address) and, when it cannot find native libraries, downloads them. Both stop when the
 * system property {@code OPT_OUT_TRACKING} or {@code ai.djl.offline} is {@code true} before the
 * first DJL class loads. This class refers to no DJL class, so every entry point (SciJava
 * commands, the command line, tests, benchmarks) can call {@link #enable()} first.
 */
public final class OfflineMode {

	private OfflineMode() {}

	/** Sets the DJL opt-out and offline properties. Calling it again has no further effect. */
	public static void enable() {
		System.setProperty("OPT_OUT_TRACKING", "true");
		System.setProperty("ai.djl.offline", "true");
	}

	/** Returns true if both DJL properties are set to {@code true}. */
	public static boolean isEnabled() {
		return "true".equals(System.getProperty("OPT_OUT_TRACKING")) && "true".equals(System
			.getProperty("ai.djl.offline"));
	}
}
