package org.pumaseg.nuclei;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Polygon;
import org.pumaseg.InvalidInputException;
import org.pumaseg.Progress;
import org.pumaseg.bench.SyntheticNucleiMaps;
import org.pumaseg.image.PixelSize;

class NucleiDecoderTest {

	private static final NucleiDecodingOptions DEFAULTS = NucleiDecodingOptions.defaults();

	/** Chains, a diagonal pair and a cluster of four, all touching along contact lines. */
	private static final double[][] DISC_CENTRES = {
		{ 30, 30 }, { 50, 30 }, { 70, 30 },
		{ 110, 30 }, { 124, 44 },
		{ 30, 75 }, { 50, 75 }, { 30, 95 }, { 50, 95 },
		{ 100, 90 } };

	@Test
	void hoverNetSeparatesTouchingDiscs() {
		int width = 150;
		int height = 120;
		int[] truth = SyntheticNucleiMaps.touchingDiscs(width, height, 12, DISC_CENTRES);

		DecodedNuclei decoded = NucleiDecoder.decodeHoverNet(SyntheticNucleiMaps.hoverNet(truth, width,
			height), DEFAULTS, Progress.none());

		assertEquals(DISC_CENTRES.length, decoded.count());
		assertAllMatched(truth, decoded.labels().labels(), 0.8);
	}

	@Test
	void hoverNetSeparatesTouchingEllipses() {
		int width = 160;
		int height = 120;
		int[] truth = new int[width * height];
		// Later ellipses overwrite earlier ones, so neighbours share irregular contacts.
		SyntheticNucleiMaps.ellipse(truth, width, height, 30, 30, 18, 9, 0.3, 1);
		SyntheticNucleiMaps.ellipse(truth, width, height, 52, 38, 16, 8, -0.6, 2);
		SyntheticNucleiMaps.ellipse(truth, width, height, 40, 55, 14, 10, 1.2, 3);
		SyntheticNucleiMaps.ellipse(truth, width, height, 110, 40, 20, 7, 0.8, 4);
		SyntheticNucleiMaps.ellipse(truth, width, height, 118, 58, 12, 9, 0, 5);
		SyntheticNucleiMaps.ellipse(truth, width, height, 100, 95, 10, 6, 0.4, 6);
		SyntheticNucleiMaps.ellipse(truth, width, height, 114, 95, 10, 6, -0.4, 7);

		DecodedNuclei decoded = NucleiDecoder.decodeHoverNet(SyntheticNucleiMaps.hoverNet(truth, width,
			height), DEFAULTS, Progress.none());

		assertEquals(7, decoded.count());
		assertAllMatched(truth, decoded.labels().labels(), 0.8);
	}

	@Test
	void foregroundDecodingSplitsDiscsAtNecks() {
		int width = 150;
		int height = 120;
		// Centres 20 apart with radius 12: the union has a neck of about 13 pixels.
		int[] truth = SyntheticNucleiMaps.touchingDiscs(width, height, 12, DISC_CENTRES);

		DecodedNuclei decoded = NucleiDecoder.decodeForeground(SyntheticNucleiMaps.foregroundOnly(truth,
			width, height), DEFAULTS, Progress.none());

		assertEquals(DISC_CENTRES.length, decoded.count());
		assertAllMatched(truth, decoded.labels().labels(), 0.8);
	}

	@Test
	void decodePicksMethodByMaps() {
		int width = 60;
		int height = 40;
		// Two discs overlapping so much that their union has hardly a neck, and
		// slightly asymmetric so that the two distance peaks differ: only the distance
		// maps can split them.
		int[] truth = SyntheticNucleiMaps.touchingDiscs(width, height, 12, new double[][] { { 26, 20 },
			{ 34.6, 20.3 } });

		assertEquals(2, NucleiDecoder.decode(SyntheticNucleiMaps.hoverNet(truth, width, height),
			DEFAULTS, Progress.none()).count());
		assertEquals(1, NucleiDecoder.decode(SyntheticNucleiMaps.foregroundOnly(truth, width, height),
			DEFAULTS, Progress.none()).count());
	}

	@Test
	void instancesCarryCentroidAreaAndOutline() {
		int width = 40;
		int height = 40;
		int[] truth = SyntheticNucleiMaps.touchingDiscs(width, height, 8, new double[][] { { 20,
			20 } });
		long area = java.util.Arrays.stream(truth).filter(label -> label == 1).count();

		DecodedNuclei decoded = NucleiDecoder.decodeHoverNet(SyntheticNucleiMaps.hoverNet(truth, width,
			height), DEFAULTS, Progress.none());

		NucleusInstance nucleus = decoded.nuclei().get(0);
		assertEquals(1, nucleus.label());
		assertEquals(area, nucleus.areaPixels());
		assertEquals(20, nucleus.centroidX(), 1e-9);
		assertEquals(20, nucleus.centroidY(), 1e-9);
		assertTrue(nucleus.outline() instanceof Polygon);
		assertEquals(area, nucleus.outline().getArea(), 1e-9);
		assertFalse(nucleus.hasClass(), "no class maps, no class");
		assertTrue(Double.isNaN(nucleus.probability()));
	}

