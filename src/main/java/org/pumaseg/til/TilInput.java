package org.pumaseg.til;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Polygon;
import org.pumaseg.InvalidInputException;
import org.pumaseg.annotation.ClassifiedPolygon;
import org.pumaseg.annotation.TissueMask;
import org.pumaseg.annotation.Track;
import org.pumaseg.image.PixelSize;
import org.pumaseg.result.DetectedNucleus;
import org.pumaseg.result.PanopticResult;

/**
 * Input of TIL quantification for one ROI: its size and pixel size, the nuclei as classified
 * centroids, and the tissue map when there is one.
 *
 * @param name the ROI or image name, for reports
 * @param width ROI width in pixels
 * @param height ROI height in pixels
 * @param pixelSize pixel size; quantification rejects an unknown size
 * @param nuclei the nuclei of the ROI
 * @param tissue tissue class map of the same size, or null to estimate the tumour region from
 *          the tumour nuclei
 * @param notes statements about how the input was assembled (for example where the ROI size
 *          came from), copied into the report
 */
public record TilInput(String name, int width, int height, PixelSize pixelSize,
	List<NucleusPoint> nuclei, TissueMask tissue, List<String> notes)
{

	public TilInput {
		Objects.requireNonNull(name);
		Objects.requireNonNull(pixelSize);
		nuclei = List.copyOf(nuclei);
		notes = List.copyOf(notes);
		if (width <= 0 || height <= 0) {
			throw new IllegalArgumentException("ROI size must be positive, got " + width + " x " +
				height + ".");
		}
		if (tissue != null && (tissue.width() != width || tissue.height() != height)) {
			throw new InvalidInputException("The tissue map of " + name + " is " + tissue.width() +
				" x " + tissue.height() + " pixels but the ROI is " + width + " x " + height +
				". Use the tissue map made for this ROI.");
		}
	}

	/** Returns the nuclei and tissue map of a panoptic result, with its pixel-mean centroids. */
	public static TilInput of(PanopticResult result) {
		List<NucleusPoint> points = new ArrayList<>(result.nuclei().size());
		for (DetectedNucleus nucleus : result.nuclei()) {
			if (!nucleus.hasClass()) {
				throw new InvalidInputException("The nuclei of " + result.imageName() + " have no " +
					"classes, so their lymphocytes cannot be counted. Segment with a nuclei model " +
					"that predicts the PUMA nucleus classes.");
			}
			points.add(new NucleusPoint(nucleus.className(), CellType.fromClassName(nucleus
				.className()), nucleus.centroidX(), nucleus.centroidY()));
		}
		return new TilInput(result.imageName(), result.width(), result.height(), result
			.pixelSize(), points, result.tissue(), List.of());
	}

	/**
	 * Nuclei from annotation polygons (ground truth or a model's GeoJSON). Each object is one
	 * nucleus, a multi-polygon included, and its centroid is the mean of the outer-ring vertices
	 * of its largest part, each vertex counted once. That is the rule of the PUMA evaluation, so the
	 * points are those that nuclei scores match.
	 *
	 * @throws InvalidInputException when an object is not a nucleus class
	 */
	public static List<NucleusPoint> centroids(List<ClassifiedPolygon> objects, String source) {
		List<NucleusPoint> points = new ArrayList<>(objects.size());
		for (int i = 0; i < objects.size(); i++) {
			ClassifiedPolygon object = objects.get(i);
			CellType type = CellType.fromClassName(object.className());
			if (Track.NUCLEUS_NAME.equals(object.className())) {
				throw new InvalidInputException("Object " + (i + 1) + " of " + source + " has the " +
					"class \"" + Track.NUCLEUS_NAME + "\", so its nuclei have no classes and their " +
					"lymphocytes cannot be counted. Segment with a nuclei model that predicts the " +
					"PUMA nucleus classes.");
			}
			if (type == null) {
				throw new InvalidInputException("Object " + (i + 1) + " of " + source +
					" has the class \"" + object.className() + "\", which is not a nucleus class. " +
					"Give a nuclei file (classes nuclei_tumor, nuclei_lymphocyte, ...); tissue " +
					"regions go in the tissue input.");
			}
			Coordinate centroid = vertexMean(largestPart(object));
			points.add(new NucleusPoint(object.className(), type, centroid.x, centroid.y));
		}
		return points;
	}

	private static Polygon largestPart(ClassifiedPolygon object) {
		Polygon largest = null;
		for (Polygon part : object.parts()) {
			if (largest == null || part.getArea() > largest.getArea()) {
				largest = part;
			}
		}
		return largest;
	}

	private static Coordinate vertexMean(Polygon polygon) {
		Coordinate[] ring = polygon.getExteriorRing().getCoordinates();
		int count = Math.max(1, ring.length - 1);
		double sumX = 0;
		double sumY = 0;
		for (int k = 0; k < count; k++) {
			sumX += ring[k].x;
			sumY += ring[k].y;
		}
		return new Coordinate(sumX / count, sumY / count);
	}
}
