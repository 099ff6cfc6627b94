package org.pumaseg.command;

import org.pumaseg.CanceledException;
import org.pumaseg.InvalidInputException;
import org.pumaseg.Progress;
import org.pumaseg.model.OfflineMode;
import org.scijava.app.StatusService;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;

/**
 * Base of PumaSeg's SciJava commands: runs the command's library call with progress in the
 * status bar, turns bad input into a canceled command whose reason is the library's message
 * (logged as an error, and shown by the macro bridge), and keeps DJL offline.
 */
abstract class PumaSegCommand extends ContextCommand {

	@Parameter
	protected LogService log;

	@Parameter(required = false)
	protected StatusService status;

	@Override
	public final void run() {
		OfflineMode.enable();
		try {
			execute(CommandProgress.of(status, this));
		}
		catch (InvalidInputException e) {
			log.error(e.getMessage());
			cancel(e.getMessage());
		}
		catch (CanceledException e) {
			cancel(e.getMessage());
		}
		finally {
			if (status != null) {
				status.clearStatus();
			}
		}
	}

	/** Runs the command; {@code progress} reports to the status bar and carries cancellation. */
	protected abstract void execute(Progress progress);
}
