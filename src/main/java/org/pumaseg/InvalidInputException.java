package org.pumaseg;

/**
 * Bad user input: an unreadable or unsupported image, a malformed annotation file, a broken
 * model package or an out-of-range parameter.
 * <p>
 * The message is shown to the user as it is, so it names the offending value (a file, a
 * parameter and its value) and says how to fix it. Commands show it as an error message, the
 * command line prints it and exits with status 2. Code that throws it must not have written
 * any output yet.
 */
public class InvalidInputException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public InvalidInputException(String message) {
		super(message);
	}

	public InvalidInputException(String message, Throwable cause) {
		super(message, cause);
	}
}
