package org.pumaseg.ij1;

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
			ownContext = new Context();
		}
		return ownContext;
	}
}
