package org.pumaseg.command;

import org.pumaseg.Progress;
import org.scijava.Cancelable;
import org.scijava.app.StatusService;

/**
 * Bridges library {@link Progress} to SciJava: fractions go to the status bar (Fiji shows it
 * in ImageJ's status bar) and the command's {@link Cancelable} state stops the library step.
 */
final class CommandProgress {

	private static final int STEPS = 1000;

	private CommandProgress() {}

	static Progress of(StatusService status, Cancelable command) {
		String[] lastMessage = { null };
		return Progress.of((fraction, message) -> {
			if (status == null) {
				return;
			}
			status.showProgress((int) Math.round(fraction * STEPS), STEPS);
			if (message != null && !message.equals(lastMessage[0])) {
				status.showStatus(message);
				lastMessage[0] = message;
			}
		}, command::isCanceled);
	}
}
