package org.pumaseg.export;

import java.util.ArrayList;
import java.util.List;

import org.pumaseg.annotation.NucleusClass;
import org.pumaseg.annotation.Track;
import org.pumaseg.label.LabelImage;
import org.pumaseg.label.LabelPolygon;
import org.pumaseg.label.LabelPolygons;
import org.pumaseg.result.DetectedNucleus;
import org.pumaseg.result.PanopticResult;

/**
 * Per-pixel maps derived from a {@link PanopticResult}.
 * <p>
 * Nucleus class codes: 0 background, else 1 + the {@link NucleusClass} ordinal (1 tumour,
 * 2 lymphocyte, 3 plasma cell, 4 histiocyte, 5 melanophage, 6 neutrophil, 7 stromal cell,
 * 8 epithelium, 9 endothelium, 10 apoptotic cell), and 11 for the track-1 group
 * {@value Track#OTHER_NAME}. A model that predicts the track-1 classes gives 1, 2 (lymphocytes
 * and plasma cells) and 11. Nuclei without class (from a model that predicts none) are 0 as
 * well: the label image still contains them.
 */
public final class ClassMaps {

	/** The class names in code order: the class of code c is at index c - 1. */
	private static final List<String> CODED_CLASSES = buildCodedClasses();

	private ClassMaps() {}

	/** Returns the class names that have a code, in code order (code 1 first). */
	public static List<String> codedClasses() {
		return CODED_CLASSES;
	}

	/**
	 * Returns the code of {@code className} in the nucleus class map.
	 *
	 * @throws IllegalArgumentException when the name has no code
	 */
	public static int code(String className) {
		int index = CODED_CLASSES.indexOf(className);
		if (index < 0) {
			throw new IllegalArgumentException("The nucleus class \"" + className + "\" has no " +
				"code in the class map; the coded classes are " + CODED_CLASSES + ".");
		}
		return index + 1;
	}

	/**
	 * Returns the nucleus label image: the result's own, or one rasterised from the outlines
	 * (pixel centres inside) when the result has none.
	 */
	public static LabelImage nucleusLabels(PanopticResult result) {
		if (result.nucleusLabels() != null) {
			return result.nucleusLabels();
		}
		List<LabelPolygon> outlines = result.nuclei().stream().map(nucleus -> new LabelPolygon(
			nucleus.id(), nucleus.outline())).toList();
		return LabelPolygons.toLabelImage(outlines, result.width(), result.height());
	}

	/** Returns the nucleus class map, row-major, one byte per pixel. */
	public static byte[] nucleusClassCodes(PanopticResult result, LabelImage labels) {
		byte[] codeOfId = new byte[result.nuclei().size() + 1];
		for (DetectedNucleus nucleus : result.nuclei()) {
			if (nucleus.hasClass()) {
				codeOfId[nucleus.id()] = (byte) code(nucleus.nucleusClass());
			}
		}
		int[] ids = labels.labels();
		byte[] codes = new byte[ids.length];
		for (int i = 0; i < ids.length; i++) {
			int id = ids[i];
			codes[i] = id > 0 && id < codeOfId.length ? codeOfId[id] : 0;
		}
		return codes;
	}

	private static List<String> buildCodedClasses() {
		List<String> names = new ArrayList<>(Track.TRACK2.classNames());
		names.add(Track.OTHER_NAME);
		return List.copyOf(names);
	}
}
