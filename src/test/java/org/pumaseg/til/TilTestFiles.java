package org.pumaseg.til;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.pumaseg.annotation.ClassifiedPolygon;
import org.pumaseg.annotation.GeoJsonFormat;
import org.pumaseg.annotation.TissueMaskTiff;

/**
 * Writes the square test ROI of {@link TilQuantifierTest#squareRoi()} as files: nuclei as
 * GeoJSON squares centred on the centroids, and the tissue mask as a calibrated TIFF.
 */
public final class TilTestFiles {

	private TilTestFiles() {}

	/** Writes the nuclei GeoJSON and returns its path. */
	public static Path writeNuclei(Path folder) {
		GeometryFactory factory = new GeometryFactory();
		List<ClassifiedPolygon> objects = new ArrayList<>();
		for (NucleusPoint nucleus : TilQuantifierTest.squareRoi().nuclei()) {
			double x = nucleus.x();
			double y = nucleus.y();
			objects.add(ClassifiedPolygon.annotation(nucleus.className(), factory.createPolygon(
				new Coordinate[] { new Coordinate(x - 2, y - 2), new Coordinate(x + 2, y - 2),
					new Coordinate(x + 2, y + 2), new Coordinate(x - 2, y + 2), new Coordinate(x - 2,
						y - 2) })));
		}
		Path file = folder.resolve("square nuclei.geojson");
		GeoJsonFormat.write(file, objects);
		return file;
	}

	/** Writes the tissue mask (tumour square in stroma, 0.5 µm/px) and returns its path. */
	public static Path writeTissueMask(Path folder) {
		Path file = folder.resolve("square tissue.tif");
		TissueMaskTiff.write(file, TilQuantifierTest.squareTumour(200, 200, 60, 60, 140, 140));
		return file;
	}
}
