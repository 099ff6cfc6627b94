package org.pumaseg.model;

import java.util.Arrays;
import java.util.List;

import org.pumaseg.annotation.NucleusClass;
import org.pumaseg.annotation.TissueClass;
import org.pumaseg.annotation.Track;

/**
 * The class names a PumaSeg model may predict: the PUMA nucleus and tissue classes of
 * {@link NucleusClass} and {@link TissueClass}, plus the names for background and for the
 * Track 1 group of all other nuclei.
 */
public final class PumaClassNames {

	/** The 10 nucleus classes of the PUMA annotations. */
	public static final List<String> NUCLEI = Arrays.stream(NucleusClass.values()).map(
		NucleusClass::className).toList();

	/** The 5 tissue classes of the PUMA annotations (class 4 is epidermis, not epithelium). */
	public static final List<String> TISSUE = Arrays.stream(TissueClass.values()).filter(
		tissue -> tissue != TissueClass.WHITE_BACKGROUND).map(TissueClass::className).toList();

	/** A channel for "no nucleus" or "no tissue class". */
	public static final String BACKGROUND = "background";

	/** PUMA Track 1 groups all nuclei except tumour, lymphocytes and plasma cells here. */
	public static final String NUCLEI_OTHER = Track.OTHER_NAME;

	/** White background in PUMA tissue annotations (mask value 0). */
	public static final String TISSUE_WHITE_BACKGROUND = TissueClass.WHITE_BACKGROUND
		.className();

	private PumaClassNames() {}

	/** Names allowed in {@code nucleus_classes}. */
	public static List<String> allowedNucleusNames() {
		List<String> names = new java.util.ArrayList<>(NUCLEI);
		names.add(NUCLEI_OTHER);
		names.add(BACKGROUND);
		return List.copyOf(names);
	}

	/** Returns {@code names} without {@value #BACKGROUND}, in their order. */
	public static List<String> withoutBackground(List<String> names) {
		return names.stream().filter(name -> !BACKGROUND.equals(name)).toList();
	}

	/** Names allowed in {@code tissue_classes}. */
	public static List<String> allowedTissueNames() {
		List<String> names = new java.util.ArrayList<>(TISSUE);
		names.add(TISSUE_WHITE_BACKGROUND);
		names.add(BACKGROUND);
		return List.copyOf(names);
	}
}
