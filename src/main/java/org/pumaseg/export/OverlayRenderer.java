package org.pumaseg.export;

import org.pumaseg.annotation.NucleusClass;
import org.pumaseg.annotation.TissueClass;
import org.pumaseg.annotation.TissueMask;
import org.pumaseg.image.RgbImage;
import org.pumaseg.label.LabelImage;
import org.pumaseg.result.DetectedNucleus;
import org.pumaseg.result.PanopticResult;

/**
 * Draws a panoptic result over its H&E image: tissue regions as a light tint of their class
 * colour with a border line, and nucleus outlines in their class colour. An outline pixel is a
 * pixel of a nucleus with a 4-neighbour outside it, so outlines are one pixel wide and never
 * hide another nucleus.
 */
public final class OverlayRenderer {

	/** Share of the tissue colour in the tint, in [0, 1]. */
	static final double TISSUE_TINT = 0.18;

	private OverlayRenderer() {}

	/** Returns a new image; {@code image} is not changed. */
	public static RgbImage render(RgbImage image, PanopticResult result) {
		int width = image.width();
		int height = image.height();
		if (width != result.width() || height != result.height()) {
			throw new IllegalArgumentException("Image of " + width + " x " + height +
				" does not match the result, " + result.width() + " x " + result.height() + ".");
		}
		int[] pixels = image.packedRgb().clone();
		if (result.tissue() != null) {
			drawTissue(pixels, result.tissue());
		}
		drawNuclei(pixels, ClassMaps.nucleusLabels(result), result);
		return RgbImage.wrap(image.name() + " overlay", pixels, width, height, image.pixelSize());
	}

	private static void drawTissue(int[] pixels, TissueMask tissue) {
		int width = tissue.width();
		int height = tissue.height();
		int[] colours = new int[TissueClass.MAX_CODE + 1];
		for (int code = 1; code <= TissueClass.MAX_CODE; code++) {
			colours[code] = pack(TissueClass.fromMaskCode(code).color());
		}
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				int code = tissue.code(x, y);
				if (code == TissueClass.BACKGROUND_CODE) {
					continue;
				}
				int index = y * width + x;
				boolean border = x + 1 < width && tissue.code(x + 1, y) != code || y + 1 < height &&
					tissue.code(x, y + 1) != code;
				pixels[index] = border ? colours[code] : blend(pixels[index], colours[code],
					TISSUE_TINT);
			}
		}
	}

	private static void drawNuclei(int[] pixels, LabelImage labels, PanopticResult result) {
		int[] colourOfId = new int[result.nuclei().size() + 1];
		for (DetectedNucleus nucleus : result.nuclei()) {
			colourOfId[nucleus.id()] = pack(nucleus.color());
		}
		int width = labels.width();
		int height = labels.height();
		int[] ids = labels.labels();
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				int index = y * width + x;
				int id = ids[index];
				if (id <= 0 || id >= colourOfId.length) {
					continue;
				}
				boolean outline = x == 0 || ids[index - 1] != id || x == width - 1 || ids[index +
					1] != id || y == 0 || ids[index - width] != id || y == height - 1 || ids[index +
						width] != id;
				if (outline) {
					pixels[index] = colourOfId[id];
				}
			}
		}
	}

	static int pack(int[] rgb) {
		return 0xff000000 | rgb[0] << 16 | rgb[1] << 8 | rgb[2];
	}

	private static int blend(int base, int colour, double share) {
		int result = 0xff000000;
		for (int shift = 0; shift <= 16; shift += 8) {
			int a = base >> shift & 0xff;
			int b = colour >> shift & 0xff;
			result |= (int) Math.round(a + share * (b - a)) << shift;
		}
		return result;
	}

	/** Returns the packed RGB colour used for {@code nucleusClass} in overlays and legends. */
	public static int colour(NucleusClass nucleusClass) {
		return pack(nucleusClass.color());
	}
}
