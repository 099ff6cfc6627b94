package org.pumaseg.annotation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The two PUMA challenge tracks and the nucleus class names each one scores.
 * <p>
 * Track 1 groups the 10 nucleus classes into tumour, lymphocyte (lymphocytes and plasma cells)
 * and other; track 2 scores the 10 classes as they are.
 */
public enum Track {

	TRACK1(1, "melanoma-3-class-nuclei-segmentation"),
	TRACK2(2, "melanoma-10-class-nuclei-segmentation");

	public static final String TUMOR_NAME = "nuclei_tumor";
	public static final String LYMPHOCYTE_NAME = "nuclei_lymphocyte";
	/** The track-1 class of all nuclei that are neither tumour nor lymphocyte. */
	public static final String OTHER_NAME = "nuclei_other";

	private final int number;
	private final String outputSlug;

	Track(int number, String outputSlug) {
		this.number = number;
		this.outputSlug = outputSlug;
	}

	/** 1 or 2. */
	public int number() {
		return number;
	}

	/** File name stem of the challenge's nuclei output, e.g. {@code melanoma-3-class-nuclei-segmentation}. */
	public String outputSlug() {
		return outputSlug;
	}

	/** Returns the track with this number. */
	public static Track of(int number) {
		for (Track track : values()) {
			if (track.number == number) {
				return track;
			}
		}
		throw new IllegalArgumentException("PUMA track " + number +
			" does not exist; use 1 (3 nucleus classes) or 2 (10 nucleus classes).");
	}

	/** The class names this track scores, in a fixed order. */
	public List<String> classNames() {
		if (this == TRACK1) {
			return List.of(TUMOR_NAME, LYMPHOCYTE_NAME, OTHER_NAME);
		}
		List<String> names = new ArrayList<>();
		for (NucleusClass nucleusClass : NucleusClass.values()) {
			names.add(nucleusClass.className());
		}
		return Collections.unmodifiableList(names);
	}

	/**
	 * Maps a nucleus class name to this track's class name.
	 *
	 * @return the track's class name, or null when the name cannot be scored in this track
	 *         ({@code nuclei_other} in track 2, tissue or unknown names in either)
	 */
	public String toTrackClass(String className) {
		if (this == TRACK1 && OTHER_NAME.equals(className)) {
			return OTHER_NAME;
		}
		NucleusClass nucleusClass = NucleusClass.fromClassName(className);
		if (nucleusClass == null) {
			return null;
		}
		return this == TRACK1 ? nucleusClass.track1ClassName() : nucleusClass.className();
	}
}
