package org.pumaseg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.pumaseg.PumaSegVersion;

class PumaSegCliTest {

	@Test
	void versionOptionOnEveryCommand() {
		String expected = "PumaSeg " + PumaSegVersion.get();
		List<String> commands = List.of("segment", "evaluate", "til", "train", "normalize",
			"macro", "bench");
		for (String option : List.of("-V", "--version")) {
			CliRun top = CliRun.run(option);
			assertEquals(0, top.exitCode(), top.err());
			assertEquals(expected, top.out().strip());

			for (String command : commands) {
				CliRun run = CliRun.run(command, option);
				assertEquals(0, run.exitCode(), command + " " + option + ": " + run.err());
				assertTrue(run.out().strip().equals(expected), command + " " + option +
					" printed: '" + run.out() + "'");
			}
		}
	}
}
