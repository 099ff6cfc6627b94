package org.pumaseg.til;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.pumaseg.Progress;
import org.pumaseg.annotation.SharedData;
import org.pumaseg.image.ImageFileWriter;
import org.pumaseg.image.RgbImage;

/**
 * The PUMA ROI training_set_metastatic_roi_094 (lymph-node metastasis: a tumour sheet and a
 * dense lymphocyte area labelled stroma), from its ground-truth nuclei and tissue GeoJSON.
 */
class RealRoiTilTest {

	private static final String ROI = "training_set_metastatic_roi_094";

	private static Path nuclei() {
		return SharedData.folder("puma/nuclei_geojson").resolve(ROI + "_nuclei.geojson");
	}

	private static Path tissue() {
		return SharedData.folder("puma/tissue_geojson").resolve(ROI + "_tissue.geojson");
	}

	private static Path image() {
		return SharedData.folder("puma/images").resolve(ROI + ".tif");
	}

	@Test
	void groundTruthRoiGivesPlausibleNumbers() throws Exception {
		TilInputFiles.Loaded loaded = TilInputFiles.load(nuclei(), tissue(), image(), 0.25);

		TilAnalysis analysis = TilQuantifier.quantify(loaded.input(), TilParameters.defaults(),
			Progress.none());
		TilReport report = analysis.report();

		assertEquals(671, report.nucleusCount());
		assertEquals(477, report.tilCount()); // 475 lymphocytes + 2 plasma cells
		assertEquals(180, report.tumourCellCount());
		assertTrue(report.pixelSizeAssumed());
		assertFalse(report.tumourRegionEstimated());
		int stromal = report.compartment(Compartment.STROMAL).tilCount();
		int intratumoural = report.compartment(Compartment.INTRATUMOURAL).tilCount();
		assertTrue(stromal > 0.8 * report.tilCount(), "stromal TILs: " + stromal);
		assertTrue(intratumoural < 0.1 * report.tilCount(), "intratumoural TILs: " + intratumoural);
		double tumourShare = report.compartment(Compartment.INTRATUMOURAL).areaMm2() / report
			.roiAreaMm2();
		assertEquals(0.735, tumourShare, 0.02);
		assertTrue(report.compartment(Compartment.STROMAL).tilDensityPerMm2().value() > 10 * report
			.compartment(Compartment.INTRATUMOURAL).tilDensityPerMm2().value());
		assertTrue(report.borderDistance().median() > 0, "most TILs lie outside the tumour");

		// The picture goes to target/ for the documentation.
		RgbImage picture = TilPicture.render(analysis, loaded.image());
		Path folder = Files.createDirectories(Path.of("target", "til"));
		ImageFileWriter.write(picture, folder.resolve(ROI + "_til.png"));
		Files.writeString(folder.resolve(ROI + "_til.json"), report.toJson());
	}

	@Test
	void estimatedRegionAgreesWithTissueMap() {
		TilInputFiles.Loaded withMap = TilInputFiles.load(nuclei(), tissue(), null, 0.25);
		TilInputFiles.Loaded withoutMap = TilInputFiles.load(nuclei(), null, null, 0.25);

		TilAnalysis mapped = TilQuantifier.quantify(withMap.input(), TilParameters.defaults(),
			Progress.none());
		TilAnalysis estimated = TilQuantifier.quantify(withoutMap.input(), TilParameters.defaults(),
			Progress.none());

		assertTrue(estimated.report().tumourRegionEstimated());
		assertEquals(1024, estimated.report().widthPx());
		boolean[] truth = mapped.tumour().mask();
		boolean[] guess = estimated.tumour().mask();
		long both = 0;
		long truthCount = 0;
		long guessCount = 0;
		for (int i = 0; i < truth.length; i++) {
			both += truth[i] && guess[i] ? 1 : 0;
			truthCount += truth[i] ? 1 : 0;
			guessCount += guess[i] ? 1 : 0;
		}
		double dice = 2.0 * both / (truthCount + guessCount);
		assertTrue(dice > 0.8, "Dice " + dice);
		// The estimated region reaches a little further into the lymphocyte area than the
		// annotated border, so it takes in more TILs, but most stay outside.
		int estimatedInside = estimated.report().compartment(Compartment.INTRATUMOURAL)
			.tilCount();
		assertTrue(estimatedInside < 0.25 * estimated.report().tilCount(), "intratumoural " +
			estimatedInside);
	}
}
