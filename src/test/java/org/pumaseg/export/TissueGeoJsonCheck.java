package org.pumaseg.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.pumaseg.annotation.AnnotationFiles;
import org.pumaseg.annotation.ClassifiedPolygon;
import org.pumaseg.annotation.ObjectType;
import org.pumaseg.annotation.Rasterization;
import org.pumaseg.annotation.TissueMask;
import org.pumaseg.annotation.TissueMaskTiff;

/** Checks the tissue.geojson of a result folder against its tissue-mask.tif. */
public final class TissueGeoJsonCheck {

	private TissueGeoJsonCheck() {}

	/**
	 * Reads tissue.geojson with the annotation reader and rasterises it with the pixel-centre
	 * rule: every region is a QuPath annotation, and at most 0.1 % of the pixels may differ
	 * from tissue-mask.tif.
	 */
	public static void assertMatchesMask(Path folder) {
		TissueMask mask = TissueMaskTiff.read(folder.resolve(ResultFolderWriter.TISSUE_MASK));
		List<ClassifiedPolygon> regions = AnnotationFiles.read(folder.resolve(ResultFolderWriter
			.TISSUE_GEOJSON)).objects();
		TissueMask rasterised = Rasterization.tissueMask(regions, mask.width(), mask.height(),
			mask.pixelSize());

		int differing = 0;
		for (int i = 0; i < mask.codes().length; i++) {
			differing += mask.codes()[i] != rasterised.codes()[i] ? 1 : 0;
		}
		assertTrue(differing <= mask.codes().length / 1000, differing + " of " + mask
			.codes().length + " pixels differ");
		for (ClassifiedPolygon region : regions) {
			assertEquals(ObjectType.ANNOTATION, region.objectType(), region.className());
		}
	}
}
