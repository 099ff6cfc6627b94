package org.pumaseg.til;

import org.pumaseg.annotation.Track;

/**
 * The role of a nucleus in TIL quantification: the three track-1 groups of PUMA. TILs are
 * lymphocytes and plasma cells, as in track 1 and in the international TILs working group's
 * method, which scores all mononuclear cells including plasma cells.
 */
public enum CellType {

	TUMOUR, TIL, OTHER;

	/**
	 * Returns the type of a nucleus class name of either track ({@code nuclei_plasma_cell},
	 * {@code nuclei_other}, ...), or null when the name is not a nucleus class.
	 */
	public static CellType fromClassName(String className) {
		String track1 = Track.TRACK1.toTrackClass(className);
		return track1 == null ? null : fromTrack1ClassName(track1);
	}

	private static CellType fromTrack1ClassName(String track1ClassName) {
		return switch (track1ClassName) {
			case Track.TUMOR_NAME -> TUMOUR;
			case Track.LYMPHOCYTE_NAME -> TIL;
			default -> OTHER;
		};
	}
}
