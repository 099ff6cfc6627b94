package org.pumaseg.model;

/**
 * The deep-learning engine cannot start on this machine. The message states what is wrong
 * (missing or damaged native libraries, an unsupported system) and what to do; callers show it
 * as it is, without a stack trace.
 */
public class EngineUnavailableException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public EngineUnavailableException(String message) {
		super(message);
	}

	public EngineUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}
}
