package org.pumaseg.annotation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The vocabulary of class names that PumaSeg reads and writes, and their default colours. */
public final class ClassNames {

	private static final List<String> KNOWN = buildKnownNames();

	private ClassNames() {}

	/**
	 * All known names: the 10 nucleus classes, the track-1 class {@code nuclei_other}, the
	 * class-blind {@value Track#NUCLEUS_NAME} (nuclei from a model without classes) and the 6
	 * tissue classes.
	 */
	public static List<String> knownNames() {
		return KNOWN;
	}

	public static boolean isKnown(String name) {
		return KNOWN.contains(name);
	}

	public static boolean isNucleusClass(String name) {
		return NucleusClass.fromClassName(name) != null || Track.OTHER_NAME.equals(name) || Track
			.NUCLEUS_NAME.equals(name);
	}

	public static boolean isTissueClass(String name) {
		return TissueClass.fromClassName(name) != null;
	}

	/** Default display colour {r, g, b} of a known class; grey for unknown names. */
	public static int[] defaultColor(String name) {
		NucleusClass nucleusClass = NucleusClass.fromClassName(name);
		if (nucleusClass != null) {
			return nucleusClass.color();
		}
		TissueClass tissueClass = TissueClass.fromClassName(name);
		if (tissueClass != null) {
			return tissueClass.color();
		}
		if (Track.OTHER_NAME.equals(name)) {
			return new int[] { 255, 200, 0 };
		}
		if (Track.NUCLEUS_NAME.equals(name)) {
			return new int[] { 255, 255, 0 };
		}
		return new int[] { 128, 128, 128 };
	}

	private static List<String> buildKnownNames() {
		List<String> names = new ArrayList<>();
		for (NucleusClass nucleusClass : NucleusClass.values()) {
			names.add(nucleusClass.className());
		}
		names.add(Track.OTHER_NAME);
		names.add(Track.NUCLEUS_NAME);
		for (TissueClass tissueClass : TissueClass.values()) {
			names.add(tissueClass.className());
		}
		return Collections.unmodifiableList(names);
	}
}
