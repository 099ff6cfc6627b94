package org.pumaseg.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.pumaseg.annotation.ClassNames;
import org.pumaseg.annotation.NucleusClass;
import org.pumaseg.annotation.TissueClass;
import org.pumaseg.annotation.TissueMask;
import org.pumaseg.annotation.Track;
import org.pumaseg.image.PixelSize;
import org.pumaseg.result.DetectedNucleus;
import org.pumaseg.result.PanopticResult;

import ij.ImagePlus;
import ij.gui.Overlay;
import ij.measure.ResultsTable;

class ResultDisplayTest {

	private static final GeometryFactory GEOMETRY = new GeometryFactory();

	/** Two square nuclei on a 20 x 10 image: a tumour cell in tumour, a lymphocyte in stroma. */
	private static PanopticResult twoNuclei() {
		return twoNuclei(PixelSize.calibrated(0.5, "test"));
	}

	private static PanopticResult twoNuclei(PixelSize pixelSize) {
		Geometry tumour = GEOMETRY.toGeometry(new Envelope(1, 5, 2, 6));
		Geometry lymphocyte = GEOMETRY.toGeometry(new Envelope(12, 15, 3, 6));
		byte[] codes = new byte[20 * 10];
		for (int y = 0; y < 10; y++) {
			for (int x = 0; x < 20; x++) {
				codes[y * 20 + x] = (byte) (x < 10 ? TissueClass.TUMOR.maskCode() : TissueClass.STROMA
					.maskCode());
			}
		}
		List<DetectedNucleus> nuclei = List.of(new DetectedNucleus(1, NucleusClass.TUMOR
			.className(), 0.9, tumour, 3, 4, 16, TissueClass.TUMOR), new DetectedNucleus(2,
				NucleusClass.LYMPHOCYTE.className(), 0.8, lymphocyte, 13.5, 4.5, 9,
				TissueClass.STROMA));
		return new PanopticResult("roi", 20, 10, pixelSize, nuclei, Track.TRACK2.classNames(),
			null, new TissueMask(20, 10, codes, pixelSize), Map.of());
	}

	@Test
	void labelAndClassImagesHoldIdsAndCodes() {
		PanopticResult result = twoNuclei();

		ImagePlus labels = ResultDisplay.labelImage(result);
		ImagePlus classes = ResultDisplay.nucleusClassImage(result);
		ImagePlus tissue = ResultDisplay.tissueImage(result);

		assertEquals(1, labels.getProcessor().getf(2, 3));
		assertEquals(2, labels.getProcessor().getf(13, 4));
		assertEquals(0, labels.getProcessor().getf(9, 9));
		assertEquals(1, classes.getProcessor().get(2, 3));
		assertEquals(2, classes.getProcessor().get(13, 4));
		assertEquals(TissueClass.STROMA.maskCode(), tissue.getProcessor().get(15, 0));
		assertEquals(0.5, labels.getCalibration().pixelWidth);
		int tumourColour = classes.getProcessor().getLut().getRGB(1) & 0xffffff;
		int[] expected = NucleusClass.TUMOR.color();
		assertEquals(expected[0] << 16 | expected[1] << 8 | expected[2], tumourColour);
	}

	@Test
	void assumedPixelSizeLeavesImagesUncalibrated() {
		PixelSize assumed = PixelSize.unknown("no calibration").orAssume(0.25, "test model");
		PanopticResult result = twoNuclei(assumed);

		ImagePlus labels = ResultDisplay.labelImage(result);
		ImagePlus classes = ResultDisplay.nucleusClassImage(result);
		ImagePlus tissue = ResultDisplay.tissueImage(result);

		assertFalse(labels.getCalibration().scaled());
		assertFalse(classes.getCalibration().scaled());
		assertFalse(tissue.getCalibration().scaled());
	}

	@Test
	void overlayNamesNucleiByClassAndId() {
		Overlay overlay = ResultDisplay.nucleusOverlay(twoNuclei());

		assertEquals(2, overlay.size());
		assertEquals("nuclei_tumor #1", overlay.get(0).getName());
		assertEquals("nuclei_lymphocyte #2", overlay.get(1).getName());
		assertEquals(4, overlay.get(0).getPolygon().npoints);
	}

