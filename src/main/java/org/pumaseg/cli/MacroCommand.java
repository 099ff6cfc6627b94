package org.pumaseg.cli;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.pumaseg.InvalidInputException;
import org.pumaseg.ij1.MacroRunner;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pumaseg macro}: runs an ImageJ macro headless with PumaSeg's commands. */
@Command(name = "macro", mixinStandardHelpOptions = true,
	description = "Run an ImageJ 1.x macro (.ijm) without a display. PumaSeg commands are " +
		"reached with run(\"Stain Normalization\", \"method=macenko\") and so on; images stay " +
		"in batch mode. The exit status is 0 when the macro completes or stops with exit, " +
		"2 when it stops with exit(\"message\") (a usage error: ImageJ prints the message) " +
		"or on bad input, and 1 when it fails.")
final class MacroCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "MACRO", description = "The macro file (.ijm).")
	Path macro;

	@Option(names = "--arg", paramLabel = "TEXT",
		description = "Text the macro reads with getArgument().")
	String argument;

	@Override
	public Integer call() throws Exception {
		if (!Files.isRegularFile(macro)) {
			throw new InvalidInputException("Macro file not found: " + macro +
				". Check the path and its spelling.");
		}
		String text;
		try {
			text = Files.readString(macro, StandardCharsets.UTF_8);
		}
		catch (CharacterCodingException e) {
			throw new InvalidInputException("The macro file " + macro + " is not UTF-8 text, so " +
				"it cannot be an ImageJ macro. Give a .ijm text file, saved as UTF-8.", e);
		}

		MacroRunner.Outcome outcome = MacroRunner.run(text, argument);
		if (!outcome.succeeded()) {
			// After exit("message") ImageJ has printed the message, so there is nothing to add.
			if (outcome.message() != null) {
				System.err.println("Error: " + outcome.message());
			}
			return outcome.invalidInput() ? PumaSegCli.EXIT_INVALID_INPUT : PumaSegCli.EXIT_FAILURE;
		}
		return 0;
	}
}
