package org.pumaseg.ij1;

import java.util.function.Supplier;

import org.pumaseg.model.OfflineMode;
import org.scijava.Context;

import ij.IJ;

/** The SciJava context that runs PumaSeg commands on behalf of ImageJ 1.x macros. */
final class SciJavaContexts {

	private static Context ownContext;

	private SciJavaContexts() {}

	/**
	 * Returns Fiji's context when ImageJ 1.x runs inside Fiji (imagej-legacy answers the
	 * {@code org.scijava.Context} plug-in call with it), else a context of PumaSeg's own,
	 * created once.
	 */
	static synchronized Context get() {
		OfflineMode.enable();
		Object fijiContext = null;
		try {
			fijiContext = IJ.runPlugIn("org.scijava.Context", "");
		}
		catch (RuntimeException | LinkageError e) {
			// Plain ImageJ 1.x has no such plug-in; use our own context.
		}
		if (fijiContext instanceof Context) {
			return (Context) fijiContext;
		}
		if (ownContext == null) {
			ownContext = create();
		}
		return ownContext;
	}

	/** Creates a SciJava context that finds PumaSeg's plug-ins whatever the calling thread. */
	static Context create() {
		return withPumaSegClassLoader(Context::new);
	}

	/**
	 * Runs {@code action} with PumaSeg's class loader as the thread's context class loader, then
	 * restores the previous one. SciJava discovers plug-ins and loads command classes through the
	 * context class loader, and DJL finds its engine through it. In plain ImageJ 1.x that loader
	 * is the application class loader, which does not see the jars in ImageJ's plugins folder,
	 * so {@code new Context()} fails there with "No compatible service".
	 */
	static <T> T withPumaSegClassLoader(Supplier<T> action) {
		Thread thread = Thread.currentThread();
		ClassLoader previous = thread.getContextClassLoader();
		thread.setContextClassLoader(SciJavaContexts.class.getClassLoader());
		try {
			return action.get();
		}
		finally {
			thread.setContextClassLoader(previous);
		}
	}
}
