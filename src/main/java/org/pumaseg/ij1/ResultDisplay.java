package org.pumaseg.ij1;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.pumaseg.annotation.ClassNames;
import org.pumaseg.annotation.ClassifiedPolygon;
import org.pumaseg.annotation.TissueClass;
import org.pumaseg.export.ClassMaps;
import org.pumaseg.export.NucleusTable;
import org.pumaseg.image.ImagePlusConverter;
import org.pumaseg.label.LabelImage;
import org.pumaseg.result.DetectedNucleus;
import org.pumaseg.result.PanopticResult;
import org.pumaseg.tissue.TissueDecoder;

import ij.ImagePlus;
import ij.gui.Overlay;
import ij.gui.PolygonRoi;
import ij.gui.Roi;
import ij.measure.ResultsTable;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import ij.process.LUT;

/**
 * Builds the ImageJ views of a {@link PanopticResult}: label and class images with lookup
 * tables, an overlay of nucleus outlines, and the per-nucleus and summary tables. Nothing here
 * shows a window, so the same objects serve Fiji, macros and headless runs.
 */
public final class ResultDisplay {

	/**
	 * Most nuclei added to the ROI Manager; above this, ImageJ's ROI Manager becomes too slow
	 * to use, and the overlay and label image hold the nuclei instead.
	 */
	public static final int DEFAULT_ROI_MANAGER_CAP = 5000;

	private ResultDisplay() {}

	/** Returns the nucleus label image (32-bit, one id per nucleus) with a distinct-colour LUT. */
	public static ImagePlus labelImage(PanopticResult result) {
		LabelImage labels = ClassMaps.nucleusLabels(result);
		int[] ids = labels.labels();
		float[] values = new float[ids.length];
		for (int i = 0; i < ids.length; i++) {
			values[i] = ids[i];
		}
		FloatProcessor processor = new FloatProcessor(result.width(), result.height(), values);
		processor.setLut(distinctColours());
		// NOTE: with more than 255 nuclei, the display range spreads the ids over the 255
		// colours, so a few neighbours may share a colour; the pixel values stay exact ids.
		processor.setMinAndMax(0, Math.max(255, result.nuclei().size()));
		ImagePlus image = new ImagePlus(result.imageName() + " nuclei labels", processor);
		ImagePlusConverter.setCalibration(image, result.pixelSize());
		return image;
	}

	/** Returns the nucleus class image (8-bit codes of {@link ClassMaps}) with class colours. */
	public static ImagePlus nucleusClassImage(PanopticResult result) {
		byte[] codes = ClassMaps.nucleusClassCodes(result, ClassMaps.nucleusLabels(result));
		ByteProcessor processor = new ByteProcessor(result.width(), result.height(), codes);
		List<String> codedClasses = ClassMaps.codedClasses();
		int[][] colours = new int[codedClasses.size() + 1][];
		for (String className : codedClasses) {
			colours[ClassMaps.code(className)] = ClassNames.defaultColor(className);
		}
		processor.setLut(classLut(colours));
		processor.setMinAndMax(0, 255);
		ImagePlus image = new ImagePlus(result.imageName() + " nucleus classes", processor);
		ImagePlusConverter.setCalibration(image, result.pixelSize());
		return image;
	}

	/** Returns the tissue class image (challenge codes 0 to 5) with class colours, or null. */
	public static ImagePlus tissueImage(PanopticResult result) {
		if (result.tissue() == null) {
			return null;
		}
		ByteProcessor processor = new ByteProcessor(result.width(), result.height(), result
			.tissue().codes().clone());
		int[][] colours = new int[TissueClass.MAX_CODE + 1][];
		for (int code = 1; code <= TissueClass.MAX_CODE; code++) {
			colours[code] = TissueClass.fromMaskCode(code).color();
		}
		processor.setLut(classLut(colours));
		processor.setMinAndMax(0, 255);
		ImagePlus image = new ImagePlus(result.imageName() + " tissue classes", processor);
		ImagePlusConverter.setCalibration(image, result.pixelSize());
		return image;
	}

	/** Returns the outlines of all nuclei as ROIs named "class #id", stroked in class colour. */
	public static Overlay nucleusOverlay(PanopticResult result) {
		Overlay overlay = new Overlay();
		for (Roi roi : nucleusRois(result)) {
			overlay.add(roi);
		}
		return overlay;
	}

	/**
	 * Returns the nucleus outlines over the borders of the tissue regions: one ROI per outer
	 * ring and hole of each region, named by tissue class and stroked in its colour, below the
	 * nuclei. Without a tissue map this is {@link #nucleusOverlay}.
	 */
	public static Overlay panopticOverlay(PanopticResult result) {
		Overlay overlay = new Overlay();
		if (result.tissue() != null) {
			for (ClassifiedPolygon region : TissueDecoder.regions(result.tissue())) {
				int[] rgb = TissueClass.fromClassName(region.className()).color();
				Color colour = new Color(rgb[0], rgb[1], rgb[2]);
				for (Polygon part : region.parts()) {
					addRing(overlay, part.getExteriorRing(), region.className(), colour);
					for (int hole = 0; hole < part.getNumInteriorRing(); hole++) {
						addRing(overlay, part.getInteriorRingN(hole), region.className() + " hole",
							colour);
					}
				}
			}
		}
		for (Roi roi : nucleusRois(result)) {
			overlay.add(roi);
		}
		return overlay;
	}

