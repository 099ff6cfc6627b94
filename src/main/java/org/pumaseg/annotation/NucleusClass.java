package org.pumaseg.annotation;

/**
 * The 10 PUMA nucleus classes (track 2) and their grouping into the 3 track-1 classes.
 * <p>
 * Track 1 scores tumour nuclei, tumour-infiltrating lymphocytes (lymphocytes and plasma cells)
 * and all other nuclei. The colours are defaults for written files only: PUMA files use different
 * colours for the same class, so a class is always identified by its name.
 */
public enum NucleusClass {

	TUMOR("nuclei_tumor", 200, 0, 0, Track.TUMOR_NAME),
	LYMPHOCYTE("nuclei_lymphocyte", 150, 200, 150, Track.LYMPHOCYTE_NAME),
	PLASMA_CELL("nuclei_plasma_cell", 89, 165, 113, Track.LYMPHOCYTE_NAME),
	HISTIOCYTE("nuclei_histiocyte", 52, 67, 95, Track.OTHER_NAME),
	MELANOPHAGE("nuclei_melanophage", 161, 118, 38, Track.OTHER_NAME),
	NEUTROPHIL("nuclei_neutrophil", 255, 175, 0, Track.OTHER_NAME),
	STROMA("nuclei_stroma", 0, 128, 255, Track.OTHER_NAME),
	EPITHELIUM("nuclei_epithelium", 255, 0, 255, Track.OTHER_NAME),
	ENDOTHELIUM("nuclei_endothelium", 0, 255, 255, Track.OTHER_NAME),
	APOPTOSIS("nuclei_apoptosis", 128, 0, 128, Track.OTHER_NAME);

	private final String className;
	private final int[] color;
	private final String track1ClassName;

	NucleusClass(String className, int red, int green, int blue, String track1ClassName) {
		this.className = className;
		this.color = new int[] { red, green, blue };
		this.track1ClassName = track1ClassName;
	}

	/** The name used in PUMA files, e.g. {@code nuclei_plasma_cell}. */
	public String className() {
		return className;
	}

	/** Default display colour as {r, g, b}, 0-255; a copy. */
	public int[] color() {
		return color.clone();
	}

	/** The track-1 class this class belongs to: tumour, lymphocyte or other. */
	public String track1ClassName() {
		return track1ClassName;
	}

	/** Returns the class with this PUMA name, or null. */
	public static NucleusClass fromClassName(String name) {
		for (NucleusClass nucleusClass : values()) {
			if (nucleusClass.className.equals(name)) {
				return nucleusClass;
			}
		}
		return null;
	}
}
