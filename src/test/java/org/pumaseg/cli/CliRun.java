package org.pumaseg.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Runs the {@code pumaseg} command line in this JVM and captures what it prints, for tests of
 * the subcommands.
 */
public record CliRun(int exitCode, String out, String err) {

	/** Runs {@code pumaseg args...} and returns its exit status, standard output and error. */
	public static CliRun run(String... args) {
		PrintStream stdout = System.out;
		PrintStream stderr = System.err;
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
		System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
		try {
			int exitCode = PumaSegCli.run(args);
			return new CliRun(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(
				StandardCharsets.UTF_8));
		}
		finally {
			System.setOut(stdout);
			System.setErr(stderr);
		}
	}
}
