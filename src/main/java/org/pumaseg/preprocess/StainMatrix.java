package org.pumaseg.preprocess;

import java.util.List;

import org.pumaseg.InvalidInputException;

/**
 * Three stains as unit optical-density vectors (red, green, blue), the model of colour
 * deconvolution: a pixel's OD is {@code sum_s c_s * stain_s}, so the concentrations are
 * {@code c = inverse(M^T) * OD} with the stain vectors as the rows of {@code M}.
 * <p>
 * Built-in matrices use the stain vectors measured by Ruifrok &amp; Johnston (2001, table 1):
 * haematoxylin (0.65, 0.70, 0.29), eosin (0.07, 0.99, 0.11) and DAB (0.27, 0.57, 0.78), each
 * scaled to unit length. When only two stains are given the third is their normalised cross
 * product, a "residual" channel orthogonal to both that collects what the two stains do not
 * explain.
 */
public final class StainMatrix {

	/** Haematoxylin OD vector of Ruifrok &amp; Johnston (2001), before normalisation. */
	public static final double[] RUIFROK_HEMATOXYLIN = { 0.65, 0.70, 0.29 };
	/** Eosin OD vector of Ruifrok &amp; Johnston (2001), before normalisation. */
	public static final double[] RUIFROK_EOSIN = { 0.07, 0.99, 0.11 };
	/** DAB OD vector of Ruifrok &amp; Johnston (2001), before normalisation. */
	public static final double[] RUIFROK_DAB = { 0.27, 0.57, 0.78 };

	/** Names of the built-in matrices, as used by the {@code colour_deconvolution} step. */
	public static final List<String> BUILT_IN = List.of("he", "hed");

	private final List<String> names;
	private final double[][] stains;
	private final double[][] inverseTransposed;

	private StainMatrix(List<String> names, double[][] stains) {
		this.names = List.copyOf(names);
		this.stains = stains;
		double[][] transposed = new double[3][3];
		for (int r = 0; r < 3; r++) {
			for (int c = 0; c < 3; c++) {
				transposed[r][c] = stains[c][r];
			}
		}
		this.inverseTransposed = Vectors3.inverse(transposed);
	}

	/** Haematoxylin and eosin of Ruifrok &amp; Johnston, plus their residual. */
	public static StainMatrix hematoxylinEosin() {
		return of(List.of("hematoxylin", "eosin", "residual"), new double[][] {
			RUIFROK_HEMATOXYLIN, RUIFROK_EOSIN });
	}

	/** Haematoxylin, eosin and DAB of Ruifrok &amp; Johnston. */
	public static StainMatrix hematoxylinEosinDab() {
		return of(List.of("hematoxylin", "eosin", "dab"), new double[][] { RUIFROK_HEMATOXYLIN,
			RUIFROK_EOSIN, RUIFROK_DAB });
	}

	/** A built-in matrix by name: {@code he} or {@code hed}. */
	public static StainMatrix builtIn(String name) {
		return switch (name) {
			case "he" -> hematoxylinEosin();
			case "hed" -> hematoxylinEosinDab();
			default -> throw new InvalidInputException("Unknown stain matrix '" + name +
				"'; built-in ones are: " + String.join(", ", BUILT_IN) + ".");
		};
	}

	/**
	 * Stains from two or three OD vectors (any positive length; each is normalised). With two,
	 * the third is their residual. {@code names} has one name per resulting stain (3).
	 *
	 * @throws InvalidInputException if a vector is zero or not finite, or the stains are so
	 *           alike that they cannot be separated
	 */
	public static StainMatrix of(List<String> names, double[][] vectors) {
		if (names.size() != 3 || vectors.length < 2 || vectors.length > 3) {
			throw new IllegalArgumentException("A stain matrix needs 3 names and 2 or 3 vectors.");
		}
		double[][] stains = new double[3][];
		for (int s = 0; s < vectors.length; s++) {
			double[] v = vectors[s];
			double n = Vectors3.norm(v);
			if (v.length != 3 || !(n > 0) || !Double.isFinite(n)) {
				throw new InvalidInputException("Stain vector " + (s + 1) + " (" + names.get(s) +
					") " + java.util.Arrays.toString(v) +
					" is not a valid OD vector; give three finite numbers, not all zero.");
			}
			stains[s] = Vectors3.unit(v);
		}
		if (vectors.length == 2) {
			double[] residual = Vectors3.cross(stains[0], stains[1]);
			if (Vectors3.norm(residual) < 1e-6) {
				throw notSeparable(names, vectors);
			}
			stains[2] = Vectors3.unit(residual);
		}
		if (Math.abs(Vectors3.determinant(stains)) < 1e-6) {
			throw notSeparable(names, vectors);
		}
		return new StainMatrix(names, stains);
	}

	private static InvalidInputException notSeparable(List<String> names, double[][] vectors) {
		StringBuilder given = new StringBuilder();
		for (double[] v : vectors) {
			given.append(java.util.Arrays.toString(v)).append(' ');
		}
		return new InvalidInputException("The stain vectors " + given.toString().trim() +
			" for " + names + " are (nearly) parallel, so the stains cannot be separated; give " +
			"vectors of different colours.");
	}

	public List<String> names() {
		return names;
	}

	/** Unit OD vector of stain {@code s} (a copy). */
	public double[] stain(int s) {
		return stains[s].clone();
	}

	/** The stain vectors as rows (a copy). */
	public double[][] rows() {
		return new double[][] { stain(0), stain(1), stain(2) };
	}

	/** Concentrations of the three stains in a pixel of optical density {@code od}. */
	public double[] concentrations(double[] od) {
		return Vectors3.multiply(inverseTransposed, od);
	}

	/** The matrix taking OD (r, g, b) to concentrations; rows are stains (a copy). */
	double[][] deconvolutionMatrix() {
		return new double[][] { inverseTransposed[0].clone(), inverseTransposed[1].clone(),
			inverseTransposed[2].clone() };
	}

	@Override
	public String toString() {
		StringBuilder s = new StringBuilder();
		for (int i = 0; i < 3; i++) {
			s.append(names.get(i)).append(java.util.Arrays.toString(stains[i])).append(i < 2 ? ", "
				: "");
		}
		return s.toString();
	}
}
