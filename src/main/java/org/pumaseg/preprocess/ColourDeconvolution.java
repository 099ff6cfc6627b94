package org.pumaseg.preprocess;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import net.imglib2.loops.LoopBuilder;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.pumaseg.image.FloatImage;
import org.pumaseg.Progress;
import org.pumaseg.image.RgbImage;

/**
 * Colour deconvolution (Ruifrok &amp; Johnston 2001): the concentration of each stain of a
 * {@link StainMatrix} in every pixel, from the pixel's {@link OpticalDensity}.
 * <p>
 * As a step ({@code colour_deconvolution}) it turns RGB into one float channel per stain,
 * named after the stains (e.g. {@code hematoxylin, eosin, residual}). Parameters:
 * {@code stains} ({@code "he"}, {@code "hed"} or a list of two or three [r, g, b] OD vectors,
 * default {@code "he"}), {@code i0} and {@code floor} of the optical density.
 */
public final class ColourDeconvolution implements PreprocessOp {

	public static final String NAME = "colour_deconvolution";

	private final StainMatrix stains;
	/** The {@code stains} parameter as given: a built-in name or the vectors as rows. */
	private final Object stainsParameter;
	private final OpticalDensity od;

	/** Deconvolution with a built-in matrix ({@code he} or {@code hed}). */
	public ColourDeconvolution(String builtInStains, OpticalDensity od) {
		this.stains = StainMatrix.builtIn(builtInStains);
		this.stainsParameter = builtInStains;
		this.od = od;
	}

	/** Deconvolution with any stain matrix. */
	public ColourDeconvolution(StainMatrix stains, OpticalDensity od) {
		this(stains, stains.rows(), od);
	}

	private ColourDeconvolution(StainMatrix stains, double[][] givenVectors,
		OpticalDensity od)
	{
		this.stains = stains;
		this.stainsParameter = Parameters.rows(givenVectors);
		this.od = od;
	}

	static ColourDeconvolution fromParameters(Parameters p) {
		OpticalDensity od = OpticalDensity.fromParameters(p);
		Object given = p.raw("stains");
		if (given == null) {
			return new ColourDeconvolution("he", od);
		}
		if (given instanceof String) {
			return new ColourDeconvolution(p.choice("stains", "he", StainMatrix.BUILT_IN), od);
		}
		double[][] vectors = p.rowsOfThree("stains", null, 2, 3, "\"he\", \"hed\" or a list " +
			"of two or three [red, green, blue] OD vectors");
		var names = vectors.length == 2 ? List.of("stain_1", "stain_2", "residual") : List.of(
			"stain_1", "stain_2", "stain_3");
		return new ColourDeconvolution(StainMatrix.of(names, vectors), vectors, od);
	}

	public StainMatrix stains() {
		return stains;
	}

	/** Stain concentrations of {@code image}, one float channel per stain. */
	public FloatImage compute(RgbImage image, Progress progress) {
		FloatImage out = FloatImage.create(image.name() + " (stains)", image.width(), image
			.height(), stains.names(), image.pixelSize());
		double[][] m = stains.deconvolutionMatrix();
		double[] odTable = new double[256];
		for (int v = 0; v < 256; v++) {
			odTable[v] = od.of(v);
		}
		long width = image.width();
		RowBlocks.run(width, image.height(), progress, "Colour deconvolution", (y0, y1) -> {
			var rows = RowBlocks.rows(width, y0, y1);
			LoopBuilder.setImages(Views.interval(image.pixels(), rows), Views.interval(out
				.channelView(0), rows), Views.interval(out.channelView(1), rows), Views.interval(
					out.channelView(2), rows)).multiThreaded().forEachPixel((ARGBType p,
						FloatType c0, FloatType c1, FloatType c2) -> {
						int v = p.get();
						double r = odTable[(v >> 16) & 0xff];
						double g = odTable[(v >> 8) & 0xff];
						double b = odTable[v & 0xff];
						c0.setReal(m[0][0] * r + m[0][1] * g + m[0][2] * b);
						c1.setReal(m[1][0] * r + m[1][1] * g + m[1][2] * b);
						c2.setReal(m[2][0] * r + m[2][1] * g + m[2][2] * b);
					});
		});
		return out;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public Map<String, Object> parameters() {
		return Parameters.ordered("stains", stainsParameter, "i0", od.i0(), "floor", od.floor());
	}

	@Override
	public boolean accepts(StageImage.Kind kind) {
		return kind == StageImage.Kind.RGB;
	}

	@Override
	public StageImage.Kind outputKind(StageImage.Kind kind) {
		return StageImage.Kind.FLOAT;
	}

	@Override
	public StageImage apply(StageImage input, Progress progress) {
		return StageImage.of(compute(input.rgb(), progress));
	}

	@Override
	public String toString() {
		return NAME + parameters() + " " + Arrays.deepToString(stains.rows());
	}
}
