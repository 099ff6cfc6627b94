package org.pumaseg.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.pumaseg.nuclei.NucleiMaps;

/**
 * Ideal nuclei maps for the decoding benchmark: touching discs of radius 8 to 13 px on a
 * 24 px grid jittered by a Gaussian of 3 px, each of one of 3 classes, as a HoVer-Net model
 * would ideally predict them (see {@link SyntheticNucleiMaps}). A 1024 x 1024 scene contains
 * 1,764 discs.
 *
 * @param hoverNet foreground, distance maps and class planes
 * @param trueCount discs drawn
 */
public record DecodingScene(NucleiMaps hoverNet, int trueCount) {

	private static final int GRID_PIXELS = 24;

	/** Builds the scene of {@code size} x {@code size} px; the fixed seed makes it repeatable. */
	public static DecodingScene touchingDiscs(int size) {
		Random random = new Random(42);
		int margin = GRID_PIXELS / 2;
		List<double[]> centres = new ArrayList<>();
		for (int y = margin; y < size - margin; y += GRID_PIXELS) {
			for (int x = margin; x < size - margin; x += GRID_PIXELS) {
				centres.add(new double[] { x + random.nextGaussian() * 3, y + random
					.nextGaussian() * 3 });
			}
		}
		int[] truth = new int[size * size];
		int[] classOfLabel = new int[centres.size() + 1];
		for (int i = 0; i < centres.size(); i++) {
			double radius = 8 + 5 * random.nextDouble();
			double[] centre = centres.get(i);
			SyntheticNucleiMaps.ellipse(truth, size, size, centre[0], centre[1], radius, radius, 0,
				i + 1);
			classOfLabel[i + 1] = random.nextInt(3);
		}
		NucleiMaps hoverNet = SyntheticNucleiMaps.hoverNet(truth, size, size, classOfLabel, List
			.of("nuclei_tumor", "nuclei_lymphocyte", "nuclei_stroma"));
		return new DecodingScene(hoverNet, centres.size());
	}

	public int size() {
		return hoverNet.width();
	}

	/** Returns the same maps without the distance maps, as a foreground-only model gives them. */
	public NucleiMaps foregroundOnly() {
		return new NucleiMaps(hoverNet.width(), hoverNet.height(), hoverNet.pixelSize(), hoverNet
			.foreground(), null, null, hoverNet.classProbabilities(), hoverNet.classNames());
	}
}
