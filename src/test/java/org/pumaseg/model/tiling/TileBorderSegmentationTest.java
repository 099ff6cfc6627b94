package org.pumaseg.model.tiling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pumaseg.Progress;
import org.pumaseg.image.RgbImage;
import org.pumaseg.model.LoadedModel;
import org.pumaseg.model.OfflineMode;
import org.pumaseg.result.DetectedNucleus;
import org.pumaseg.segment.PanopticSegmenter;
import org.pumaseg.segment.SegmentationOptions;
import org.pumaseg.train.TestModels;

/**
 * A whole segmentation run on a 2048 x 2048 H&E-like image whose 14-px nuclei are centred
 * exactly on the edges of the tiles and of their kept cores: each nucleus is found once.
 */
class TileBorderSegmentationTest {

	private static final int SIZE = 2048;
	private static final int TILE = 256;
	private static final double RADIUS = 7;
	/** Centre spacing: discs of 14 px with a gap of at least 2 px. */
	private static final int SPACING = 17;
	/** Colours of the synthetic discs the test nuclei model is trained on. */
	private static final int BACKGROUND = 0xf0c8dc;
	private static final int NUCLEUS = 0x503c8c;

	@TempDir
	static Path models;

	private static Path nucleiModel;

	@BeforeAll
	static void trainModel() {
		OfflineMode.enable();
		nucleiModel = TestModels.nuclei(models.resolve("nuclei"));
	}

	@Test
	void nucleiOnTileBordersAreFoundOnce() {
		List<Integer> borders;
		try (LoadedModel model = LoadedModel.open(nucleiModel)) {
			borders = borders(model);
		}
		List<double[]> centres = centresOn(borders);
		RgbImage image = DiscImages.render("tile borders", SIZE, centres, RADIUS, BACKGROUND,
			NUCLEUS, 7);

		List<DetectedNucleus> nuclei;
		try (PanopticSegmenter segmenter = new PanopticSegmenter(nucleiModel, null,
			SegmentationOptions.defaults().withTileSize(TILE)))
		{
			nuclei = segmenter.segment(image, Progress.none()).result().nuclei();
		}

		int[] hits = new int[centres.size()];
		List<String> strays = new ArrayList<>();
		for (DetectedNucleus nucleus : nuclei) {
			int nearest = nearest(centres, nucleus.centroidX(), nucleus.centroidY());
			double[] centre = centres.get(nearest);
			if (Math.hypot(centre[0] - nucleus.centroidX(), centre[1] - nucleus.centroidY()) < RADIUS) {
				hits[nearest]++;
			}
			else {
				strays.add(String.format("(%.1f, %.1f)", nucleus.centroidX(), nucleus.centroidY()));
			}
		}
		List<String> notOnce = new ArrayList<>();
		for (int i = 0; i < centres.size(); i++) {
			if (hits[i] != 1) {
				notOnce.add(String.format("(%.0f, %.0f) x %d", centres.get(i)[0], centres.get(i)[1],
					hits[i]));
			}
		}
		assertTrue(centres.size() > 500, centres.size() + " nuclei placed");
		assertEquals(List.of(), notOnce, "nuclei not found exactly once, of " + centres.size());
		assertEquals(List.of(), strays, "detections away from every nucleus");
		assertEquals(centres.size(), nuclei.size());
	}

	/**
	 * Returns the image positions where a tile starts or ends and where its kept core starts
	 * or ends, with the tiling {@link TiledPredictor} uses for this model and tile size.
	 */
	private static List<Integer> borders(LoadedModel model) {
		int halo = model.haloPixels();
		int size = model.validTileSize("x", TILE);
		int core = size - 2 * halo;
		// The predictor's automatic blending overlap: the halo, at least 8 px, at most half a core.
		int overlap = Math.min(Math.max(halo, 8), core / 2);
		AxisTiling tiling = new AxisTiling(SIZE, size, halo, overlap);
		TreeSet<Integer> positions = new TreeSet<>();
		for (int i = 0; i < tiling.tileCount(); i++) {
			for (int position : new int[] { tiling.tileStart(i), tiling.tileStart(i) + size,
				tiling.coreStart(i), tiling.coreStart(i) + core })
			{
				if (position > RADIUS && position < SIZE - RADIUS) {
					positions.add(position);
				}
			}
		}
		assertTrue(tiling.tileCount() > 4, tiling.tileCount() + " tiles per row");
		return new ArrayList<>(positions);
	}

	/**
	 * Places nuclei on every vertical and horizontal border line, every {@link #SPACING} px
	 * along it, skipping places closer than that to a nucleus already placed.
	 */
	private static List<double[]> centresOn(List<Integer> borders) {
		List<double[]> centres = new ArrayList<>();
		for (int border : borders) {
			for (int along = SPACING / 2; along < SIZE - RADIUS; along += SPACING) {
				place(centres, border, along);
				place(centres, along, border);
			}
		}
		return centres;
	}

	private static void place(List<double[]> centres, double x, double y) {
		for (double[] centre : centres) {
			if (Math.hypot(centre[0] - x, centre[1] - y) < SPACING) {
				return;
			}
		}
		centres.add(new double[] { x, y });
	}

	private static int nearest(List<double[]> centres, double x, double y) {
		int best = 0;
		double bestDistance = Double.POSITIVE_INFINITY;
		for (int i = 0; i < centres.size(); i++) {
			double distance = Math.hypot(centres.get(i)[0] - x, centres.get(i)[1] - y);
			if (distance < bestDistance) {
				best = i;
				bestDistance = distance;
			}
		}
		return best;
	}
}
