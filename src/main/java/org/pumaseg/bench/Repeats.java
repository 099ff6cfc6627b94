package org.pumaseg.bench;

/**
 * How often a timed step runs: {@code warmUps} untimed runs first, then the median of
 * {@code runs} timed runs is reported.
 */
public record Repeats(int warmUps, int runs) {

	/** Two warm-up runs and the median of 5. */
	public static final Repeats FULL = new Repeats(2, 5);

	/** One warm-up run and one timed run, for a smoke test of the benchmark itself. */
	public static final Repeats QUICK = new Repeats(1, 1);

	public Repeats {
		if (warmUps < 0 || runs < 1) {
			throw new IllegalArgumentException("Repeats need 0 or more warm-up runs and 1 or more " +
				"timed runs, not " + warmUps + " and " + runs + ".");
		}
	}

	/** Describes the repeats for a table, e.g. "median of 5 runs after 2 warm-up runs". */
	public String describe() {
		String timed = runs == 1 ? "1 timed run" : "median of " + runs + " runs";
		return timed + " after " + warmUps + (warmUps == 1 ? " warm-up run" : " warm-up runs");
	}
}
