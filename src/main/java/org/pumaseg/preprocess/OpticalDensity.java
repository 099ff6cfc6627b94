package org.pumaseg.preprocess;

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
 * Optical density of each colour channel by the Beer–Lambert law, as used for colour
 * deconvolution (Ruifrok &amp; Johnston, Anal. Quant. Cytol. Histol. 23:291, 2001):
 * <pre>
 *   OD = -log10(max(I, floor) / i0)
 * </pre>
 * {@code I} is the 8-bit channel value, {@code i0} the intensity of the light through an empty
 * slide (255 by default: white background) and {@code floor} the value a zero intensity is
 * replaced with so that OD stays finite (1 by default, so the largest OD is
 * log10(255) ≈ 2.407). Values brighter than {@code i0} (only possible when {@code i0 < 255})
 * give a negative OD; nothing is clipped.
 * <p>
 * As a step ({@code optical_density}) it turns RGB into three float channels
 * {@code od_red, od_green, od_blue}.
 */
public final class OpticalDensity implements PreprocessOp {

	public static final String NAME = "optical_density";
	public static final double DEFAULT_I0 = 255;
	public static final double DEFAULT_FLOOR = 1;
	public static final List<String> CHANNELS = List.of("od_red", "od_green", "od_blue");

	private final double i0;
	private final double floor;
	private final double[] table = new double[256];

	/** OD with {@code i0} = 255 and {@code floor} = 1. */
	public OpticalDensity() {
		this(DEFAULT_I0, DEFAULT_FLOOR);
	}

	public OpticalDensity(double i0, double floor) {
		if (!(i0 > 0 && Double.isFinite(i0) && floor > 0 && floor <= 255)) {
			throw new IllegalArgumentException("Optical density needs i0 > 0 and 0 < floor <= " +
				"255, got i0 = " + i0 + ", floor = " + floor + ".");
		}
		this.i0 = i0;
		this.floor = floor;
		for (int v = 0; v < 256; v++) {
			table[v] = -Math.log10(Math.max(v, floor) / i0);
		}
	}

	static OpticalDensity fromParameters(Parameters p) {
		double i0 = p.number("i0", DEFAULT_I0, 0, false, 1e6, true);
		double floor = p.number("floor", DEFAULT_FLOOR, 0, false, 255, true);
		return new OpticalDensity(i0, floor);
	}

	public double i0() {
		return i0;
	}

	public double floor() {
		return floor;
	}

	/** OD of one 8-bit channel value {@code 0..255}. */
	public double of(int value) {
		return table[value];
	}

	/** The 8-bit value (rounded, clamped to 0..255) whose light gives optical density {@code od}. */
	public int toIntensity(double od) {
		double intensity = i0 * Math.pow(10, -od);
		if (!(intensity > 0)) {
			return 0;
		}
		return (int) Math.min(255, Math.floor(intensity + 0.5));
	}

	/** Optical density of the three channels of {@code image}, as float channels. */
	public FloatImage compute(RgbImage image, Progress progress) {
		FloatImage out = FloatImage.create(image.name() + " (OD)", image.width(), image
			.height(), CHANNELS, image.pixelSize());
		long width = image.width();
		float[] lookUp = new float[256];
		for (int v = 0; v < 256; v++) {
			lookUp[v] = (float) table[v];
		}
		RowBlocks.run(width, image.height(), progress, "Optical density", (y0, y1) -> {
			var rows = RowBlocks.rows(width, y0, y1);
			LoopBuilder.setImages(Views.interval(image.pixels(), rows), Views.interval(out
				.channelView(0), rows), Views.interval(out.channelView(1), rows), Views.interval(
					out.channelView(2), rows)).multiThreaded().forEachPixel((ARGBType p,
						FloatType r, FloatType g, FloatType b) -> {
						int v = p.get();
						r.set(lookUp[(v >> 16) & 0xff]);
						g.set(lookUp[(v >> 8) & 0xff]);
						b.set(lookUp[v & 0xff]);
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
		return Parameters.ordered("i0", i0, "floor", floor);
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
		return NAME + parameters();
	}
}
