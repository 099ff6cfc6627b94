package org.pumaseg.bench;

import java.util.Arrays;

/** Wall-clock timing of a step repeated in one JVM. */
final class Timing {

	private Timing() {}

	/**
	 * Runs {@code step} {@code warmUps} times untimed, so the JIT compiles it, then returns the
	 * median of {@code runs} timed runs in seconds.
	 */
	static double medianSeconds(Runnable step, int warmUps, int runs) {
		for (int i = 0; i < warmUps; i++) {
			step.run();
		}
		double[] seconds = new double[runs];
		for (int i = 0; i < runs; i++) {
			seconds[i] = seconds(step);
		}
		Arrays.sort(seconds);
		return seconds[runs / 2];
	}

	/** Runs {@code step} once and returns its wall-clock time in seconds. */
	static double seconds(Runnable step) {
		long start = System.nanoTime();
		step.run();
		return (System.nanoTime() - start) / 1e9;
	}
}
