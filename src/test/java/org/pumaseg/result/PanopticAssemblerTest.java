package org.pumaseg.result;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.pumaseg.InvalidInputException;
import org.pumaseg.Progress;
import org.pumaseg.annotation.ClassNames;
import org.pumaseg.annotation.NucleusClass;
import org.pumaseg.annotation.TissueClass;
import org.pumaseg.annotation.TissueMask;
import org.pumaseg.annotation.Track;
import org.pumaseg.image.PixelSize;
import org.pumaseg.nuclei.DecodedNuclei;
import org.pumaseg.nuclei.NucleiDecoder;
import org.pumaseg.nuclei.NucleiDecodingOptions;
import org.pumaseg.nuclei.NucleiMaps;

class PanopticAssemblerTest {

	private static final int WIDTH = 60;
	private static final int HEIGHT = 40;
	private static final PixelSize PIXEL_SIZE = PixelSize.calibrated(0.25, "test");

	@Test
	void nucleiPlacedInTissueUnderCentroid() {
		// Tissue: stroma left of x = 30, tumour right of it, background below y = 30.
		byte[] codes = new byte[WIDTH * HEIGHT];
		for (int p = 0; p < codes.length; p++) {
			int x = p % WIDTH;
			int y = p / WIDTH;
			codes[p] = (byte) (y >= 30 ? 0 : x < 30 ? 1 : 3);
		}
		TissueMask tissue = new TissueMask(WIDTH, HEIGHT, codes, PIXEL_SIZE);
		DecodedNuclei nuclei = decodeSquares("nuclei_lymphocyte");

		PanopticResult result = PanopticAssembler.assemble("scene", nuclei, tissue, Map.of(
			"model", "test"));

		assertEquals(3, result.nuclei().size());
		assertEquals(TissueClass.STROMA, result.nuclei().get(0).tissueClass());
		assertEquals(TissueClass.TUMOR, result.nuclei().get(1).tissueClass());
		assertNull(result.nuclei().get(2).tissueClass(), "background under the third nucleus");
		assertEquals(NucleusClass.LYMPHOCYTE.className(), result.nuclei().get(0).nucleusClass());
		assertEquals(List.of(NucleusClass.LYMPHOCYTE.className()), result.nucleusClasses());
		assertEquals(64, result.nuclei().get(0).areaPixels());
		assertEquals(4.0, result.areaUm2(result.nuclei().get(0).areaPixels()), 1e-12);
		assertEquals(nuclei.labels(), result.nucleusLabels());
		assertEquals("test", result.provenance().get("model"));
	}

	@Test
	void withoutTissueNoTissueClass() {
		PanopticResult result = PanopticAssembler.assemble("scene", decodeSquares(
			"nuclei_tumor"), null, Map.of());

		assertNull(result.tissue());
		assertNull(result.nuclei().get(0).tissueClass());
	}

	@Test
	void track1OtherClassAssembled() {
		PanopticResult result = PanopticAssembler.assemble("scene", decodeSquares(
			Track.OTHER_NAME), null, Map.of());

		DetectedNucleus first = result.nuclei().get(0);
		assertEquals(Track.OTHER_NAME, first.nucleusClass());
		assertEquals(Track.OTHER_NAME, first.className());
		assertEquals(Track.OTHER_NAME, first.track1ClassName());
		assertArrayEquals(ClassNames.defaultColor(Track.OTHER_NAME), first.color());
		assertEquals(List.of(Track.OTHER_NAME), result.nucleusClasses());
	}

	@Test
	void plasmaCellInTrack1LymphocyteGroup() {
		DetectedNucleus first = PanopticAssembler.assemble("scene", decodeSquares(
			"nuclei_plasma_cell"), null, Map.of()).nuclei().get(0);

		assertEquals("nuclei_plasma_cell", first.className());
		assertEquals(Track.LYMPHOCYTE_NAME, first.track1ClassName());
	}

	@Test
	void classOutsidePumaClassesRejected() {
		DecodedNuclei nuclei = decodeSquares("tissue_stroma");

		InvalidInputException error = assertThrows(InvalidInputException.class,
			() -> PanopticAssembler.assemble("scene", nuclei, null, Map.of()));
		assertTrue(error.getMessage().contains("tissue_stroma"), error.getMessage());
	}

	@Test
	void nucleiWithoutClassesAssembled() {
		PanopticResult result = PanopticAssembler.assemble("scene", decodeSquares(null), null,
			Map.of());

		assertEquals(3, result.nuclei().size());
		DetectedNucleus first = result.nuclei().get(0);
		assertNull(first.nucleusClass());
		assertEquals(List.of(), result.nucleusClasses());
		assertEquals(Track.NUCLEUS_NAME, first.className());
		assertEquals(Track.NUCLEUS_NAME, first.track1ClassName());
		assertTrue(Double.isNaN(first.probability()));
	}

	/**
	 * Three 8 x 8 nuclei: one over stroma, one over tumour, one over background. A null class
	 * name gives maps without class planes.
	 */
	private static DecodedNuclei decodeSquares(String className) {
		float[] foreground = new float[WIDTH * HEIGHT];
		float[] background = new float[WIDTH * HEIGHT];
		float[] nucleus = new float[WIDTH * HEIGHT];
		for (int[] corner : new int[][] { { 10, 10 }, { 40, 10 }, { 40, 31 } }) {
			for (int y = corner[1]; y < corner[1] + 8; y++) {
				for (int x = corner[0]; x < corner[0] + 8; x++) {
					foreground[x + y * WIDTH] = 1;
					nucleus[x + y * WIDTH] = 1;
				}
			}
		}
		for (int p = 0; p < foreground.length; p++) {
			background[p] = 1 - nucleus[p];
		}
		List<float[]> planes = className == null ? List.of() : List.of(background, nucleus);
		List<String> names = className == null ? List.of() : List.of("background", className);
		NucleiMaps maps = new NucleiMaps(WIDTH, HEIGHT, PIXEL_SIZE, foreground, null, null,
			planes, names);
		return NucleiDecoder.decode(maps, NucleiDecodingOptions.defaults(), Progress.none());
	}
}
