package org.pumaseg.model.tiling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.pumaseg.Progress;
import org.pumaseg.image.RgbImage;
import org.pumaseg.model.LoadedModel;
import org.pumaseg.model.OfflineMode;
import org.pumaseg.result.DetectedNucleus;
import org.pumaseg.segment.DefaultModels;
import org.pumaseg.segment.PanopticSegmenter;
import org.pumaseg.segment.SegmentationOptions;

/**
 * Nuclei of 100 px (25 µm), four times the bundled model's halo of 24 px, centred on the
 * borders of the tiles and of their kept cores: each is found once, not cut in two at a tile
 * border.
 */
class LargeNucleiOnTileBordersTest {

	private static final int SIZE = 1024;
	private static final int TILE = 256;
	private static final double RADIUS = 50;
	private static final int BACKGROUND = 0xe8b0d0;
	private static final int NUCLEUS = 0x4b3278;

	@Test
	void largeNucleiOnTileBordersAreFoundOnce() {
		OfflineMode.enable();
		List<Integer> borders;
		int halo;
		try (LoadedModel model = LoadedModel.open(DefaultModels.nuclei())) {
			halo = model.haloPixels();
			borders = borders(model);
		}
		// One disc on each vertical border line, in rows far enough apart not to touch.
		List<double[]> centres = new ArrayList<>();
		double lastX = Double.NEGATIVE_INFINITY;
		int row = 0;
		for (int border : borders) {
			if (border - lastX < 2 * RADIUS + 8) {
				continue;
			}
			centres.add(new double[] { border, 120 + 260 * (row % 4) + 0.5 });
			lastX = border;
			row++;
		}
		RgbImage image = DiscImages.render("large nuclei on tile borders", SIZE, centres, RADIUS,
			BACKGROUND, NUCLEUS, 3);

		List<DetectedNucleus> nuclei;
		try (PanopticSegmenter segmenter = new PanopticSegmenter(DefaultModels.nuclei(), null,
			SegmentationOptions.defaults().withTileSize(TILE)))
		{
			nuclei = segmenter.segment(image, Progress.none()).result().nuclei();
		}

		int[] hits = new int[centres.size()];
		for (DetectedNucleus nucleus : nuclei) {
			for (int i = 0; i < centres.size(); i++) {
				if (Math.hypot(centres.get(i)[0] - nucleus.centroidX(), centres.get(i)[1] - nucleus
					.centroidY()) < RADIUS)
				{
					hits[i]++;
				}
			}
		}
		assertTrue(2 * RADIUS > 4 * halo, "discs of " + 2 * RADIUS + " px, halo " + halo);
		assertTrue(centres.size() >= 3, centres.size() + " discs placed");
		int[] once = new int[centres.size()];
		Arrays.fill(once, 1);
		assertEquals(Arrays.toString(once), Arrays.toString(hits), "detections per disc");
		assertEquals(centres.size(), nuclei.size());
	}

	/** Returns the x positions where a tile or its kept core starts or ends. */
	private static List<Integer> borders(LoadedModel model) {
		int halo = model.haloPixels();
		int size = model.validTileSize("x", TILE);
		int core = size - 2 * halo;
		int overlap = Math.min(Math.max(halo, 8), core / 2);
		AxisTiling tiling = new AxisTiling(SIZE, size, halo, overlap);
		List<Integer> positions = new ArrayList<>();
		for (int i = 0; i < tiling.tileCount(); i++) {
			for (int position : new int[] { tiling.tileStart(i), tiling.coreStart(i), tiling
				.coreStart(i) + core, tiling.tileStart(i) + size })
			{
				if (position > RADIUS && position < SIZE - RADIUS && !positions.contains(position)) {
					positions.add(position);
				}
			}
		}
		positions.sort(null);
		return positions;
	}
}
