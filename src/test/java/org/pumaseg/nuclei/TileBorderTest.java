package org.pumaseg.nuclei;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pumaseg.Progress;
import org.pumaseg.bench.SyntheticNucleiMaps;

/**
 * Decoding of maps stitched from tiles. Each simulated tile sees only its window (the tile
 * plus a halo), so a nucleus cut by the window edge gets distance maps relative to the visible
 * part's centre, as a model would predict them; windows overlap by twice the halo and are
 * blended with linear weights that sum to 1, as the tiled predictor does. The halo is much
 * smaller than a nucleus, so nuclei on tile borders are cut in every tile that sees them; the
 * same maps joined with hard seams instead of blending give duplicates, which shows that the
 * scene is hard enough.
 */
class TileBorderTest {

	private static final int SIZE = 192;
	private static final int HALO = 2;
	private static final double RADIUS = 9;
	private static final int SPACING = 16;

	@ParameterizedTest(name = "tile {0}, lattice offset {1}")
	@CsvSource({ "32, 0", "32, 8", "48, 0", "48, 8", "64, 0", "64, 8", "40, 4" })
	void touchingNucleiOnTileBordersDecodedOnce(int tileSize, int offset) {
		List<double[]> centres = lattice(offset);
		int[] truth = SyntheticNucleiMaps.touchingDiscs(SIZE, SIZE, RADIUS, centres.toArray(
			double[][]::new));

		NucleiMaps stitched = stitch(truth, tileSize, true);
		DecodedNuclei decoded = NucleiDecoder.decode(stitched, NucleiDecodingOptions.defaults(),
			Progress.none());

		assertEquals(centres.size(), decoded.count(), "one nucleus per true nucleus");
		NucleiDecoderTest.assertAllMatched(truth, decoded.labels().labels(), 0.8);
		assertEquals(0, cutsAlongBorders(truth, decoded.labels().labels(), tileSize),
			"pixel pairs of one true nucleus split along a tile border");
	}

	@Test
	void hardSeamsDuplicateNuclei() {
		List<double[]> centres = lattice(0);
		int[] truth = SyntheticNucleiMaps.touchingDiscs(SIZE, SIZE, RADIUS, centres.toArray(
			double[][]::new));

		NucleiMaps seamed = stitch(truth, 32, false);
		DecodedNuclei decoded = NucleiDecoder.decode(seamed, NucleiDecodingOptions.defaults(),
			Progress.none());

		assertTrue(decoded.count() > centres.size(), decoded.count() + " nuclei");
	}

	/**
	 * Centres of discs that touch their four neighbours along straight contacts. With offset 0
	 * the centres lie on the borders (and corners) of tiles of 32, 48 and 64 pixels; with
	 * offset 8 the contact lines do.
	 */
	private static List<double[]> lattice(int offset) {
		List<double[]> centres = new ArrayList<>();
		for (int y = offset + SPACING; y < SIZE - SPACING / 2; y += SPACING) {
			for (int x = offset + SPACING; x < SIZE - SPACING / 2; x += SPACING) {
				centres.add(new double[] { x, y });
			}
		}
		return centres;
	}

	/**
	 * Per-tile HoVer-Net maps of the truth, each made from the truth seen in its window, blended
	 * over the overlaps or, when {@code blend} is false, cut at the tile borders.
	 */
	private static NucleiMaps stitch(int[] truth, int tileSize, boolean blend) {
		float[] horizontal = new float[truth.length];
		float[] vertical = new float[truth.length];
		float[] weights = new float[truth.length];
		for (int tileY = 0; tileY < SIZE; tileY += tileSize) {
			for (int tileX = 0; tileX < SIZE; tileX += tileSize) {
				int x0 = Math.max(0, tileX - HALO);
				int y0 = Math.max(0, tileY - HALO);
				int x1 = Math.min(SIZE, tileX + tileSize + HALO);
				int y1 = Math.min(SIZE, tileY + tileSize + HALO);
				addTile(truth, x0, y0, x1, y1, blend, horizontal, vertical, weights);
			}
		}
		for (int p = 0; p < truth.length; p++) {
			horizontal[p] /= weights[p];
			vertical[p] /= weights[p];
		}
		return new NucleiMaps(SIZE, SIZE, SyntheticNucleiMaps.PIXEL_SIZE, SyntheticNucleiMaps.foreground(
			truth), horizontal, vertical, List.of(), List.of());
	}

	private static void addTile(int[] truth, int x0, int y0, int x1, int y1, boolean blend,
		float[] horizontal, float[] vertical, float[] weights)
	{
		int width = x1 - x0;
		int height = y1 - y0;
		int[] window = new int[width * height];
		for (int y = 0; y < height; y++) {
			System.arraycopy(truth, x0 + (y0 + y) * SIZE, window, y * width, width);
		}
		float[][] maps = SyntheticNucleiMaps.distanceMaps(window, width, height);
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				float weight = blend ? ramp(x, width, x0 > 0, x1 < SIZE) * ramp(y, height, y0 > 0,
					y1 < SIZE) : inTile(x, width, x0 > 0, x1 < SIZE) * inTile(y, height, y0 > 0,
						y1 < SIZE);
				int p = x0 + x + (y0 + y) * SIZE;
				horizontal[p] += weight * maps[0][x + y * width];
				vertical[p] += weight * maps[1][x + y * width];
				weights[p] += weight;
			}
		}
	}

	/** Rises linearly over the 2 × HALO pixels at each edge shared with another window. */
	private static float ramp(int i, int length, boolean blendStart, boolean blendEnd) {
		float weight = 1;
		if (blendStart) {
			weight = Math.min(weight, (i + 0.5f) / (2 * HALO));
		}
		if (blendEnd) {
			weight = Math.min(weight, (length - i - 0.5f) / (2 * HALO));
		}
		return weight;
	}

	/** 1 inside the tile, 0 in the halo that another window covers. */
	private static float inTile(int i, int length, boolean haloAtStart, boolean haloAtEnd) {
		boolean inHalo = (haloAtStart && i < HALO) || (haloAtEnd && i >= length - HALO);
		return inHalo ? 0 : 1;
	}

	/**
	 * Neighbouring pixel pairs across a tile border that belong to one true nucleus but got
	 * different decoded labels.
	 */
	private static int cutsAlongBorders(int[] truth, int[] decoded, int tileSize) {
		int cuts = 0;
		for (int border = tileSize; border < SIZE; border += tileSize) {
			for (int i = 0; i < SIZE; i++) {
				cuts += cut(truth, decoded, border - 1 + i * SIZE, border + i * SIZE);
				cuts += cut(truth, decoded, i + (border - 1) * SIZE, i + border * SIZE);
			}
		}
		return cuts;
	}

	private static int cut(int[] truth, int[] decoded, int p, int q) {
		boolean sameNucleus = truth[p] > 0 && truth[p] == truth[q];
		return sameNucleus && decoded[p] != decoded[q] ? 1 : 0;
	}
}
