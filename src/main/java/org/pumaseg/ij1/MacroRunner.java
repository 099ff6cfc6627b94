package org.pumaseg.ij1;

import java.awt.HeadlessException;
import java.io.IOException;
import java.util.regex.Pattern;

import org.pumaseg.model.OfflineMode;

import ij.Macro;
import ij.macro.Interpreter;

/**
 * Runs an ImageJ 1.x macro without Fiji and without a display, with PumaSeg's commands
 * installed, and reports whether it succeeded. Images stay in batch mode, as if the macro had
 * called {@code setBatchMode(true)}.
 * <p>
 * A macro that stops with {@code exit("message")} fails as invalid input (a usage error): ImageJ
 * 1.54g prints the message on standard output itself when it has no window, so the outcome has
 * no message of its own. A plain {@code exit} succeeds.
 */
public final class MacroRunner {

	/**
	 * The end state of a macro run.
	 *
	 * @param message what failed, or null on success and after {@code exit("message")}, whose
	 *          message ImageJ has printed already
	 */
	public record Outcome(boolean succeeded, boolean invalidInput, String message) {}

	/** A call of exit with an argument, such as {@code exit("usage: ...")}. */
	private static final Pattern EXIT_WITH_MESSAGE = Pattern.compile("\\bexit\\s*\\(\\s*[^)\\s]");

	/** A call of exit without message: {@code exit}, {@code exit;} or {@code exit()}. */
	private static final Pattern EXIT = Pattern.compile("\\bexit\\b");

	private MacroRunner() {}

	/** Runs {@code macro}; {@code argument} is what the macro's getArgument() returns. */
	public static Outcome run(String macro, String argument) throws IOException {
		OfflineMode.enable();
		MacroBridge.installCommands();
		MacroBridge.takeLastError();
		Interpreter.batchMode = true;
		Interpreter interpreter = new Interpreter();
		// Without this, ImageJ reports a macro error in a dialog, which fails headless with a
		// HeadlessException stack trace before the macro stops.
		interpreter.setIgnoreErrors(true);
		try {
			interpreter.run(macro, argument == null ? "" : argument);
		}
		catch (HeadlessException e) {
			// A file that open() cannot read as an image is bad input; other windows are not.
			int line = interpreter.getLineNumber();
			return new Outcome(false, opensFile(macro, line), needsWindow(macro, line));
		}
		catch (RuntimeException e) {
			return stopped(macro, interpreter, e);
		}
		String pumaSegError = MacroBridge.takeLastError();
		if (pumaSegError != null) {
			return new Outcome(false, true, pumaSegError);
		}
		// With errors ignored, ImageJ ends some errors (a syntax error, for one) without an
		// exception and only keeps the message.
		if (interpreter.wasError() || interpreter.getErrorMessage() != null) {
			return new Outcome(false, false, failedAt(macro, interpreter.getLineNumber(),
				interpreter.getErrorMessage()));
		}
		return new Outcome(true, false, null);
	}

	/** Turns the exception that stopped the macro into an outcome. */
	private static Outcome stopped(String macro, Interpreter interpreter, RuntimeException e) {
		String pumaSegError = MacroBridge.takeLastError();
		if (pumaSegError != null) {
			return new Outcome(false, true, pumaSegError);
		}
		int line = interpreter.getLineNumber();
		String errorMessage = interpreter.getErrorMessage();
		if (errorMessage != null) {
			return new Outcome(false, false, failedAt(macro, line, errorMessage));
		}
		if (Macro.MACRO_CANCELED.equals(e.getMessage())) {
			// NOTE: ImageJ 1.54g does not tell which exit stopped the macro, so the source line
			// decides: a line with both a plain exit and exit("message") counts as the latter.
			String statement = sourceLine(macro, line);
			if (EXIT_WITH_MESSAGE.matcher(statement).find()) {
				return new Outcome(false, true, null);
			}
			if (EXIT.matcher(statement).find()) {
				return new Outcome(true, false, null);
			}
			return new Outcome(false, false, "The macro was canceled at line " + line + ": " +
				statement);
		}
		return new Outcome(false, false, failedAt(macro, line, e.toString()));
	}

	private static String failedAt(String macro, int line, String message) {
		String statement = sourceLine(macro, line);
		return statement.isEmpty() ? "The macro failed: " + message : "The macro failed at line " +
			line + " (" + statement + "): " + message;
	}

	private static String needsWindow(String macro, int line) {
		String statement = sourceLine(macro, line);
		String hint = opensFile(macro, line) ? " ImageJ shows a file it cannot read as an " +
			"image (text, for example) in a window, so check that the file is an image in a " +
			"format ImageJ reads (TIFF, PNG, JPEG)." : " Run it in Fiji with a display, or " +
				"remove the step.";
		return "The macro failed at line " + line + " (" + statement + "): this step opens a " +
			"window, and pumaseg macro runs without a display." + hint;
	}

	private static boolean opensFile(String macro, int line) {
		return sourceLine(macro, line).contains("open(");
	}

	/** Returns line {@code number} (1-based) of {@code macro}, trimmed, or "" when out of range. */
	private static String sourceLine(String macro, int number) {
		String[] lines = macro.split("\\R", -1);
		return number >= 1 && number <= lines.length ? lines[number - 1].trim() : "";
	}
}
