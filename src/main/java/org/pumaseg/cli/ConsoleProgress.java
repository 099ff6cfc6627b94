package org.pumaseg.cli;

import java.util.Locale;

import org.pumaseg.Progress;

/**
 * Progress for the command line: a percentage on standard error, rewritten in place on a
 * terminal and printed at most every 10 % otherwise, so logs stay short.
 */
final class ConsoleProgress {

	private final String task;
	private final boolean terminal = System.console() != null;
	private int lastPercent = -1;

	ConsoleProgress(String task) {
		this.task = task;
	}

	Progress progress() {
		return Progress.of(this::update, () -> false);
	}

	private synchronized void update(double fraction, String message) {
		int percent = (int) Math.floor(fraction * 100);
		int step = terminal ? 1 : 10;
		if (percent / step == lastPercent / step) {
			return;
		}
		lastPercent = percent;
		String line = String.format(Locale.ROOT, "%s: %3d%% %s", task, percent, message == null
			? "" : message);
		if (terminal) {
			System.err.print("\r" + line + "\u001b[K");
		}
		else {
			System.err.println(line);
		}
	}

	void done() {
		if (terminal && lastPercent >= 0) {
			System.err.println();
		}
	}
}