	@Test
	void classVoteFollowsMajority() {
		int width = 40;
		int height = 40;
		int[] truth = SyntheticNucleiMaps.touchingDiscs(width, height, 10, new double[][] { { 20,
			20 } });
		float[][] distance = SyntheticNucleiMaps.distanceMaps(truth, width, height);
		// Pixels left of x = 23 lean to tumour, the others to lymphocyte.
		float[] background = new float[truth.length];
		float[] tumour = new float[truth.length];
		float[] lymphocyte = new float[truth.length];
		long tumourPixels = 0;
		long lymphocytePixels = 0;
		for (int p = 0; p < truth.length; p++) {
			if (truth[p] == 0) {
				background[p] = 1;
			}
			else if (p % width < 23) {
				background[p] = 0.1f;
				tumour[p] = 0.7f;
				lymphocyte[p] = 0.2f;
				tumourPixels++;
			}
			else {
				background[p] = 0.1f;
				tumour[p] = 0.2f;
				lymphocyte[p] = 0.7f;
				lymphocytePixels++;
			}
		}
		assertTrue(tumourPixels > lymphocytePixels, "test scene has a tumour majority");
		NucleiMaps maps = new NucleiMaps(width, height, SyntheticNucleiMaps.PIXEL_SIZE, SyntheticNucleiMaps
			.foreground(truth), distance[0], distance[1], List.of(background, tumour, lymphocyte),
			List.of("background", "nuclei_tumor", "nuclei_lymphocyte"));

		NucleusInstance nucleus = NucleiDecoder.decode(maps, DEFAULTS, Progress.none()).nuclei()
			.get(0);

		assertEquals("nuclei_tumor", nucleus.className());
		double tumourSum = 0.7 * tumourPixels + 0.2 * lymphocytePixels;
		double total = 0.9 * (tumourPixels + lymphocytePixels);
		assertEquals(tumourSum / total, nucleus.probability(), 1e-6);
	}

	@Test
	void classVoteIgnoresBackground() {
		int width = 30;
		int height = 30;
		int[] truth = SyntheticNucleiMaps.touchingDiscs(width, height, 8, new double[][] { { 15,
			15 } });
		float[] background = new float[truth.length];
		float[] stroma = new float[truth.length];
		float[] tumour = new float[truth.length];
		java.util.Arrays.fill(background, 0.9f);
		java.util.Arrays.fill(stroma, 0.03f);
		java.util.Arrays.fill(tumour, 0.07f);
		NucleiMaps maps = new NucleiMaps(width, height, SyntheticNucleiMaps.PIXEL_SIZE, SyntheticNucleiMaps
			.foreground(truth), null, null, List.of(stroma, background, tumour), List.of(
				"nuclei_stroma", "background", "nuclei_tumor"));

		NucleusInstance nucleus = NucleiDecoder.decode(maps, DEFAULTS, Progress.none()).nuclei()
			.get(0);

		assertEquals("nuclei_tumor", nucleus.className());
		assertEquals(0.7, nucleus.probability(), 1e-6);
	}

	@Test
	void classesVotedPerNucleus() {
		int width = 150;
		int height = 120;
		int[] truth = SyntheticNucleiMaps.touchingDiscs(width, height, 12, DISC_CENTRES);
		int[] classOfLabel = new int[DISC_CENTRES.length + 1];
		for (int label = 1; label <= DISC_CENTRES.length; label++) {
			classOfLabel[label] = label % 3;
		}
		List<String> names = List.of("nuclei_tumor", "nuclei_lymphocyte", "nuclei_stroma");

		DecodedNuclei decoded = NucleiDecoder.decode(SyntheticNucleiMaps.hoverNet(truth, width, height,
			classOfLabel, names), DEFAULTS, Progress.none());

		assertEquals(DISC_CENTRES.length, decoded.count());
		for (NucleusInstance nucleus : decoded.nuclei()) {
			int x = (int) nucleus.centroidX();
			int y = (int) nucleus.centroidY();
			int trueLabel = truth[x + y * width];
			assertEquals(names.get(classOfLabel[trueLabel]), nucleus.className(), "nucleus at " +
				x + ", " + y);
			assertEquals(1.0, nucleus.probability(), 1e-9);
		}
	}

