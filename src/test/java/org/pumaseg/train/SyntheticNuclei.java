package org.pumaseg.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.pumaseg.annotation.ClassifiedPolygon;
import org.pumaseg.annotation.NucleusClass;
import org.pumaseg.label.LabelImage;
import org.pumaseg.label.LabelPolygon;
import org.pumaseg.label.LabelPolygons;

/**
 * Tiny synthetic H&amp;E-like images: dark purple discs (nuclei) on a pink background, with
 * their instance labels and classes. Made here so tests need no files.
 */
final class SyntheticNuclei {

	static final int BACKGROUND = 0xfff0c8dc;
	static final int NUCLEUS = 0xff503c8c;
	static final int DARK_NUCLEUS = 0xff281e50;

	private SyntheticNuclei() {}

	/** Label image with {@code discs} non-overlapping discs of radius 4 to 7 px. */
	static LabelImage discs(int width, int height, int discs, Random random) {
		LabelImage labels = LabelImage.create(width, height);
		int placed = 0;
		for (int attempt = 0; attempt < 1000 && placed < discs; attempt++) {
			int radius = 4 + random.nextInt(4);
			int cx = radius + random.nextInt(width - 2 * radius);
			int cy = radius + random.nextInt(height - 2 * radius);
			if (!free(labels, cx, cy, radius + 1)) {
				continue;
			}
			placed++;
			for (int y = cy - radius; y <= cy + radius; y++) {
				for (int x = cx - radius; x <= cx + radius; x++) {
					if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= radius * radius) {
						labels.set(x, y, placed);
					}
				}
			}
		}
		return labels;
	}

	private static boolean free(LabelImage labels, int cx, int cy, int radius) {
		for (int y = Math.max(0, cy - radius); y <= Math.min(labels.height() - 1, cy + radius); y++) {
			for (int x = Math.max(0, cx - radius); x <= Math.min(labels.width() - 1, cx +
				radius); x++)
			{
				if (labels.get(x, y) != 0) {
					return false;
				}
			}
		}
		return true;
	}

	/**
	 * RGB pixels of a label image: odd labels in the nucleus colour, even labels darker, noise
	 * everywhere.
	 */
	static int[] render(LabelImage labels, Random random) {
		int[] rgb = new int[labels.width() * labels.height()];
		for (int i = 0; i < rgb.length; i++) {
			int label = labels.labels()[i];
			int base = label == 0 ? BACKGROUND : label % 2 == 1 ? NUCLEUS : DARK_NUCLEUS;
			int noise = random.nextInt(21) - 10;
			int r = clamp(((base >> 16) & 0xff) + noise);
			int g = clamp(((base >> 8) & 0xff) + noise);
			int b = clamp((base & 0xff) + noise);
			rgb[i] = 0xff000000 | r << 16 | g << 8 | b;
		}
		return rgb;
	}

	private static int clamp(int value) {
		return Math.max(0, Math.min(255, value));
	}

	/** Ground-truth outlines of the discs: odd labels tumour, even labels lymphocyte. */
	static List<ClassifiedPolygon> polygons(LabelImage labels) {
		List<ClassifiedPolygon> nuclei = new ArrayList<>();
		for (LabelPolygon polygon : LabelPolygons.toPolygons(labels)) {
			NucleusClass nucleusClass = polygon.label() % 2 == 1 ? NucleusClass.TUMOR
				: NucleusClass.LYMPHOCYTE;
			nuclei.add(ClassifiedPolygon.annotation(nucleusClass.className(), polygon.geometry()));
		}
		return nuclei;
	}

	/**
	 * Images of discs; odd labels are class 1 (tumour), even labels class 2 (lymphocyte). With
	 * classes, the images carry the discs' outlines as ground-truth nuclei.
	 */
	static List<TrainingImage> images(int count, int size, long seed, boolean classes) {
		Random random = new Random(seed);
		List<TrainingImage> images = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			LabelImage labels = discs(size, size, 8, random);
			byte[] classOfLabel = null;
			if (classes) {
				classOfLabel = new byte[labels.maxLabel() + 1];
				for (int l = 1; l < classOfLabel.length; l++) {
					classOfLabel[l] = (byte) (l % 2 == 1 ? 1 : 2);
				}
			}
			images.add(new TrainingImage("discs-" + i, size, size, render(labels, random), Targets
				.ofInstances(labels, classOfLabel), classes ? polygons(labels) : null, null));
		}
		return images;
	}
}
