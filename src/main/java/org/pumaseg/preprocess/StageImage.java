package org.pumaseg.preprocess;

import java.util.List;
import java.util.Objects;

import net.imglib2.loops.LoopBuilder;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.pumaseg.image.FloatImage;
import org.pumaseg.Progress;
import org.pumaseg.image.PixelSize;
import org.pumaseg.image.RgbImage;

/**
 * The image between two steps of a {@link PreprocessingChain}: either 8-bit RGB (before and
 * after colour operations) or float channels (after optical density or intensity
 * normalisation).
 */
public final class StageImage {

	/** What a step takes and gives. */
	public enum Kind {
		RGB("an 8-bit RGB image"), FLOAT("float channels");

		private final String description;

		Kind(String description) {
			this.description = description;
		}

		public String description() {
			return description;
		}
	}

	/** Channel names of an RGB image turned into floats. */
	public static final List<String> RGB_CHANNELS = List.of("red", "green", "blue");

	private final RgbImage rgb;
	private final FloatImage floats;

	private StageImage(RgbImage rgb, FloatImage floats) {
		this.rgb = rgb;
		this.floats = floats;
	}

	public static StageImage of(RgbImage rgb) {
		return new StageImage(Objects.requireNonNull(rgb), null);
	}

	public static StageImage of(FloatImage floats) {
		return new StageImage(null, Objects.requireNonNull(floats));
	}

	public Kind kind() {
		return rgb != null ? Kind.RGB : Kind.FLOAT;
	}

	/** Returns the RGB image; throws if this stage contains float channels. */
	public RgbImage rgb() {
		if (rgb == null) {
			throw new IllegalStateException("This stage contains float channels, not an RGB image.");
		}
		return rgb;
	}

	/** Returns the float channels; throws if this stage contains an RGB image. */
	public FloatImage floats() {
		if (floats == null) {
			throw new IllegalStateException("This stage contains an RGB image, not float channels.");
		}
		return floats;
	}

	public String name() {
		return rgb != null ? rgb.name() : floats.name();
	}

	public PixelSize pixelSize() {
		return rgb != null ? rgb.pixelSize() : floats.pixelSize();
	}

	/**
	 * Float channels of this stage: the float image itself, or a new image with the red, green
	 * and blue values (0..255) of the RGB image.
	 */
	public FloatImage toFloats(Progress progress) {
		if (floats != null) {
			return floats;
		}
		return rgbToFloats(rgb, progress);
	}

	/** Copies the red, green and blue values (0..255) of {@code image} into float channels. */
	public static FloatImage rgbToFloats(RgbImage image, Progress progress) {
		FloatImage out = FloatImage.create(image.name(), image.width(), image.height(),
			RGB_CHANNELS, image.pixelSize());
		long width = image.width();
		RowBlocks.run(width, image.height(), progress, "Converting RGB to float", (y0, y1) -> {
			var in = Views.interval(image.pixels(), RowBlocks.rows(width, y0, y1));
			var red = Views.interval(out.channelView(0), RowBlocks.rows(width, y0, y1));
			var green = Views.interval(out.channelView(1), RowBlocks.rows(width, y0, y1));
			var blue = Views.interval(out.channelView(2), RowBlocks.rows(width, y0, y1));
			LoopBuilder.setImages(in, red, green, blue).multiThreaded().forEachPixel((
				ARGBType p, FloatType r, FloatType g, FloatType b) -> {
				int v = p.get();
				r.setReal((v >> 16) & 0xff);
				g.setReal((v >> 8) & 0xff);
				b.setReal(v & 0xff);
			});
		});
		return out;
	}
}
