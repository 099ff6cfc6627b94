package org.pumaseg.til;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pumaseg.InvalidInputException;
import org.pumaseg.Progress;

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
}
