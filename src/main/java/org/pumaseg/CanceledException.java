package org.pumaseg;

/** Thrown by long-running steps when the user cancels; no output of the step is kept. */
public class CanceledException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public CanceledException() {
		super("Canceled by the user.");
	}
}