	@Test
	void panopticOverlayAddsTissueBorders() {
		Overlay overlay = ResultDisplay.panopticOverlay(twoNuclei());

		assertEquals(4, overlay.size());
		// Regions come in mask code order: stroma (1) before tumour (3).
		assertEquals("tissue_stroma", overlay.get(0).getName());
		assertEquals("tissue_tumor", overlay.get(1).getName());
		assertEquals("nuclei_tumor #1", overlay.get(2).getName());
		int[] stroma = TissueClass.STROMA.color();
		assertEquals(new java.awt.Color(stroma[0], stroma[1], stroma[2]), overlay.get(0)
			.getStrokeColor());
	}

	@Test
	void tablesHaveOneRowPerNucleus() {
		ResultsTable nuclei = ResultDisplay.nucleusTable(twoNuclei());
		ResultsTable summary = ResultDisplay.summaryTable(twoNuclei());

		assertEquals(2, nuclei.size());
		assertEquals("nuclei_lymphocyte", nuclei.getStringValue("class", 1));
		assertEquals(9 * 0.25, nuclei.getValue("area_um2", 1), 1e-9);
		assertEquals("tissue_stroma", nuclei.getStringValue("tissue_class", 1));
		assertEquals(1, summary.size());
		assertEquals(1, summary.getValue("tils", 0));
		assertEquals(2, summary.getValue("nuclei", 0));
	}

	@Test
	void track1ClassesShownWithOtherGroup() {
		Geometry tumour = GEOMETRY.toGeometry(new Envelope(1, 5, 2, 6));
		Geometry other = GEOMETRY.toGeometry(new Envelope(12, 15, 3, 6));
		PixelSize pixelSize = PixelSize.calibrated(0.5, "test");
		List<DetectedNucleus> nuclei = List.of(new DetectedNucleus(1, Track.TUMOR_NAME, 0.9,
			tumour, 3, 4, 16, null), new DetectedNucleus(2, Track.OTHER_NAME, 0.7, other, 13.5,
				4.5, 9, null));
		PanopticResult result = new PanopticResult("roi", 20, 10, pixelSize, nuclei, Track.TRACK1
			.classNames(), null, null, Map.of());

		ImagePlus classes = ResultDisplay.nucleusClassImage(result);
		ResultsTable summary = ResultDisplay.summaryTable(result);
		Overlay overlay = ResultDisplay.nucleusOverlay(result);

		assertEquals(1, classes.getProcessor().get(2, 3));
		assertEquals(11, classes.getProcessor().get(13, 4));
		int otherColour = classes.getProcessor().getLut().getRGB(11) & 0xffffff;
		int[] expected = ClassNames.defaultColor(Track.OTHER_NAME);
		assertEquals(expected[0] << 16 | expected[1] << 8 | expected[2], otherColour);
		assertEquals(new java.awt.Color(expected[0], expected[1], expected[2]), overlay.get(1)
			.getStrokeColor());
		assertEquals("nuclei_other #2", overlay.get(1).getName());
		assertEquals(1, summary.getValue(Track.TUMOR_NAME, 0));
		assertEquals(0, summary.getValue(Track.LYMPHOCYTE_NAME, 0));
		assertEquals(1, summary.getValue(Track.OTHER_NAME, 0));
		assertFalse(summary.columnExists("nuclei_plasma_cell"), "a track-2 column");
		assertEquals(0, summary.getValue("tils", 0));
	}

	@Test
	void tissueImageIsNullWithoutTissue() {
		PanopticResult result = twoNuclei();
		PanopticResult nucleiOnly = new PanopticResult(result.imageName(), result.width(), result
			.height(), result.pixelSize(), result.nuclei(), result.nucleusClasses(), null, null, Map
				.of());

		assertNull(ResultDisplay.tissueImage(nucleiOnly));
		assertTrue(ResultDisplay.labelImage(nucleiOnly).getProcessor().getf(2, 3) > 0);
	}
}
