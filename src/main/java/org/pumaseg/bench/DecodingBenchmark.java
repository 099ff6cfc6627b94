package org.pumaseg.bench;

import org.pumaseg.Progress;
import org.pumaseg.label.LabelPolygons;
import org.pumaseg.nuclei.DecodedNuclei;
import org.pumaseg.nuclei.NucleiDecoder;
import org.pumaseg.nuclei.NucleiDecodingOptions;
import org.pumaseg.nuclei.NucleiMaps;

/**
 * Times {@link NucleiDecoder} on the ideal maps of a {@link DecodingScene}: the HoVer-Net path
 * (boundary-energy seeds, watershed), the foreground-only path (distance transform, h-maxima,
 * watershed), both with the same finishing steps (hole filling, size filter, measurements,
 * outlines, class vote), and the outline step alone ({@link LabelPolygons#toPolygons}).
 */
public final class DecodingBenchmark {

	/**
	 * Median seconds and instance count of one decoder path, with its label image.
	 */
	public record DecoderTiming(double seconds, DecodedNuclei decoded) {

		public int count() {
			return decoded.count();
		}
	}

	/** Timings of both paths and of the outlines of the HoVer-Net result. */
	public record Result(DecodingScene scene, DecoderTiming hoverNet, DecoderTiming foregroundOnly,
		double outlineSeconds)
	{}

	private DecodingBenchmark() {}

	/** Decodes the scene with default options, timing each path with {@code repeats}. */
	public static Result run(DecodingScene scene, Repeats repeats, Progress progress) {
		NucleiDecodingOptions options = NucleiDecodingOptions.defaults();

		progress.update(0, "Decoding HoVer-Net maps");
		DecoderTiming hoverNet = time(scene.hoverNet(), options, repeats);
		progress.checkCanceled();

		progress.update(0.45, "Decoding foreground-only maps");
		DecoderTiming foregroundOnly = time(scene.foregroundOnly(), options, repeats);
		progress.checkCanceled();

		progress.update(0.9, "Tracing outlines");
		double outlineSeconds = Timing.medianSeconds(() -> LabelPolygons.toPolygons(hoverNet
			.decoded().labels()), repeats.warmUps(), repeats.runs());
		progress.update(1, "Decoding timed");
		return new Result(scene, hoverNet, foregroundOnly, outlineSeconds);
	}

	private static DecoderTiming time(NucleiMaps maps, NucleiDecodingOptions options,
		Repeats repeats)
	{
		DecodedNuclei decoded = NucleiDecoder.decode(maps, options, Progress.none());
		double seconds = Timing.medianSeconds(() -> NucleiDecoder.decode(maps, options, Progress
			.none()), repeats.warmUps(), repeats.runs());
		return new DecoderTiming(seconds, decoded);
	}
}