	@Test
	void minimumAreaInSquareMicrometres() {
		int width = 60;
		int height = 30;
		int[] truth = new int[width * height];
		// 40 and 60 pixels at 0.25 µm per pixel: 2.5 and 3.75 µm², around the 3 µm² default.
		fillRectangle(truth, width, 5, 5, 8, 5, 1);
		fillRectangle(truth, width, 30, 5, 10, 6, 2);

		for (NucleiMaps maps : List.of(SyntheticNucleiMaps.hoverNet(truth, width, height), SyntheticNucleiMaps
			.foregroundOnly(truth, width, height)))
		{
			DecodedNuclei decoded = NucleiDecoder.decode(maps, DEFAULTS, Progress.none());
			assertEquals(1, decoded.count());
			assertEquals(60, decoded.nuclei().get(0).areaPixels());

			DecodedNuclei all = NucleiDecoder.decode(maps, DEFAULTS.withMinAreaUm2(2.5), Progress
				.none());
			assertEquals(2, all.count(), "40 pixels are exactly 2.5 µm²");
		}
	}

	@Test
	void holesAreFilled() {
		int width = 40;
		int height = 40;
		int[] truth = SyntheticNucleiMaps.touchingDiscs(width, height, 10, new double[][] { { 20,
			20 } });
		NucleiMaps maps = SyntheticNucleiMaps.hoverNet(truth, width, height);
		maps.foreground()[20 + 20 * width] = 0;
		maps.foreground()[21 + 20 * width] = 0;
		long area = java.util.Arrays.stream(truth).filter(label -> label == 1).count();

		assertEquals(area, NucleiDecoder.decode(maps, DEFAULTS, Progress.none()).nuclei().get(0)
			.areaPixels());
		Polygon unfilled = (Polygon) NucleiDecoder.decode(maps, DEFAULTS.withFillHoles(false),
			Progress.none()).nuclei().get(0).outline();
		assertEquals(1, unfilled.getNumInteriorRing());
	}

	@Test
	void emptyMapsGiveNoNuclei() {
		int width = 32;
		int height = 16;
		int[] none = new int[width * height];
		List<String> names = List.of("nuclei_tumor");

		for (NucleiMaps maps : List.of(SyntheticNucleiMaps.hoverNet(none, width, height, new int[1],
			names), SyntheticNucleiMaps.foregroundOnly(none, width, height)))
		{
			DecodedNuclei decoded = NucleiDecoder.decode(maps, DEFAULTS, Progress.none());
			assertEquals(0, decoded.count());
			assertEquals(0, decoded.labels().maxLabel());
		}
	}

	@Test
	void smallObjectsWithoutSeedsKept() {
		// Three-pixel objects are too small for a core of gentle slope; each still becomes
		// one nucleus.
		int width = 20;
		int height = 10;
		int[] truth = new int[width * height];
		fillRectangle(truth, width, 2, 2, 3, 1, 1);
		fillRectangle(truth, width, 10, 5, 1, 3, 2);

		DecodedNuclei decoded = NucleiDecoder.decode(SyntheticNucleiMaps.hoverNet(truth, width, height),
			DEFAULTS.withMinAreaUm2(0), Progress.none());

		assertEquals(2, decoded.count());
		assertEquals(3, decoded.nuclei().get(0).areaPixels());
		assertEquals(3, decoded.nuclei().get(1).areaPixels());
	}

	@Test
	void unknownPixelSizeRejected() {
		int[] truth = new int[16];
		NucleiMaps maps = new NucleiMaps(4, 4, PixelSize.unknown("not calibrated"), SyntheticNucleiMaps
			.foreground(truth), null, null, List.of(), List.of());

		InvalidInputException error = assertThrows(InvalidInputException.class, () -> NucleiDecoder
			.decode(maps, DEFAULTS, Progress.none()));
		assertTrue(error.getMessage().contains("pixel size"), error.getMessage());
	}

	@Test
	void invalidOptionRejected() {
		InvalidInputException error = assertThrows(InvalidInputException.class, () -> DEFAULTS
			.withForegroundThreshold(1.5));
		assertTrue(error.getMessage().contains("1.5"), error.getMessage());
	}

	@Test
	void foregroundOnlyMapsCannotUseHoverNet() {
		NucleiMaps maps = SyntheticNucleiMaps.foregroundOnly(new int[16], 4, 4);

		assertThrows(InvalidInputException.class, () -> NucleiDecoder.decodeHoverNet(maps,
			DEFAULTS, Progress.none()));
		assertNull(maps.horizontal());
	}

	static void fillRectangle(int[] labels, int width, int x0, int y0, int w, int h, int label) {
		for (int y = y0; y < y0 + h; y++) {
			for (int x = x0; x < x0 + w; x++) {
				labels[x + y * width] = label;
			}
		}
	}

	/** Asserts that every true object has a decoded match with IoU above {@code minIou}. */
	static void assertAllMatched(int[] truth, int[] decoded, double minIou) {
		double[] best = SyntheticNucleiMaps.bestIou(truth, decoded);
		for (int label = 1; label < best.length; label++) {
			assertTrue(best[label] > minIou, "object " + label + " best IoU " + best[label]);
		}
	}
}
