package org.pumaseg.ij1;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.pumaseg.command.PanopticSegmentationCommand;
import org.scijava.Context;
import org.scijava.command.CommandService;

/**
 * Creates contexts the way plain ImageJ 1.x calls PumaSeg: from a thread whose context class
 * loader cannot see the PumaSeg jar, as ImageJ's plugin class loader is not the thread's.
 */
class SciJavaContextsTest {

	@Test
	void contextFindsCommandsFromForeignThread() {
		Thread thread = Thread.currentThread();
		ClassLoader previous = thread.getContextClassLoader();
		ClassLoader foreign = ClassLoader.getPlatformClassLoader();
		thread.setContextClassLoader(foreign);
		Context context = null;
		try {
			context = SciJavaContexts.create();

			assertSame(foreign, thread.getContextClassLoader(), "context class loader not restored");
			assertNotNull(context.service(CommandService.class).getCommand(
				PanopticSegmentationCommand.class.getName()), "Panoptic Segmentation not found");
		}
		finally {
			thread.setContextClassLoader(previous);
			if (context != null) {
				context.dispose();
			}
		}
	}
}
