package org.pumaseg.export;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.pumaseg.annotation.ClassifiedPolygon;
import org.pumaseg.annotation.ObjectType;
import org.pumaseg.result.DetectedNucleus;
import org.pumaseg.result.PanopticResult;

/**
 * Turns the nuclei of a {@link PanopticResult} into classified polygons for GeoJSON (QuPath
 * detections with measurements) and for the challenge JSON.
 */
public final class NucleusObjects {

	/** QuPath measurement names; µm values are left out when the pixel size is unknown. */
	static final String AREA_UM2 = "Area µm^2";
	static final String CENTROID_X_UM = "Centroid X µm";
	static final String CENTROID_Y_UM = "Centroid Y µm";
	static final String PROBABILITY = "Class probability";
	static final String TISSUE_CODE = "Tissue class code";

	private NucleusObjects() {}

	/**
	 * Returns one detection per nucleus, in id order, with a stable id (a name-based UUID of
	 * the image name and nucleus id, so repeated runs give the same ids).
	 */
	public static List<ClassifiedPolygon> detections(PanopticResult result) {
		List<ClassifiedPolygon> objects = new ArrayList<>(result.nuclei().size());
		double um = result.pixelSize().umPerPixel();
		for (DetectedNucleus nucleus : result.nuclei()) {
			Map<String, Double> measurements = new LinkedHashMap<>();
			if (!Double.isNaN(um)) {
				measurements.put(AREA_UM2, nucleus.areaPixels() * um * um);
				measurements.put(CENTROID_X_UM, nucleus.centroidX() * um);
				measurements.put(CENTROID_Y_UM, nucleus.centroidY() * um);
			}
			if (nucleus.hasClass()) {
				measurements.put(PROBABILITY, nucleus.probability());
			}
			measurements.put(TISSUE_CODE, (double) (nucleus.tissueClass() == null ? 0 : nucleus
				.tissueClass().maskCode()));
			String id = UUID.nameUUIDFromBytes((result.imageName() + "/" + nucleus.id()).getBytes(
				StandardCharsets.UTF_8)).toString();
			objects.add(new ClassifiedPolygon(id, nucleus.className(), nucleus
				.outline(), ObjectType.DETECTION, nucleus.probability(), nucleus.probability(),
				measurements));
		}
		return objects;
	}
}
