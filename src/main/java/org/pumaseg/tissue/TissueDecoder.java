package org.pumaseg.tissue;

import java.util.ArrayList;
import java.util.List;

import net.imglib2.img.array.ArrayImgs;

import org.pumaseg.InvalidInputException;
import org.pumaseg.annotation.ClassifiedPolygon;
import org.pumaseg.annotation.TissueClass;
import org.pumaseg.annotation.TissueMask;
import org.pumaseg.image.PixelSize;
import org.pumaseg.label.ConnectedComponents;
import org.pumaseg.label.Connectivity;
import org.pumaseg.label.LabelImage;
import org.pumaseg.label.LabelPolygon;
import org.pumaseg.label.LabelPolygons;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns tissue class probabilities into a tissue mask and region polygons.
 * <p>
 * Steps: optional Gaussian smoothing of each probability map; per pixel the most likely class,
 * or background when its probability is below {@link TissueDecodingOptions#minProbability()};
 * then connected regions (4-connected) of one code smaller than
 * {@link TissueDecodingOptions#minRegionAreaUm2()} take the code most common along their outer
 * border, smallest region first. Background regions count as regions too, so small gaps inside
 * tissue close. Class channels named {@code background} or {@code tissue_white_background} map
 * to mask code 0.
 */
public final class TissueDecoder {

	private static final Logger LOG = LoggerFactory.getLogger(TissueDecoder.class);

	private TissueDecoder() {}

	/**
	 * The tissue mask of the given class probabilities.
	 *
	 * @param probabilities one row-major plane per class, {@code width * height} each; not
	 *          modified
	 * @param classNames the tissue class (or {@code background}) of each plane
	 * @throws InvalidInputException for an unknown class name or a pixel size that is not known
	 */
	public static TissueMask decode(List<float[]> probabilities, List<String> classNames,
		int width, int height, PixelSize pixelSize, TissueDecodingOptions options)
	{
		long start = System.nanoTime();
		if (probabilities.size() != classNames.size() || probabilities.isEmpty()) {
			throw new IllegalArgumentException(probabilities.size() + " probability planes for " +
				classNames.size() + " class names.");
		}
		double umPerPixel = pixelSize.umPerPixel();
		if (!(umPerPixel > 0) || Double.isInfinite(umPerPixel)) {
			throw new InvalidInputException("The tissue maps have no valid pixel size (" + pixelSize
				.origin() + "), so sizes in µm cannot be converted to pixels. Give the maps the " +
				"pixel size of the model that made them.");
		}
		int[] codes = maskCodes(classNames);
		List<float[]> planes = probabilities;
		if (options.smoothingSigmaUm() > 0) {
			planes = new ArrayList<>();
			for (float[] plane : probabilities) {
				planes.add(GaussianSmoothing.blur(plane, width, height, options.smoothingSigmaUm() /
					umPerPixel));
			}
		}

		byte[] mask = argmax(planes, codes, width * height, (float) options.minProbability());
		long minPixels = (long) Math.ceil(options.minRegionAreaUm2() / (umPerPixel *
			umPerPixel) - 1e-9);
		int merged = minPixels > 1 ? SmallRegions.merge(mask, width, height, minPixels) : 0;
		LOG.info("Decoded a {} x {} tissue mask ({} small regions merged, options {}) in {} ms",
			width, height, merged, options, (System.nanoTime() - start) / 1_000_000);
		return new TissueMask(width, height, mask, pixelSize);
	}

	/**
	 * Returns one annotation per connected region (4-connected) of each tissue class, with its holes,
	 * in mask code order and then raster order; background has no regions.
	 */
	public static List<ClassifiedPolygon> regions(TissueMask mask) {
		List<ClassifiedPolygon> regions = new ArrayList<>();
		byte[] codes = mask.codes();
		for (int code = 1; code <= TissueClass.MAX_CODE; code++) {
			boolean[] inClass = new boolean[codes.length];
			boolean any = false;
			for (int p = 0; p < codes.length; p++) {
				inClass[p] = codes[p] == code;
				any |= inClass[p];
			}
			if (!any) {
				continue;
			}
			LabelImage components = ConnectedComponents.label(ArrayImgs.booleans(inClass, mask
				.width(), mask.height()), Connectivity.FOUR);
			String className = TissueClass.fromMaskCode(code).className();
			for (LabelPolygon outline : LabelPolygons.toPolygons(components)) {
				regions.add(ClassifiedPolygon.annotation(className, outline.geometry()));
			}
		}
		return regions;
	}

	private static int[] maskCodes(List<String> classNames) {
		int[] codes = new int[classNames.size()];
		for (int c = 0; c < codes.length; c++) {
			String name = classNames.get(c);
			TissueClass tissueClass = TissueClass.fromClassName(name);
			if (tissueClass != null) {
				codes[c] = tissueClass.maskCode();
			}
			else if ("background".equals(name)) {
				codes[c] = TissueClass.BACKGROUND_CODE;
			}
			else {
				throw new InvalidInputException("Tissue class \"" + name + "\" is not a PUMA tissue " +
					"class. Name the model's tissue classes tissue_stroma, tissue_blood_vessel, " +
					"tissue_tumor, tissue_epidermis, tissue_necrosis, tissue_white_background or " +
					"background.");
			}
		}
		return codes;
	}

	private static byte[] argmax(List<float[]> planes, int[] codes, int pixels,
		float minProbability)
	{
		byte[] mask = new byte[pixels];
		for (int p = 0; p < pixels; p++) {
			int best = 0;
			float bestValue = planes.get(0)[p];
			for (int c = 1; c < planes.size(); c++) {
				float value = planes.get(c)[p];
				if (value > bestValue) {
					best = c;
					bestValue = value;
				}
			}
			mask[p] = bestValue >= minProbability ? (byte) codes[best]
				: (byte) TissueClass.BACKGROUND_CODE;
		}
		return mask;
	}
}
