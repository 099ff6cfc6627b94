package org.pumaseg.cli;

import java.util.Locale;

import org.pumaseg.Progress;

/**
 * Progress for the command line: a line on standard error each time another 10 % is done or
 * the step changes, so progress and log messages never overwrite each other and logs stay short.
 */
final class ConsoleProgress {

	private final String task;
	private int lastPercent = -1;
	private String lastMessage;

	ConsoleProgress(String task) {
		this.task = task;
	}

	Progress progress() {
		return Progress.of(this::update, () -> false);
	}

	private synchronized void update(double fraction, String message) {
		int percent = (int) Math.floor(fraction * 100);
		boolean sameStep = lastPercent >= 0 && percent / 10 == lastPercent / 10;
		if (sameStep && java.util.Objects.equals(message, lastMessage)) {
			return;
		}
		lastPercent = percent;
		lastMessage = message;
		System.err.println(String.format(Locale.ROOT, "%s: %3d%% %s", task, percent,
			message == null ? "" : message));
	}
}
