package org.pumaseg.model;

import java.util.List;

/**
 * The class names a PumaSeg model may predict: the PUMA challenge's nucleus and tissue
 * classes, as spelled in its GeoJSON files, plus the names for background and for the
 * Track 1 group of all other nuclei.
 */
public final class PumaClassNames {

	/** The 10 nucleus classes of the PUMA annotations. */
	public static final List<String> NUCLEI = List.of("nuclei_tumor", "nuclei_lymphocyte",
		"nuclei_plasma_cell", "nuclei_histiocyte", "nuclei_melanophage", "nuclei_neutrophil",
		"nuclei_stroma", "nuclei_epithelium", "nuclei_endothelium", "nuclei_apoptosis");

	/** The 5 tissue classes of the PUMA annotations (class 4 is epidermis, not epithelium). */
	public static final List<String> TISSUE = List.of("tissue_stroma", "tissue_blood_vessel",
		"tissue_tumor", "tissue_epidermis", "tissue_necrosis");

	/** A channel for "no nucleus" or "no tissue class". */
	public static final String BACKGROUND = "background";

	/** PUMA Track 1 groups all nuclei except tumour, lymphocytes and plasma cells here. */
	public static final String NUCLEI_OTHER = "nuclei_other";

	/** White background in PUMA tissue annotations (mask value 0). */
	public static final String TISSUE_WHITE_BACKGROUND = "tissue_white_background";

	private PumaClassNames() {}

	/** Names allowed in {@code nucleus_classes}. */
	public static List<String> allowedNucleusNames() {
		List<String> names = new java.util.ArrayList<>(NUCLEI);
		names.add(NUCLEI_OTHER);
		names.add(BACKGROUND);
		return List.copyOf(names);
	}

	/** Names allowed in {@code tissue_classes}. */
	public static List<String> allowedTissueNames() {
		List<String> names = new java.util.ArrayList<>(TISSUE);
		names.add(TISSUE_WHITE_BACKGROUND);
		names.add(BACKGROUND);
		return List.copyOf(names);
	}
}
