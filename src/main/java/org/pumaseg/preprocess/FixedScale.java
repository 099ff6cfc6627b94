package org.pumaseg.preprocess;

import java.util.Map;

import net.imglib2.loops.LoopBuilder;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.pumaseg.image.FloatImage;
import org.pumaseg.Progress;

/**
 * Intensity normalisation by fixed numbers: {@code (x - subtract) / divide_by} in every
 * channel, e.g. {@code divide_by = 255} for RGB into 0..1. Independent of the image's
 * content, so a blank or constant image stays as it is.
 * <p>
 * As a step ({@code scale}) it takes RGB (as red, green, blue 0..255) or float channels and
 * gives float channels; with float input the result is a new image.
 */
public final class FixedScale implements PreprocessOp {

	public static final String NAME = "scale";
	public static final double DEFAULT_DIVIDE_BY = 255;
	public static final double DEFAULT_SUBTRACT = 0;

	private final double divideBy;
	private final double subtract;

	/** {@code x / 255}. */
	public FixedScale() {
		this(DEFAULT_DIVIDE_BY, DEFAULT_SUBTRACT);
	}

	public FixedScale(double divideBy, double subtract) {
		if (!(divideBy != 0 && Double.isFinite(divideBy) && Double.isFinite(subtract))) {
			throw new IllegalArgumentException("Scale needs a finite, non-zero divisor and a " +
				"finite offset; got " + divideBy + ", " + subtract + ".");
		}
		this.divideBy = divideBy;
		this.subtract = subtract;
	}

	static FixedScale fromParameters(Parameters p) {
		double divideBy = p.anyNumber("divide_by", DEFAULT_DIVIDE_BY);
		if (divideBy == 0) {
			throw p.bad("divide_by", 0, "a non-zero number");
		}
		double subtract = p.anyNumber("subtract", DEFAULT_SUBTRACT);
		return new FixedScale(divideBy, subtract);
	}

	/** {@code (x - subtract) / divide_by} of every value of {@code image}, as a new image. */
	public FloatImage apply(FloatImage image, Progress progress) {
		FloatImage out = FloatImage.create(image.name(), image.width(), image.height(), image
			.channelNames(), image.pixelSize());
		scaleInto(image, out, progress);
		return out;
	}

	private void scaleInto(FloatImage in, FloatImage out, Progress progress) {
		long width = in.width();
		int channels = in.numChannels();
		float factor = (float) (1 / divideBy);
		float offset = (float) subtract;
		for (int c = 0; c < channels; c++) {
			var source = in.channelView(c);
			var target = out.channelView(c);
			Progress part = progress.subRange((double) c / channels, (double) (c + 1) / channels);
			RowBlocks.run(width, in.height(), part, "Scaling intensities", (y0, y1) -> {
				var rows = RowBlocks.rows(width, y0, y1);
				LoopBuilder.setImages(Views.interval(source, rows), Views.interval(target, rows))
					.multiThreaded().forEachPixel((FloatType i, FloatType o) -> o.set((i.get() -
						offset) * factor));
			});
		}
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public Map<String, Object> parameters() {
		return Parameters.ordered("divide_by", divideBy, "subtract", subtract);
	}

	@Override
	public boolean accepts(StageImage.Kind kind) {
		return true;
	}

	@Override
	public StageImage.Kind outputKind(StageImage.Kind kind) {
		return StageImage.Kind.FLOAT;
	}

	@Override
	public StageImage apply(StageImage input, Progress progress) {
		if (input.kind() == StageImage.Kind.RGB) {
			// A fresh float copy of the RGB values can be scaled in place.
			FloatImage floats = input.toFloats(progress.subRange(0, 0.5));
			scaleInto(floats, floats, progress.subRange(0.5, 1));
			return StageImage.of(floats);
		}
		return StageImage.of(apply(input.floats(), progress));
	}

	@Override
	public String toString() {
		return NAME + parameters();
	}
}
