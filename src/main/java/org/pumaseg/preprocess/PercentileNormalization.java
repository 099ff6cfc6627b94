package org.pumaseg.preprocess;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import net.imglib2.loops.LoopBuilder;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.pumaseg.image.FloatImage;
import org.pumaseg.Progress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Intensity normalisation by image-wide percentiles, as in CSBDeep/StarDist:
 * <pre>
 *   y = (x - p_low) / max(p_high - p_low, min_range)
 * </pre>
 * with {@code p_low}, {@code p_high} the {@code low} and {@code high} percentiles (defaults 1
 * and 99.8) of the whole image, per channel or over all channels, computed exactly
 * ({@link OrderStatistics}). Never per tile: tiles of one image share one scale, so a blank
 * tile is not stretched into texture. {@code min_range} (default 1e-6) keeps the result finite
 * on blank or constant images, which map to 0. {@code clip} optionally limits the result to
 * 0..1.
 * <p>
 * As a step ({@code percentile}) it takes RGB (as red, green, blue 0..255) or float channels
 * and gives float channels.
 */
public final class PercentileNormalization implements PreprocessOp {

	public static final String NAME = "percentile";
	public static final double DEFAULT_LOW = 1;
	public static final double DEFAULT_HIGH = 99.8;
	public static final double DEFAULT_MIN_RANGE = 1e-6;

	private static final Logger LOG = LoggerFactory.getLogger(PercentileNormalization.class);

	private final double low;
	private final double high;
	private final boolean perChannel;
	private final boolean clip;
	private final double minRange;

	/** Percentiles 1 and 99.8 per channel, no clipping. */
	public PercentileNormalization() {
		this(DEFAULT_LOW, DEFAULT_HIGH, true, false, DEFAULT_MIN_RANGE);
	}

	public PercentileNormalization(double low, double high, boolean perChannel, boolean clip,
		double minRange)
	{
		if (!(0 <= low && low < high && high <= 100 && minRange > 0 && Double.isFinite(
			minRange)))
		{
			throw new IllegalArgumentException("Percentile normalisation needs 0 <= low < high " +
				"<= 100 and min_range > 0; got " + low + ", " + high + ", " + minRange + ".");
		}
		this.low = low;
		this.high = high;
		this.perChannel = perChannel;
		this.clip = clip;
		this.minRange = minRange;
	}

	static PercentileNormalization fromParameters(Parameters p) {
		double low = p.number("low", DEFAULT_LOW, 0, true, 100, false);
		double high = p.number("high", DEFAULT_HIGH, 0, false, 100, true);
		if (!(low < high)) {
			throw p.bad("high", high, "greater than low (" + low + ")");
		}
		boolean perChannel = p.bool("per_channel", true);
		boolean clip = p.bool("clip", false);
		double minRange = p.number("min_range", DEFAULT_MIN_RANGE, 0, false, Double.MAX_VALUE,
			true);
		return new PercentileNormalization(low, high, perChannel, clip, minRange);
	}

	/** The normalised image, new; {@code image} is not modified. */
	public FloatImage apply(FloatImage image, Progress progress) {
		FloatImage out = FloatImage.create(image.name(), image.width(), image.height(), image
			.channelNames(), image.pixelSize());
		normalizeInto(image, out, progress);
		return out;
	}

	/**
	 * The percentiles {@code [low, high]} used for each channel of {@code image} (the same for
	 * all channels unless per channel).
	 */
	public double[][] percentiles(FloatImage image, Progress progress) {
		int channels = image.numChannels();
		double[][] bounds = new double[channels][];
		if (perChannel) {
			for (int c = 0; c < channels; c++) {
				Progress part = progress.subRange((double) c / channels, (double) (c + 1) / channels);
				bounds[c] = new OrderStatistics(List.of(image.channel(c)), part).percentiles(
					new double[] { low, high }, part);
			}
		}
		else {
			List<float[]> planes = new ArrayList<>();
			for (int c = 0; c < channels; c++) {
				planes.add(image.channel(c));
			}
			double[] all = new OrderStatistics(planes, progress).percentiles(new double[] { low,
				high }, progress);
			for (int c = 0; c < channels; c++) {
				bounds[c] = all;
			}
		}
		return bounds;
	}

	private void normalizeInto(FloatImage in, FloatImage out, Progress progress) {
		double[][] bounds = percentiles(in, progress.subRange(0, 0.5));
		int channels = in.numChannels();
		double[] offset = new double[channels];
		double[] factor = new double[channels];
		for (int c = 0; c < channels; c++) {
			offset[c] = bounds[c][0];
			factor[c] = 1 / Math.max(bounds[c][1] - bounds[c][0], minRange);
			LOG.debug("Percentile normalisation of '{}', channel {}: p{} = {}, p{} = {}", in.name(),
				in.channelNames().get(c), low, bounds[c][0], high, bounds[c][1]);
		}
		long width = in.width();
		Progress writing = progress.subRange(0.5, 1);
		for (int c = 0; c < channels; c++) {
			float o = (float) offset[c];
			float f = (float) factor[c];
			var source = in.channelView(c);
			var target = out.channelView(c);
			Progress part = writing.subRange((double) c / channels, (double) (c + 1) / channels);
			RowBlocks.run(width, in.height(), part, "Normalising intensities", (y0, y1) -> {
				var rows = RowBlocks.rows(width, y0, y1);
				var loop = LoopBuilder.setImages(Views.interval(source, rows), Views.interval(target,
					rows)).multiThreaded();
				if (clip) {
					loop.forEachPixel((FloatType i, FloatType r) -> r.set(Math.max(0, Math.min(1, (i
						.get() - o) * f))));
				}
				else {
					loop.forEachPixel((FloatType i, FloatType r) -> r.set((i.get() - o) * f));
				}
			});
		}
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public Map<String, Object> parameters() {
		return Parameters.ordered("low", low, "high", high, "per_channel", perChannel, "clip",
			clip, "min_range", minRange);
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
			FloatImage floats = input.toFloats(progress.subRange(0, 0.3));
			normalizeInto(floats, floats, progress.subRange(0.3, 1));
			return StageImage.of(floats);
		}
		return StageImage.of(apply(input.floats(), progress));
	}

	@Override
	public String toString() {
		return NAME + parameters();
	}
}