	private static void addRing(Overlay overlay, LinearRing ring, String name, Color colour) {
		Roi roi = toRoi(ring.getCoordinates());
		roi.setName(name);
		roi.setStrokeColor(colour);
		roi.setStrokeWidth(2);
		overlay.add(roi);
	}

	/** Returns one ROI per nucleus (its largest part for multi-part nuclei). */
	public static List<Roi> nucleusRois(PanopticResult result) {
		List<Roi> rois = new ArrayList<>(result.nuclei().size());
		for (DetectedNucleus nucleus : result.nuclei()) {
			Roi roi = toRoi(largestPart(nucleus.outline()));
			roi.setName(nucleus.className() + " #" + nucleus.id());
			int[] rgb = nucleus.color();
			roi.setStrokeColor(new Color(rgb[0], rgb[1], rgb[2]));
			rois.add(roi);
		}
		return rois;
	}

	/** Returns a Results table with one row per nucleus, in {@link NucleusTable} columns. */
	public static ResultsTable nucleusTable(PanopticResult result) {
		ResultsTable table = new ResultsTable(result.nuclei().size());
		double um = result.pixelSize().umPerPixel();
		int row = 0;
		for (DetectedNucleus nucleus : result.nuclei()) {
			List<String> cells = NucleusTable.row(nucleus, um);
			for (int column = 0; column < cells.size(); column++) {
				String name = NucleusTable.COLUMNS.get(column);
				String cell = cells.get(column);
				if (isNumber(cell)) {
					table.setValue(name, row, Double.parseDouble(cell));
				}
				else {
					table.setValue(name, row, cell);
				}
			}
			row++;
		}
		return table;
	}

	/**
	 * Returns a one-row table with the nucleus count, and the count of each class the nuclei
	 * model predicts and the TIL count when the nuclei have classes.
	 */
	public static ResultsTable summaryTable(PanopticResult result) {
		ResultsTable table = new ResultsTable(1);
		table.setValue("image", 0, result.imageName());
		table.setValue("nuclei", 0, result.nuclei().size());
		// Nuclei from a model without classes have no class counts and no TIL count.
		if (!result.nuclei().stream().allMatch(DetectedNucleus::hasClass)) {
			return table;
		}
		for (String className : result.nucleusClasses()) {
			long count = result.nuclei().stream().filter(n -> className.equals(n.nucleusClass()))
				.count();
			table.setValue(className, 0, count);
		}
		long tils = result.nuclei().stream().filter(n -> n.track1ClassName().equals(org.pumaseg.annotation.Track.LYMPHOCYTE_NAME)).count();
		table.setValue("tils", 0, tils);
		return table;
	}

	private static Geometry largestPart(Geometry outline) {
		Geometry largest = outline.getGeometryN(0);
		for (int i = 1; i < outline.getNumGeometries(); i++) {
			if (outline.getGeometryN(i).getArea() > largest.getArea()) {
				largest = outline.getGeometryN(i);
			}
		}
		return largest;
	}

	private static Roi toRoi(Geometry polygon) {
		return toRoi(((Polygon) polygon).getExteriorRing().getCoordinates());
	}

	private static Roi toRoi(Coordinate[] ring) {
		int n = ring.length > 1 && ring[0].equals2D(ring[ring.length - 1]) ? ring.length - 1
			: ring.length;
		float[] xs = new float[n];
		float[] ys = new float[n];
		for (int i = 0; i < n; i++) {
			xs[i] = (float) ring[i].x;
			ys[i] = (float) ring[i].y;
		}
		return new PolygonRoi(xs, ys, n, Roi.POLYGON);
	}

	private static LUT classLut(int[][] colours) {
		byte[] red = new byte[256];
		byte[] green = new byte[256];
		byte[] blue = new byte[256];
		for (int code = 1; code < colours.length; code++) {
			red[code] = (byte) colours[code][0];
			green[code] = (byte) colours[code][1];
			blue[code] = (byte) colours[code][2];
		}
		return new LUT(red, green, blue);
	}

	/** 255 well-separated hues (golden-ratio steps) after black for the background. */
	private static LUT distinctColours() {
		byte[] red = new byte[256];
		byte[] green = new byte[256];
		byte[] blue = new byte[256];
		for (int i = 1; i < 256; i++) {
			float hue = (float) ((i * 0.618033988749895) % 1.0);
			int rgb = Color.HSBtoRGB(hue, 0.75f, i % 2 == 0 ? 1f : 0.8f);
			red[i] = (byte) (rgb >> 16);
			green[i] = (byte) (rgb >> 8);
			blue[i] = (byte) rgb;
		}
		return new LUT(red, green, blue);
	}

	private static boolean isNumber(String cell) {
		if (cell.isEmpty()) {
			return false;
		}
		try {
			Double.parseDouble(cell);
			return true;
		}
		catch (NumberFormatException e) {
			return false;
		}
	}
}
