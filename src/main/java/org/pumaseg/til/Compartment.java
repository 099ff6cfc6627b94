package org.pumaseg.til;

/**
 * The regions of a ROI in which TILs are counted. Intratumoural and stromal follow the tissue
 * classes and never overlap. The peritumoural band is geometric (outside the tumour, within
 * the band width of its border) and overlaps stroma and any other tissue there.
 */
public enum Compartment {

	/** Inside the tumour region. */
	INTRATUMOURAL("intratumoural", "Intratumoural"),
	/** Inside the stroma class of the tissue map, anywhere in the ROI. */
	STROMAL("stromal", "Stromal"),
	/** Outside the tumour region and within the band width of its border, clipped to the ROI. */
	PERITUMOURAL("peritumoural", "Peritumoural band"),
	/** The whole ROI. */
	ROI("roi", "Whole ROI");

	private final String id;
	private final String label;

	Compartment(String id, String label) {
		this.id = id;
		this.label = label;
	}

	/** Short name used in CSV column names and JSON. */
	public String id() {
		return id;
	}

	/** Name for tables and pictures. */
	public String label() {
		return label;
	}
}
