package org.pumaseg.til;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pumaseg.InvalidInputException;
import org.pumaseg.Progress;
import org.pumaseg.annotation.TissueMaskTiff;
import org.pumaseg.image.ImageFileWriter;
import org.pumaseg.image.PixelSize;
import org.pumaseg.image.RgbImage;

/** Inputs from files give the same numbers as the in-memory ROI. */
class TilInputFilesTest {

	@Test
	void filesMatchInMemoryRoi(@TempDir Path folder) {
		TilInputFiles.Loaded loaded = TilInputFiles.load(TilTestFiles.writeNuclei(folder),
			TilTestFiles.writeTissueMask(folder), null, Double.NaN);

		TilReport fromFiles = TilQuantifier.quantify(loaded.input(), TilParameters.defaults()
			.withBandWidthUm(10), Progress.none()).report();
		TilReport inMemory = TilQuantifierTest.quantify(TilQuantifierTest.squareRoi(), 10);

		assertFalse(fromFiles.pixelSizeAssumed());
		assertEquals(0.5, fromFiles.umPerPixel(), 1e-9);
		assertEquals(inMemory.compartments().toString(), fromFiles.compartments().toString());
		assertEquals(inMemory.tils().get(1).borderDistanceUm(), fromFiles.tils().get(1)
			.borderDistanceUm());
	}

	@Test
	void uncalibratedNucleiNeedPixelSize(@TempDir Path folder) {
		Path nuclei = TilTestFiles.writeNuclei(folder);

		TilInput input = TilInputFiles.load(nuclei, null, null, Double.NaN).input();

		assertThrows(InvalidInputException.class, () -> TilQuantifier.quantify(input,
			TilParameters.defaults(), Progress.none()));
		TilInput assumed = TilInputFiles.load(nuclei, null, null, 0.5).input();
		assertFalse(assumed.pixelSize().calibrated());
		assertEquals(0.5, assumed.pixelSize().umPerPixel());
		assertTrue(assumed.notes().get(0).contains("extent of the polygons"), assumed.notes()
			.toString());
	}

	@Test
	void implausiblePixelSizeRejected(@TempDir Path folder) {
		Path nuclei = TilTestFiles.writeNuclei(folder);

		assertThrows(InvalidInputException.class, () -> TilInputFiles.load(nuclei, null, null,
			300));
	}

	@Test
	void tissueFileAsNucleiRejected(@TempDir Path folder) {
		Path tissue = TilTestFiles.writeTissueMask(folder);

		assertThrows(InvalidInputException.class, () -> TilInputFiles.load(tissue, null, null,
			0.5));
	}

	@Test
	void nucleiOutsideSmallerMaskRejected(@TempDir Path folder) {
		Path nuclei = TilTestFiles.writeNuclei(folder);
		Path mask = TilTestFiles.writeSmallerTissueMask(folder);

		InvalidInputException error = assertThrows(InvalidInputException.class,
			() -> TilInputFiles.load(nuclei, mask, null, Double.NaN));

		String message = error.getMessage();
		assertTrue(message.contains("3 of the 17 nuclei of square nuclei.geojson lie outside " +
			"tissue mask smaller tissue.tif, which is 150 x 150 pixels"), message);
		assertTrue(message.contains("x = 150.5, y = 100.5"), message);
		assertTrue(message.contains("--image"), message);
	}

	@Test
	void nucleiOutsideImageRejected(@TempDir Path folder) throws Exception {
		Path nuclei = TilTestFiles.writeNuclei(folder);
		Path image = folder.resolve("small image.tif");
		int[] pixels = new int[150 * 150];
		Arrays.fill(pixels, 0xffe0c0d0);
		ImageFileWriter.write(RgbImage.wrap("small image", pixels, 150, 150, PixelSize.calibrated(
			0.5, "test")), image);

		InvalidInputException error = assertThrows(InvalidInputException.class,
			() -> TilInputFiles.load(nuclei, null, image, Double.NaN));

		String message = error.getMessage();
		assertTrue(message.contains("lie outside image small image.tif, which is 150 x 150 " +
			"pixels"), message);
		assertTrue(message.contains("x = 150.5, y = 100.5"), message);
	}

	@Test
	void nucleiInsideTightMaskAccepted(@TempDir Path folder) {
		Path nuclei = TilTestFiles.writeNuclei(folder);
		Path mask = folder.resolve("edge tissue.tif");
		TissueMaskTiff.write(mask, TilQuantifierTest.squareTumour(151,
			181, 60, 60, 140, 140));

		TilInput input = TilInputFiles.load(nuclei, mask, null, Double.NaN).input();

		assertEquals(17, input.nuclei().size());
		assertEquals(151, input.width());
	}
}
