package org.pumaseg.preprocess;

import java.util.Arrays;
import java.util.List;

import org.pumaseg.InvalidInputException;

/**
 * The stain appearance that Macenko normalisation estimates and matches: haematoxylin and
 * eosin OD vectors and the robust maximum concentration of each, with OD in log10 units.
 * <p>
 * {@link #builtIn()} is the reference used by most Macenko implementations (M. Veta's MATLAB
 * {@code normalizeStaining.m}, reused by HEnorm_python and torchstain): haematoxylin
 * (0.5626, 0.7201, 0.4062), eosin (0.2159, 0.8012, 0.5581), maximum concentrations 1.9705
 * and 1.0308. Those maxima are for natural-log OD; here OD is log10 (as in Macenko's paper and
 * Ruifrok &amp; Johnston), so they are divided by ln 10 (0.8558 and 0.4477). The vectors do not
 * depend on the base.
 */
public final class MacenkoStains {

	static final double[] VETA_HEMATOXYLIN = { 0.5626, 0.7201, 0.4062 };
	static final double[] VETA_EOSIN = { 0.2159, 0.8012, 0.5581 };
	static final double VETA_MAX_HEMATOXYLIN_LN = 1.9705;
	static final double VETA_MAX_EOSIN_LN = 1.0308;

	private static final MacenkoStains BUILT_IN = new MacenkoStains(VETA_HEMATOXYLIN,
		VETA_EOSIN, VETA_MAX_HEMATOXYLIN_LN / Math.log(10), VETA_MAX_EOSIN_LN / Math.log(10));

	/** The vectors as given (kept so that a description round-trips exactly). */
	private final double[] hematoxylinGiven;
	private final double[] eosinGiven;
	private final double[] hematoxylin;
	private final double[] eosin;
	private final double maxHematoxylin;
	private final double maxEosin;

	/**
	 * @param hematoxylin haematoxylin OD vector (red, green, blue), any positive length
	 * @param eosin eosin OD vector
	 * @param maxHematoxylin robust maximum haematoxylin concentration, log10 OD units, > 0
	 * @param maxEosin robust maximum eosin concentration, > 0
	 * @throws InvalidInputException if a vector is zero, the two are parallel or a maximum is
	 *           not positive
	 */
	public MacenkoStains(double[] hematoxylin, double[] eosin, double maxHematoxylin,
		double maxEosin)
	{
		StainMatrix check = StainMatrix.of(List.of("hematoxylin", "eosin", "residual"),
			new double[][] { hematoxylin, eosin });
		if (!(maxHematoxylin > 0 && maxEosin > 0 && Double.isFinite(maxHematoxylin) && Double
			.isFinite(maxEosin)))
		{
			throw new InvalidInputException("Maximum stain concentrations must be positive " +
				"numbers, got haematoxylin " + maxHematoxylin + " and eosin " + maxEosin + ".");
		}
		this.hematoxylinGiven = hematoxylin.clone();
		this.eosinGiven = eosin.clone();
		this.hematoxylin = check.stain(0);
		this.eosin = check.stain(1);
		this.maxHematoxylin = maxHematoxylin;
		this.maxEosin = maxEosin;
	}

	/** The published reference stains described in the class comment. */
	public static MacenkoStains builtIn() {
		return BUILT_IN;
	}

	/** Unit haematoxylin OD vector (a copy). */
	public double[] hematoxylin() {
		return hematoxylin.clone();
	}

	/** Unit eosin OD vector (a copy). */
	public double[] eosin() {
		return eosin.clone();
	}

	double[] hematoxylinGiven() {
		return hematoxylinGiven.clone();
	}

	double[] eosinGiven() {
		return eosinGiven.clone();
	}

	public double maxHematoxylin() {
		return maxHematoxylin;
	}

	public double maxEosin() {
		return maxEosin;
	}

	/** Haematoxylin, eosin and their residual, for {@link ColourDeconvolution}. */
	public StainMatrix stainMatrix() {
		return StainMatrix.of(List.of("hematoxylin", "eosin", "residual"), new double[][] {
			hematoxylin, eosin });
	}

	@Override
	public String toString() {
		return String.format("hematoxylin %s (max %.4f), eosin %s (max %.4f)", format(
			hematoxylin), maxHematoxylin, format(eosin), maxEosin);
	}

	private static String format(double[] v) {
		return String.format("(%.4f, %.4f, %.4f)", v[0], v[1], v[2]);
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof MacenkoStains s && Arrays.equals(hematoxylinGiven,
			s.hematoxylinGiven) && Arrays.equals(eosinGiven, s.eosinGiven) &&
			maxHematoxylin == s.maxHematoxylin && maxEosin == s.maxEosin;
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(hematoxylinGiven) * 31 + Arrays.hashCode(eosinGiven);
	}
}
