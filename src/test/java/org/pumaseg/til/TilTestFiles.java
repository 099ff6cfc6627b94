package org.pumaseg.til;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.pumaseg.annotation.ClassifiedPolygon;
import org.pumaseg.annotation.GeoJsonFormat;
import org.pumaseg.annotation.TissueMaskTiff;
import org.pumaseg.export.ResultFolderWriter;

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

	/**
	 * Writes a 150 x 150 tissue mask (tumour from 60 to 140 px, 0.5 µm/px), as made for a
	 * smaller image: 3 nuclei of the square ROI lie outside it, the first at (150.5, 100.5).
	 */
	public static Path writeSmallerTissueMask(Path folder) {
		Path file = folder.resolve("smaller tissue.tif");
		TissueMaskTiff.write(file, TilQuantifierTest.squareTumour(150, 150, 60, 60, 140, 140));
		return file;
	}

	/**
	 * Writes the ROI as a result folder of pumaseg segment named {@code name} under
	 * {@code parent}: nuclei, tissue mask and a summary with the pixel size (0.5 µm/px).
	 */
	public static Path writeResultFolder(Path parent, String name) throws IOException {
		Path folder = Files.createDirectories(parent.resolve(name));
		Files.move(writeNuclei(folder), folder.resolve(ResultFolderWriter.NUCLEI_GEOJSON));
		Files.move(writeTissueMask(folder), folder.resolve(ResultFolderWriter.TISSUE_MASK));
		Files.writeString(folder.resolve(ResultFolderWriter.SUMMARY), "{\"image\": \"" + name +
			"\", \"pixel_size_um\": 0.5}\n");
		return folder;
	}
}
