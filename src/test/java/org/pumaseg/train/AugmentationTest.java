package org.pumaseg.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.pumaseg.label.LabelImage;

class AugmentationTest {

	/** Distance maps recomputed on a flipped or rotated crop equal the transformed maps. */
	@Test
	void distanceMapsFollowFlipsAndRotations() {
		LabelImage labels = SyntheticNuclei.discs(32, 32, 4, new java.util.Random(4));
		TrainingImage image = new TrainingImage("discs", 32, 32, new int[32 * 32], Targets
			.ofInstances(labels, null));
		Augmentation geometric = new Augmentation(0, true, 0, 0, 0);
		NetworkConfig network = new NetworkConfig(2, 4, true, 0, 0);
		ClassWeights weights = ClassWeights.of(List.of(image), 0, 0);
		for (int seed = 0; seed < 16; seed++) {
			Batch batch = Trainer.emptyBatch(network, 1, 32);
			geometric.crop(image, 0, 0, new SplittableRandom(seed), batch, 0, weights);

			Targets recomputed = Targets.ofInstances(movedLabels(batch, labels), null);
			for (int i = 0; i < 32 * 32; i++) {
				assertEquals(recomputed.horizontal()[i], batch.distance()[2 * i], 1e-6, "seed " +
					seed + ", pixel " + i + ", horizontal");
				assertEquals(recomputed.vertical()[i], batch.distance()[2 * i + 1], 1e-6, "seed " +
					seed + ", pixel " + i + ", vertical");
			}
		}
	}

	/** Finds the flip or rotation of the labels whose foreground matches the crop's. */
	private static LabelImage movedLabels(Batch batch, LabelImage original) {
		// Try the 8 transforms and keep the one that maps the label image's foreground onto the
		// batch's foreground.
		for (int t = 0; t < 8; t++) {
			boolean transpose = (t & 1) != 0;
			boolean flipX = (t & 2) != 0;
			boolean flipY = (t & 4) != 0;
			int[] moved = new int[32 * 32];
			boolean matches = true;
			for (int y = 0; y < 32 && matches; y++) {
				for (int x = 0; x < 32; x++) {
					int a = transpose ? y : x;
					int b = transpose ? x : y;
					a = flipX ? 31 - a : a;
					b = flipY ? 31 - b : b;
					moved[y * 32 + x] = original.get(a, b);
					if ((moved[y * 32 + x] > 0) != (batch.foreground()[y * 32 + x] > 0)) {
						matches = false;
						break;
					}
				}
			}
			if (matches) {
				return LabelImage.wrap(moved, 32, 32);
			}
		}
		throw new AssertionError("no flip or rotation reproduces the crop");
	}
}
