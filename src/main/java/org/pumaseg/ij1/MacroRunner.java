package org.pumaseg.ij1;

import java.io.IOException;

import org.pumaseg.model.OfflineMode;

import ij.macro.Interpreter;

/**
 * Runs an ImageJ 1.x macro without Fiji and without a display, with PumaSeg's commands
 * installed, and reports whether it succeeded. Images stay in batch mode, as if the macro had
 * called {@code setBatchMode(true)}.
 */
public final class MacroRunner {

	/** The end state of a macro run; {@code message} is null on success. */
	public record Outcome(boolean succeeded, boolean invalidInput, String message) {}

	private MacroRunner() {}

	/** Runs {@code macro}; {@code argument} is what the macro's getArgument() returns. */
	public static Outcome run(String macro, String argument) throws IOException {
		OfflineMode.enable();
		MacroBridge.installCommands();
		MacroBridge.takeLastError();
		Interpreter.batchMode = true;
		Interpreter interpreter = new Interpreter();
		try {
			interpreter.run(macro, argument == null ? "" : argument);
		}
		catch (RuntimeException e) {
			// Headless, ImageJ cannot show its macro error dialog and throws instead.
			String pumaSegError = MacroBridge.takeLastError();
			if (pumaSegError != null) {
				return new Outcome(false, true, pumaSegError);
			}
			String message = interpreter.getErrorMessage();
			return new Outcome(false, false, "The macro failed: " + (message != null ? message : e
				.toString()));
		}
		String pumaSegError = MacroBridge.takeLastError();
		if (pumaSegError != null) {
			return new Outcome(false, true, pumaSegError);
		}
		if (interpreter.wasError()) {
			return new Outcome(false, false, "The macro failed: " + interpreter.getErrorMessage());
		}
		return new Outcome(true, false, null);
	}
}
