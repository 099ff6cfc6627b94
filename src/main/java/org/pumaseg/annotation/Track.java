package org.pumaseg.annotation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The two PUMA challenge tracks, plus class-blind nucleus detection, and the nucleus class names
 * each one scores.
 * <p>
 * Track 1 groups the 10 nucleus classes into tumour, lymphocyte (lymphocytes and plasma cells)
 * and other; track 2 scores the 10 classes as they are. {@link #DETECTION} is not a PUMA track:
 * it puts every nucleus into one class, {@value #NUCLEUS_NAME}, for ground truth without classes
 * such as MoNuSeg's outlines.
 */
public enum Track {

	TRACK1(1, "melanoma-3-class-nuclei-segmentation"),
	TRACK2(2, "melanoma-10-class-nuclei-segmentation"),
	/** Class-blind detection; has no number or challenge output of its own. */
	DETECTION(0, null);

	public static final String TUMOR_NAME = "nuclei_tumor";
	public static final String LYMPHOCYTE_NAME = "nuclei_lymphocyte";
	/** The track-1 class of all nuclei that are neither tumour nor lymphocyte. */
	public static final String OTHER_NAME = "nuclei_other";
	/** The one class of {@link #DETECTION}; also the class of outlines read without classes. */
	public static final String NUCLEUS_NAME = "nucleus";

	private final int number;
	private final String outputSlug;

	Track(int number, String outputSlug) {
		this.number = number;
		this.outputSlug = outputSlug;
	}

	/** 1 or 2 for the PUMA tracks, 0 for {@link #DETECTION}. */
	public int number() {
		return number;
	}

	/** Returns how reports name the scoring, e.g. "PUMA track 1" or "nucleus detection". */
	public String label() {
		return this == DETECTION ? "nucleus detection (classes ignored)" : "PUMA track " + number;
	}

	/** Returns the value of {@code --track} that selects this scoring: "1", "2" or "detection". */
	public String optionValue() {
		return this == DETECTION ? "detection" : Integer.toString(number);
	}

	/**
	 * File name stem of the challenge's nuclei output, e.g. {@code
	 * melanoma-3-class-nuclei-segmentation}.
	 *
	 * @throws IllegalStateException for {@link #DETECTION}, which has no challenge output
	 */
	public String outputSlug() {
		if (outputSlug == null) {
			throw new IllegalStateException("Nucleus detection has no PUMA challenge output; " +
				"write results with track 1 or 2.");
		}
		return outputSlug;
	}

	/** Returns the PUMA track with this number, 1 or 2. */
	public static Track of(int number) {
		if (number == 1 || number == 2) {
			return number == 1 ? TRACK1 : TRACK2;
		}
		throw new IllegalArgumentException("PUMA track " + number +
			" does not exist; use 1 (3 nucleus classes) or 2 (10 nucleus classes).");
	}

	/**
	 * Returns the scoring named by an option value: "1", "2" or "detection" (any case).
	 *
	 * @throws IllegalArgumentException naming the value and the choices
	 */
	public static Track parse(String value) {
		String trimmed = value == null ? "" : value.trim();
		for (Track track : values()) {
			if (track.optionValue().equalsIgnoreCase(trimmed)) {
				return track;
			}
		}
		throw new IllegalArgumentException("Unknown track \"" + value + "\"; use 1 (PUMA track " +
			"1, 3 nucleus classes), 2 (PUMA track 2, 10 classes) or detection (every nucleus one " +
			"class, for ground truth without classes such as MoNuSeg).");
	}

	/** The class names this track scores, in a fixed order. */
	public List<String> classNames() {
		if (this == DETECTION) {
			return List.of(NUCLEUS_NAME);
		}
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
	 *         ({@code nuclei_other} in track 2, {@code nucleus} in either PUMA track, tissue or
	 *         unknown names in any)
	 */
	public String toTrackClass(String className) {
		if (this == DETECTION) {
			boolean nucleus = NUCLEUS_NAME.equals(className) || OTHER_NAME.equals(className) ||
				NucleusClass.fromClassName(className) != null;
			return nucleus ? NUCLEUS_NAME : null;
		}
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
