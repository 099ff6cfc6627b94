package org.pumaseg.preprocess;

import java.util.Map;

import org.pumaseg.InvalidInputException;
import org.pumaseg.Progress;
import org.pumaseg.image.RgbImage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stain normalisation of Macenko et al., "A method for normalizing histology slides for
 * quantitative analysis", ISBI 2009.
 * <p>
 * Estimation ({@link #fit}): convert every pixel to {@link OpticalDensity}; drop transparent
 * pixels, those with OD below {@code beta} in any channel (default 0.15); take the plane of the
 * two largest eigenvectors of the remaining OD vectors' second-moment matrix (the SVD of the OD
 * tuples, as in the paper; many ports use the centred covariance instead, which spans the same
 * plane when the data are two stains); project the OD vectors on that plane and take the
 * {@code alpha} and {@code 100 - alpha} percentiles of their angle (default alpha = 1) as the
 * two stain directions, the one with more red absorption being haematoxylin; solve every
 * pixel's concentrations by least squares and take their {@code max_percentile} percentile
 * (default 99, over all pixels as in the reference implementations) as the maximum
 * concentrations.
 * <p>
 * Normalisation ({@link #normalize}): each pixel's concentrations are scaled by
 * target max / image max and recombined with the target stain vectors, then turned back into
 * 8-bit intensities with the same {@code i0}.
 * <p>
 * All statistics are image-wide and exact (per distinct colour, see {@link ColourTable}). The
 * eigenvectors come from {@link SymmetricEigen3}, a 3x3 Jacobi solver.
 */
public final class MacenkoNormalizer implements PreprocessOp {

	public static final String NAME = "macenko";
	public static final double DEFAULT_ALPHA = 1;
	public static final double DEFAULT_BETA = 0.15;
	public static final double DEFAULT_MAX_PERCENTILE = 99;
	/** Fewer stained pixels than this cannot give a stable estimate. */
	public static final long MIN_TISSUE_PIXELS = 100;
	/** Stain directions closer than this cannot be told apart. */
	static final double MIN_STAIN_ANGLE_DEGREES = 1;

	private static final Logger LOG = LoggerFactory.getLogger(MacenkoNormalizer.class);

	private final double alpha;
	private final double beta;
	private final double maxPercentile;
	private final OpticalDensity od;
	private final MacenkoStains target;

	/** Default parameters, normalising to {@link MacenkoStains#builtIn()}. */
	public MacenkoNormalizer() {
		this(DEFAULT_ALPHA, DEFAULT_BETA, DEFAULT_MAX_PERCENTILE, new OpticalDensity(),
			MacenkoStains.builtIn());
	}

	public MacenkoNormalizer(double alpha, double beta, double maxPercentile, OpticalDensity od,
		MacenkoStains target)
	{
		if (!(alpha > 0 && alpha < 50 && beta >= 0 && maxPercentile > 0 &&
			maxPercentile <= 100))
		{
			throw new IllegalArgumentException("Macenko needs 0 < alpha < 50, beta >= 0 and " +
				"0 < max_percentile <= 100; got " + alpha + ", " + beta + ", " + maxPercentile);
		}
		this.alpha = alpha;
		this.beta = beta;
		this.maxPercentile = maxPercentile;
		this.od = od;
		this.target = target;
	}

	/** The same parameters with another target. */
	public MacenkoNormalizer withTarget(MacenkoStains newTarget) {
		return new MacenkoNormalizer(alpha, beta, maxPercentile, od, newTarget);
	}

	/** Default parameters, normalising to the stains estimated on {@code reference}. */
	public static MacenkoNormalizer toReference(RgbImage reference, Progress progress) {
		MacenkoNormalizer defaults = new MacenkoNormalizer();
		return defaults.withTarget(defaults.fit(reference, progress));
	}

	static MacenkoNormalizer fromParameters(Parameters p) {
		double alpha = p.number("alpha", DEFAULT_ALPHA, 0, false, 50, false);
		double beta = p.number("beta", DEFAULT_BETA, 0, true, 3, true);
		double maxPercentile = p.number("max_percentile", DEFAULT_MAX_PERCENTILE, 0, false, 100,
			true);
		OpticalDensity od = OpticalDensity.fromParameters(p);
		MacenkoStains builtIn = MacenkoStains.builtIn();
		String vectorText = "a list of 3 numbers [red, green, blue], an OD vector";
		double[] h = p.vector("target_hematoxylin", builtIn.hematoxylinGiven(), 3, vectorText);
		double[] e = p.vector("target_eosin", builtIn.eosinGiven(), 3, vectorText);
		String maxText = "a list of 2 positive numbers [haematoxylin, eosin]";
		double[] max = p.vector("target_max_concentrations", new double[] { builtIn
			.maxHematoxylin(), builtIn.maxEosin() }, 2, maxText);
		if (!(max[0] > 0 && max[1] > 0)) {
			throw p.bad("target_max_concentrations", Parameters.list(max), maxText);
		}
		MacenkoStains target;
		try {
			target = new MacenkoStains(h, e, max[0], max[1]);
		}
		catch (InvalidInputException invalid) {
			throw new InvalidInputException("Preprocessing step '" + NAME + "': the target " +
				"stains are not valid. " + invalid.getMessage(), invalid);
		}
		return new MacenkoNormalizer(alpha, beta, maxPercentile, od, target);
	}

	public MacenkoStains target() {
		return target;
	}

	/**
	 * Estimates the stains of {@code image}.
	 *
	 * @throws InvalidInputException if the image has fewer than {@link #MIN_TISSUE_PIXELS}
	 *           stained pixels, or only one stain colour
	 */
	public MacenkoStains fit(RgbImage image, Progress progress) {
		ColourTable table = ColourTable.of(image, progress.subRange(0, 0.8));
		return fit(table, image.name());
	}

	/** Normalises {@code image} to the target stains; the input is not modified. */
	public RgbImage normalize(RgbImage image, Progress progress) {
		ColourTable table = ColourTable.of(image, progress.subRange(0, 0.4));
		MacenkoStains source = fit(table, image.name());
		progress.checkCanceled();

		double[] sh = source.hematoxylin();
		double[] se = source.eosin();
		double[] th = target.hematoxylin();
		double[] te = target.eosin();
		double scaleH = target.maxHematoxylin() / source.maxHematoxylin();
		double scaleE = target.maxEosin() / source.maxEosin();
		double[] odTable = odTable();
		int[] newColours = new int[table.size()];
		double[] c = new double[2];
		for (int k = 0; k < table.size(); k++) {
			int colour = table.colour(k);
			double r = odTable[(colour >> 16) & 0xff];
			double g = odTable[(colour >> 8) & 0xff];
			double b = odTable[colour & 0xff];
			concentrations(sh, se, r, g, b, c);
			double ch = c[0] * scaleH;
			double ce = c[1] * scaleE;
			int nr = od.toIntensity(ch * th[0] + ce * te[0]);
			int ng = od.toIntensity(ch * th[1] + ce * te[1]);
			int nb = od.toIntensity(ch * th[2] + ce * te[2]);
			newColours[k] = (nr << 16) | (ng << 8) | nb;
		}
		return table.map(image, newColours, image.name() + " (Macenko)", progress.subRange(0.5,
			1));
	}

	private MacenkoStains fit(ColourTable table, String imageName) {
		double[] odTable = odTable();
		int n = table.size();

		// Second moments of the OD of stained pixels.
		double[][] moments = new double[3][3];
		long tissue = 0;
		int[] tissueWeights = new int[n];
		for (int k = 0; k < n; k++) {
			int colour = table.colour(k);
			double r = odTable[(colour >> 16) & 0xff];
			double g = odTable[(colour >> 8) & 0xff];
			double b = odTable[colour & 0xff];
			if (r < beta || g < beta || b < beta) {
				continue;
			}
			int w = table.count(k);
			tissueWeights[k] = w;
			tissue += w;
			moments[0][0] += w * r * r;
			moments[0][1] += w * r * g;
			moments[0][2] += w * r * b;
			moments[1][1] += w * g * g;
			moments[1][2] += w * g * b;
			moments[2][2] += w * b * b;
		}
		if (tissue < MIN_TISSUE_PIXELS) {
			throw new InvalidInputException("Image '" + imageName + "' has only " + tissue +
				" stained pixel(s) (optical density of at least " + beta + " in every channel); " +
				"Macenko stain normalisation needs at least " + MIN_TISSUE_PIXELS + ". Use an " +
				"image, or a crop, with more H&E-stained tissue. The normalize command and the " +
				"Fiji command use this threshold as is. In a model package's preprocessing " +
				"chain, a lower 'beta' parameter of the macenko step also counts paler pixels.");
		}
		moments[1][0] = moments[0][1];
		moments[2][0] = moments[0][2];
		moments[2][1] = moments[1][2];

		SymmetricEigen3 eigen = new SymmetricEigen3(moments);
		double[] e1 = eigen.vector(0);
		double[] e2 = eigen.vector(1);
		if (e1[0] + e1[1] + e1[2] < 0) {
			// Stained tissue absorbs in every channel: point the main axis into the positive octant
			// so that angles do not wrap around +-pi.
			e1 = new double[] { -e1[0], -e1[1], -e1[2] };
		}

		// Angle of each stained pixel in the plane (e1, e2).
		double[] angles = new double[n];
		for (int k = 0; k < n; k++) {
			if (tissueWeights[k] == 0) {
				continue;
			}
			double[] v = odOf(table.colour(k), odTable);
			angles[k] = Math.atan2(Vectors3.dot(v, e2), Vectors3.dot(v, e1));
		}
		WeightedPercentile anglePercentiles = new WeightedPercentile(angles, tissueWeights);
		double minAngle = anglePercentiles.percentile(alpha);
		double maxAngle = anglePercentiles.percentile(100 - alpha);
		double[] vMin = direction(e1, e2, minAngle);
		double[] vMax = direction(e1, e2, maxAngle);
		double[] hematoxylin = vMin[0] > vMax[0] ? vMin : vMax;
		double[] eosin = vMin[0] > vMax[0] ? vMax : vMin;
		if (Vectors3.angleDegrees(hematoxylin, eosin) < MIN_STAIN_ANGLE_DEGREES) {
			throw new InvalidInputException("Image '" + imageName + "' shows only one stain " +
				"colour, so haematoxylin and eosin cannot be told apart; Macenko normalisation " +
				"needs an H&E image with both stains (or use Reinhard normalisation).");
		}

		// Robust maximum concentrations, over all pixels.
		double[] ch = new double[n];
		double[] ce = new double[n];
		double[] c = new double[2];
		for (int k = 0; k < n; k++) {
			int colour = table.colour(k);
			concentrations(hematoxylin, eosin, odTable[(colour >> 16) & 0xff], odTable[(colour >>
				8) & 0xff], odTable[colour & 0xff], c);
			ch[k] = c[0];
			ce[k] = c[1];
		}
		double maxH = new WeightedPercentile(ch, table.counts()).percentile(maxPercentile);
		double maxE = new WeightedPercentile(ce, table.counts()).percentile(maxPercentile);
		if (!(maxH > 1e-6 && maxE > 1e-6)) {
			throw new InvalidInputException("Image '" + imageName + "' has too little " +
				(maxH > 1e-6 ? "eosin" : "haematoxylin") + " for Macenko normalisation (" +
				maxPercentile + "th percentile of its concentration: " + (maxH > 1e-6 ? maxE
					: maxH) + "); use an H&E image with both stains, or Reinhard normalisation.");
		}
		MacenkoStains stains = new MacenkoStains(hematoxylin, eosin, maxH, maxE);
		LOG.info("Macenko stains of '{}': {} ({} of {} pixels stained, {} colours; alpha {}, " +
			"beta {})", imageName, stains, tissue, table.pixels(), n, alpha, beta);
		return stains;
	}

	private double[] odTable() {
		double[] table = new double[256];
		for (int v = 0; v < 256; v++) {
			table[v] = od.of(v);
		}
		return table;
	}

	private static double[] odOf(int colour, double[] odTable) {
		return new double[] { odTable[(colour >> 16) & 0xff], odTable[(colour >> 8) & 0xff],
			odTable[colour & 0xff] };
	}

	private static double[] direction(double[] e1, double[] e2, double angle) {
		double c = Math.cos(angle);
		double s = Math.sin(angle);
		return new double[] { c * e1[0] + s * e2[0], c * e1[1] + s * e2[1], c * e1[2] + s *
			e2[2] };
	}

	/**
	 * Least-squares concentrations {@code (ch, ce)} of OD {@code (r, g, b)} for unit stain
	 * vectors {@code h} and {@code e}: the solution of the 2x2 normal equations.
	 */
	static void concentrations(double[] h, double[] e, double r, double g, double b,
		double[] out)
	{
		double d = Vectors3.dot(h, e);
		double hv = h[0] * r + h[1] * g + h[2] * b;
		double ev = e[0] * r + e[1] * g + e[2] * b;
		double det = 1 - d * d;
		out[0] = (hv - d * ev) / det;
		out[1] = (ev - d * hv) / det;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public Map<String, Object> parameters() {
		return Parameters.ordered("alpha", alpha, "beta", beta, "max_percentile", maxPercentile,
			"i0", od.i0(), "floor", od.floor(), "target_hematoxylin", Parameters.list(target
				.hematoxylinGiven()), "target_eosin", Parameters.list(target.eosinGiven()),
			"target_max_concentrations", Parameters.list(target.maxHematoxylin(), target
				.maxEosin()));
	}

	@Override
	public boolean accepts(StageImage.Kind kind) {
		return kind == StageImage.Kind.RGB;
	}

	@Override
	public StageImage.Kind outputKind(StageImage.Kind kind) {
		return StageImage.Kind.RGB;
	}

	@Override
	public StageImage apply(StageImage input, Progress progress) {
		return StageImage.of(normalize(input.rgb(), progress));
	}

	@Override
	public String toString() {
		return NAME + parameters();
	}
}
