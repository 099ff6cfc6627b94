package org.pumaseg.preprocess;

import java.util.Map;

import net.imglib2.loops.LoopBuilder;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.pumaseg.image.FloatImage;
import org.pumaseg.InvalidInputException;
import org.pumaseg.Progress;
import org.pumaseg.image.RgbImage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Colour transfer of Reinhard et al., "Color transfer between images", IEEE CG&amp;A 21(5), 2001:
 * in each channel of a perceptual colour space, shift and scale the image so that its mean and
 * standard deviation become the target's.
 * <p>
 * The colour space is CIE L*a*b* (D65, see {@link CieLab}), not the paper's lαβ: L*a*b* is
 * defined at black (lαβ takes a logarithm of zero there) and is what most histology ports
 * use. Statistics are over all pixels of the image, background included, as in the paper. A
 * channel that is constant in the image is only shifted (its scale factor is 1). Results
 * outside 0..255 are clamped.
 */
public final class ReinhardNormalizer implements PreprocessOp {

	public static final String NAME = "reinhard";

	private static final Logger LOG = LoggerFactory.getLogger(ReinhardNormalizer.class);
	/** Below this standard deviation a channel counts as constant. */
	private static final double MIN_STD = 1e-6;

	/**
	 * Least standard deviation of L* (in L* units, 0 to 100) an image must have: below it the
	 * image is one flat colour, and matching its statistics would scale noise into colours.
	 */
	static final double MIN_LIGHTNESS_STD = 1;

	/**
	 * Brightest channel value of a stained pixel: optical density of at least the Macenko
	 * default 0.15 in every channel, that is I &lt;= 255 * 10^-0.15.
	 */
	private static final double MAX_STAINED_VALUE = 255 * Math.pow(10, -MacenkoNormalizer.DEFAULT_BETA);

	/** Rejects images with fewer stained pixels than Macenko needs, by the same rule. */
	private static void checkStained(ColourTable table, String imageName) {
		long stained = 0;
		for (int k = 0; k < table.size(); k++) {
			int colour = table.colour(k);
			int brightest = Math.max(colour >> 16 & 0xff, Math.max(colour >> 8 & 0xff, colour &
				0xff));
			if (brightest <= MAX_STAINED_VALUE) {
				stained += table.count(k);
			}
		}
		if (stained < MacenkoNormalizer.MIN_TISSUE_PIXELS) {
			throw new InvalidInputException("Image '" + imageName + "' has only " + stained +
				" stained pixel(s) (optical density of at least " + MacenkoNormalizer.DEFAULT_BETA +
				" in every channel); Reinhard normalisation needs at least " +
				MacenkoNormalizer.MIN_TISSUE_PIXELS + ". Use an image with H&E-stained tissue.");
		}
	}

	private final ReinhardStats target;

	/** Normalises to {@link ReinhardStats#builtIn()}. */
	public ReinhardNormalizer() {
		this(ReinhardStats.builtIn());
	}

	public ReinhardNormalizer(ReinhardStats target) {
		this.target = target;
	}

	/** Normalises to the statistics of {@code reference}. */
	public static ReinhardNormalizer toReference(RgbImage reference, Progress progress) {
		return new ReinhardNormalizer(fit(reference, progress));
	}

	static ReinhardNormalizer fromParameters(Parameters p) {
		ReinhardStats builtIn = ReinhardStats.builtIn();
		double[] mean = p.vector("target_mean", builtIn.mean(), 3,
			"a list of 3 numbers, the mean [L*, a*, b*]");
		String stdText = "a list of 3 positive numbers, the standard deviation of [L*, a*, b*]";
		double[] std = p.vector("target_std", builtIn.std(), 3, stdText);
		if (!(std[0] > 0 && std[1] > 0 && std[2] > 0)) {
			throw p.bad("target_std", Parameters.list(std), stdText);
		}
		return new ReinhardNormalizer(new ReinhardStats(mean, std));
	}

	public ReinhardStats target() {
		return target;
	}

	/** L*a*b* mean and standard deviation of all pixels of {@code image}. */
	public static ReinhardStats fit(RgbImage image, Progress progress) {
		return fit(ColourTable.of(image, progress), image.name());
	}

