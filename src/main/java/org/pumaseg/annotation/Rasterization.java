package org.pumaseg.annotation;

import java.util.Arrays;
import java.util.List;

import org.pumaseg.InvalidInputException;
import org.pumaseg.image.PixelSize;
import org.pumaseg.label.LabelImage;
import org.pumaseg.label.LabelPolygons;

/**
 * Classified polygons to label images and tissue class maps.
 * <p>
 * Pixels follow the rule of {@link LabelPolygons}: pixel (column c, row r) is covered when its
 * centre (c + 0.5, r + 0.5) lies inside the polygon (holes excluded), and a centre exactly on
 * an edge is covered when that edge bounds the polygon on its left or top side. So polygons
 * that share an edge never both cover a pixel and leave no gap between them, and outlines
 * traced by {@link LabelPolygons#toPolygons} cover exactly the pixels they were traced from.
 */
public final class Rasterization {

	private Rasterization() {}

	/**
	 * Label image of objects: object i (in list order) gets label i + 1, all parts of a
	 * multi-polygon share it, 0 is background, and where objects overlap the later one wins.
	 */
	public static LabelImage labelImage(List<ClassifiedPolygon> objects, int width, int height) {
		LabelImage labels = LabelImage.create(width, height);
		for (int i = 0; i < objects.size(); i++) {
			LabelPolygons.fill(labels, objects.get(i).geometry(), i + 1);
		}
		return labels;
	}

	/**
	 * Tissue class map from tissue regions: each region is filled with its class's mask code in
	 * list order (a later region wins where regions overlap), {@code tissue_white_background}
	 * with 0, and uncovered pixels stay 0 (background).
	 *
	 * @throws InvalidInputException when an object is not a tissue class
	 */
	public static TissueMask tissueMask(List<ClassifiedPolygon> regions, int width, int height,
		PixelSize pixelSize)
	{
		byte[] codes = new byte[width * height];
		for (int i = 0; i < regions.size(); i++) {
			ClassifiedPolygon region = regions.get(i);
			TissueClass tissueClass = TissueClass.fromClassName(region.className());
			if (tissueClass == null) {
				throw new InvalidInputException("Region " + (i + 1) + " of " + regions.size() +
					" has the class \"" + region.className() + "\", which is not a tissue class. " +
					"Tissue maps need regions classed as one of " + Arrays.stream(TissueClass
						.values()).map(TissueClass::className).toList() + ".");
			}
			byte code = (byte) tissueClass.maskCode();
			LabelPolygons.scan(region.geometry(), width, height, (row, from, to) -> Arrays.fill(
				codes, row * width + from, row * width + to, code));
		}
		return new TissueMask(width, height, codes, pixelSize);
	}
}
