package org.pumaseg.tissue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Polygon;
import org.pumaseg.InvalidInputException;
import org.pumaseg.annotation.ClassifiedPolygon;
import org.pumaseg.annotation.TissueMask;
import org.pumaseg.image.PixelSize;

class TissueDecoderTest {

	private static final PixelSize PIXEL_SIZE = PixelSize.calibrated(0.25, "test");
	private static final List<String> NAMES = List.of("tissue_stroma", "tissue_tumor",
		"tissue_necrosis", "background");

	@Test
	void backgroundRuleAndArgmax() {
		// Pixels: stroma wins; tumour wins; no class reaches 0.3; background channel wins.
		float[] stroma = { 0.6f, 0.1f, 0.25f, 0.1f };
		float[] tumour = { 0.2f, 0.8f, 0.25f, 0.1f };
		float[] necrosis = { 0.1f, 0.05f, 0.25f, 0.1f };
		float[] background = { 0.1f, 0.05f, 0.25f, 0.7f };

		TissueMask mask = TissueDecoder.decode(List.of(stroma, tumour, necrosis, background),
			NAMES, 4, 1, PIXEL_SIZE, TissueDecodingOptions.argmaxOnly(0.3));

		assertEquals(1, mask.code(0, 0), "stroma");
		assertEquals(3, mask.code(1, 0), "tumour");
		assertEquals(0, mask.code(2, 0), "below the minimum probability");
		assertEquals(0, mask.code(3, 0), "background channel");
	}

	@Test
	void smoothingRemovesSpeckle() {
		int size = 40;
		float[][] planes = uniform(size, 1);
		// One pixel that leans to stroma inside tumour.
		int speckle = 20 + 20 * size;
		planes[0][speckle] = 0.9f;
		planes[1][speckle] = 0.1f;
		List<float[]> probabilities = List.of(planes);

		TissueMask raw = TissueDecoder.decode(probabilities, NAMES, size, size, PIXEL_SIZE,
			TissueDecodingOptions.argmaxOnly(0.3));
		TissueMask smoothed = TissueDecoder.decode(probabilities, NAMES, size, size, PIXEL_SIZE,
			new TissueDecodingOptions(0.3, 1, 0));

		assertEquals(1, raw.code(20, 20));
		assertEquals(3, smoothed.code(20, 20));
		assertEquals(size * size, smoothed.histogram()[3]);
	}

	@Test
	void smallRegionsTakeSurroundingClass() {
		int size = 64;
		float[][] planes = uniform(size, 1);
		// 5 x 5 stroma (1.6 µm²) and 20 x 20 necrosis (25 µm²) inside tumour.
		paint(planes, size, 5, 5, 5, 5, 0);
		paint(planes, size, 30, 30, 20, 20, 2);

		TissueMask mask = TissueDecoder.decode(List.of(planes), NAMES, size, size, PIXEL_SIZE,
			new TissueDecodingOptions(0.3, 0, 10));

		assertEquals(3, mask.code(7, 7), "small stroma island merged into tumour");
		assertEquals(5, mask.code(40, 40), "large necrosis kept");
		assertEquals(400, mask.histogram()[5]);
		assertEquals(0, mask.histogram()[1]);
	}

	@Test
	void regionPolygonsHaveHoles() {
		int size = 64;
		float[][] planes = uniform(size, 1);
		paint(planes, size, 20, 20, 10, 12, 0);
		TissueMask mask = TissueDecoder.decode(List.of(planes), NAMES, size, size, PIXEL_SIZE,
			TissueDecodingOptions.argmaxOnly(0.3));

		List<ClassifiedPolygon> regions = TissueDecoder.regions(mask);

		assertEquals(2, regions.size());
		ClassifiedPolygon stroma = regions.get(0);
		ClassifiedPolygon tumour = regions.get(1);
		assertEquals("tissue_stroma", stroma.className());
		assertEquals(120, stroma.geometry().getArea(), 1e-9);
		assertEquals("tissue_tumor", tumour.className());
		assertEquals(1, ((Polygon) tumour.geometry()).getNumInteriorRing());
		assertEquals(size * size - 120, tumour.geometry().getArea(), 1e-9);
	}

	@Test
	void unknownClassRejected() {
		float[] plane = new float[4];

		assertThrows(InvalidInputException.class, () -> TissueDecoder.decode(List.of(plane),
			List.of("tissue_epithelium"), 2, 2, PIXEL_SIZE, TissueDecodingOptions.defaults()));
	}

	/** Class planes in {@link #NAMES} order where every pixel is {@code winner} at 0.8. */
	private static float[][] uniform(int size, int winner) {
		float[][] planes = new float[NAMES.size()][size * size];
		for (int c = 0; c < planes.length; c++) {
			java.util.Arrays.fill(planes[c], c == winner ? 0.8f : 0.2f / (planes.length - 1));
		}
		return planes;
	}

	private static void paint(float[][] planes, int size, int x0, int y0, int w, int h,
		int winner)
	{
		for (int y = y0; y < y0 + h; y++) {
			for (int x = x0; x < x0 + w; x++) {
				for (int c = 0; c < planes.length; c++) {
					planes[c][x + y * size] = c == winner ? 0.8f : 0.2f / (planes.length - 1);
				}
			}
		}
	}
}