	private static ReinhardStats fit(ColourTable table, String imageName) {
		checkStained(table, imageName);
		double[] sum = new double[3];
		double[] lab = new double[3];
		double total = table.pixels();
		for (int k = 0; k < table.size(); k++) {
			CieLab.fromRgb(table.colour(k), lab);
			for (int c = 0; c < 3; c++) {
				sum[c] += table.count(k) * lab[c];
			}
		}
		double[] mean = { sum[0] / total, sum[1] / total, sum[2] / total };

		// Second pass about the mean: no cancellation for large, nearly uniform images.
		double[] squares = new double[3];
		for (int k = 0; k < table.size(); k++) {
			CieLab.fromRgb(table.colour(k), lab);
			for (int c = 0; c < 3; c++) {
				double d = lab[c] - mean[c];
				squares[c] += table.count(k) * d * d;
			}
		}
		double[] std = new double[3];
		for (int c = 0; c < 3; c++) {
			std[c] = Math.sqrt(squares[c] / total);
		}
		if (std[0] < MIN_LIGHTNESS_STD) {
			throw new InvalidInputException("Image '" + imageName + "' has a uniform colour " +
				"(standard deviation of L* " + String.format(java.util.Locale.ROOT, "%.3g", std[0]) +
				", below " + MIN_LIGHTNESS_STD + "), so its colour statistics cannot be matched. " +
				"Use an image of H&E-stained tissue.");
		}
		LOG.info("Reinhard statistics of '{}': mean L*a*b* ({}, {}, {}), std ({}, {}, {})",
			imageName, mean[0], mean[1], mean[2], std[0], std[1], std[2]);
		return new ReinhardStats(mean, new double[] { Math.max(std[0], MIN_STD), Math.max(std[1],
			MIN_STD), Math.max(std[2], MIN_STD) });
	}

	/** Normalises {@code image} to the target, rounded to 8-bit RGB. */
	public RgbImage normalize(RgbImage image, Progress progress) {
		ColourTable table = ColourTable.of(image, progress.subRange(0, 0.4));
		double[][] rgb = transfer(table, image.name());
		int[] newColours = new int[table.size()];
		for (int k = 0; k < newColours.length; k++) {
			newColours[k] = (round(rgb[0][k]) << 16) | (round(rgb[1][k]) << 8) | round(rgb[2][k]);
		}
		return table.map(image, newColours, image.name() + " (Reinhard)", progress.subRange(0.5,
			1));
	}

	/**
	 * Normalises {@code image} to the target without rounding: red, green and blue on the
	 * 0..255 scale (clamped), as float channels.
	 */
	public FloatImage normalizeToFloats(RgbImage image, Progress progress) {
		ColourTable table = ColourTable.of(image, progress.subRange(0, 0.4));
		double[][] rgb = transfer(table, image.name());
		float[][] values = new float[3][table.size()];
		for (int c = 0; c < 3; c++) {
			for (int k = 0; k < table.size(); k++) {
				values[c][k] = (float) Math.max(0, Math.min(255, rgb[c][k]));
			}
		}
		FloatImage out = FloatImage.create(image.name() + " (Reinhard)", image.width(), image
			.height(), StageImage.RGB_CHANNELS, image.pixelSize());
		long width = image.width();
		RowBlocks.run(width, image.height(), progress.subRange(0.5, 1), "Writing colours", (y0,
			y1) -> {
			var rows = RowBlocks.rows(width, y0, y1);
			LoopBuilder.setImages(Views.interval(image.pixels(), rows), Views.interval(out
				.channelView(0), rows), Views.interval(out.channelView(1), rows), Views.interval(
					out.channelView(2), rows)).multiThreaded().forEachPixel((ARGBType p,
						FloatType r, FloatType g, FloatType b) -> {
						int k = table.indexOfPixel(p.get());
						r.set(values[0][k]);
						g.set(values[1][k]);
						b.set(values[2][k]);
					});
		});
		return out;
	}

	/** Computes the unclamped new RGB (0..255 scale) of every colour of {@code table}, as [channel][k]. */
	private double[][] transfer(ColourTable table, String imageName) {
		ReinhardStats source = fit(table, imageName);
		double[] sourceMean = source.mean();
		double[] sourceStd = source.std();
		double[] targetMean = target.mean();
		double[] targetStd = target.std();
		double[] scale = new double[3];
		for (int c = 0; c < 3; c++) {
			scale[c] = sourceStd[c] > MIN_STD ? targetStd[c] / sourceStd[c] : 1;
		}
		double[][] result = new double[3][table.size()];
		double[] lab = new double[3];
		double[] rgb = new double[3];
		for (int k = 0; k < table.size(); k++) {
			CieLab.fromRgb(table.colour(k), lab);
			for (int c = 0; c < 3; c++) {
				lab[c] = (lab[c] - sourceMean[c]) * scale[c] + targetMean[c];
			}
			CieLab.toRgb(lab, rgb);
			for (int c = 0; c < 3; c++) {
				result[c][k] = rgb[c];
			}
		}
		return result;
	}

	private static int round(double v) {
		return (int) Math.max(0, Math.min(255, Math.floor(v + 0.5)));
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public Map<String, Object> parameters() {
		return Parameters.ordered("target_mean", Parameters.list(target.mean()), "target_std",
			Parameters.list(target.std()));
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
