package org.pumaseg.preprocess;

import java.util.Arrays;

import org.pumaseg.InvalidInputException;

/**
 * Mean and standard deviation of each CIE L*a*b* channel of an image: the colour appearance
 * that {@link ReinhardNormalizer} matches.
 * <p>
 * {@link #builtIn()} holds the statistics of the PUMA training ROI
 * {@code training_set_metastatic_roi_094} (melanoma lymph-node metastasis, H&amp;E, 1024², all
 * pixels), computed with {@link ReinhardNormalizer#fit}. It is the one PUMA image this project
 * has (PUMA data are CC0); normalising to it brings other scanners' colours towards the data
 * PumaSeg's models are trained on. A test recomputes these numbers from the image.
 * NOTE: a third of this ROI is a dense lymphocyte sheet, so it is darker and more
 * haematoxylin-blue (mean L* 34) than an average PUMA ROI; give a reference image of your own
 * when that matters.
 */
public final class ReinhardStats {

	private static final ReinhardStats BUILT_IN = new ReinhardStats(new double[] {
		PumaRoi094.L_MEAN, PumaRoi094.A_MEAN, PumaRoi094.B_MEAN }, new double[] {
			PumaRoi094.L_STD, PumaRoi094.A_STD, PumaRoi094.B_STD });

	/** Statistics of PUMA ROI training_set_metastatic_roi_094, from ReinhardNormalizer.fit. */
	static final class PumaRoi094 {
		static final double L_MEAN = 34.02192716844574;
		static final double A_MEAN = 46.18346455198932;
		static final double B_MEAN = -42.17590565052466;
		static final double L_STD = 11.580795692422955;
		static final double A_STD = 7.041791026429927;
		static final double B_STD = 5.97490280469619;
	}

	private final double[] mean;
	private final double[] std;

	/**
	 * @param mean mean L*, a*, b*
	 * @param std standard deviation of L*, a*, b*; each &gt; 0
	 */
	public ReinhardStats(double[] mean, double[] std) {
		if (mean.length != 3 || std.length != 3) {
			throw new IllegalArgumentException("Reinhard statistics need 3 means and 3 standard " +
				"deviations.");
		}
		for (int c = 0; c < 3; c++) {
			if (!Double.isFinite(mean[c]) || !(std[c] > 0) || !Double.isFinite(std[c])) {
				throw new InvalidInputException("Reinhard statistics need finite L*a*b* means and " +
					"positive standard deviations, got mean " + Arrays.toString(mean) + ", std " +
					Arrays.toString(std) + ".");
			}
		}
		this.mean = mean.clone();
		this.std = std.clone();
	}

	/** The PUMA reference described in the class comment. */
	public static ReinhardStats builtIn() {
		return BUILT_IN;
	}

	/** Mean L*, a*, b* (a copy). */
	public double[] mean() {
		return mean.clone();
	}

	/** Standard deviation of L*, a*, b* (a copy). */
	public double[] std() {
		return std.clone();
	}

	@Override
	public String toString() {
		return String.format("L*a*b* mean (%.3f, %.3f, %.3f), std (%.3f, %.3f, %.3f)", mean[0],
			mean[1], mean[2], std[0], std[1], std[2]);
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof ReinhardStats s && Arrays.equals(mean, s.mean) && Arrays.equals(std,
			s.std);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(mean) * 31 + Arrays.hashCode(std);
	}
}
