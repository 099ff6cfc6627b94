package org.pumaseg.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Image-wide statistics of the input preprocessing, on blocks with known values. */
class TensorProcessingTest {

	/** Two blocks of 7 and 6 pixels (not multiples of 4), extremes in the last pixels. */
	private static final float[][][] BLOCKS = { { { 3, 1, 4, 1, 5, 9, 2 }, { 0, 0, 0, 0, 0, 0,
		-7 } }, { { 6, 5, 3, 5, 8, 11 }, { 1, 2, 3, 4, 5, 6 } } };

	private static InputTensor input(ProcessingStep... steps) {
		return new RunnablePackages(true, 16, 8, 0, 1, List.of(steps), 0.25).description()
			.inputs().get(0);
	}

	private static TensorProcessing fit(ProcessingStep... steps) {
		return TensorProcessing.fitInput(input(steps), action -> {
			for (float[][] block : BLOCKS) {
				action.accept(new float[][] { block[0].clone(), block[1].clone(), block[1].clone() });
			}
		});
	}

	private static float[][] apply(TensorProcessing processing, float... values) {
		float[][] planes = { values.clone(), values.clone(), values.clone() };
		processing.apply(planes);
		return planes;
	}

	@Test
	void scaleRangeUsesImageMinimumAndMaximum() {
		TensorProcessing processing = fit(new ProcessingStep("scale_range", Map.of("axes", List.of(
			"y", "x"), "min_percentile", 0, "max_percentile", 100, "eps", 0)));

		float[][] scaled = apply(processing, 1, 11, 6, -7);

		assertEquals(0, scaled[0][0], 1e-6, "channel 0 minimum 1");
		assertEquals(1, scaled[0][1], 1e-6, "channel 0 maximum 11");
		assertEquals(0.5, scaled[0][2], 1e-6, "channel 0 midpoint 6");
		assertEquals(0, scaled[1][3], 1e-6, "channel 1 minimum -7");
		assertEquals(1, scaled[1][2], 1e-6, "channel 1 maximum 6");
	}

	@Test
	void zeroMeanUnitVarianceMergesBlocks() {
		TensorProcessing processing = fit(new ProcessingStep("zero_mean_unit_variance", Map.of(
			"axes", List.of("y", "x"), "eps", 0)));
		double[] channel0 = { 3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 11 };
		double mean = 0;
		for (double v : channel0) {
			mean += v;
		}
		mean /= channel0.length;
		double variance = 0;
		for (double v : channel0) {
			variance += (v - mean) * (v - mean);
		}
		double std = Math.sqrt(variance / channel0.length);

		float[][] normalised = apply(processing, (float) mean, (float) (mean + std));

		assertEquals(0, normalised[0][0], 1e-6, "the mean maps to 0");
		assertEquals(1, normalised[0][1], 1e-6, "one standard deviation above maps to 1");
	}

	@Test
	void pooledStatisticsFollowPerChannelScaling() {
		double[] gains = { 2, -1, 0.5 };
		double[] offsets = { 1, 0, 3 };
		TensorProcessing processing = fit(new ProcessingStep("scale_linear", Map.of("axis",
			"channel", "gain", List.of(2, -1, 0.5), "offset", List.of(1, 0, 3))), new ProcessingStep(
				"zero_mean_unit_variance", Map.of("eps", 0)));
		double sum = 0;
		int count = 0;
		for (float[][] block : BLOCKS) {
			float[][] planes = { block[0], block[1], block[1] };
			for (int c = 0; c < 3; c++) {
				for (float v : planes[c]) {
					sum += v * gains[c] + offsets[c];
					count++;
				}
			}
		}
		double mean = sum / count;
		double variance = 0;
		for (float[][] block : BLOCKS) {
			float[][] planes = { block[0], block[1], block[1] };
			for (int c = 0; c < 3; c++) {
				for (float v : planes[c]) {
					double scaled = v * gains[c] + offsets[c];
					variance += (scaled - mean) * (scaled - mean);
				}
			}
		}
		double std = Math.sqrt(variance / count);

		float[][] normalised = apply(processing, 4, -2);

		for (int c = 0; c < 3; c++) {
			for (int i = 0; i < 2; i++) {
				double raw = i == 0 ? 4 : -2;
				double expected = (raw * gains[c] + offsets[c] - mean) / std;
				assertEquals(expected, normalised[c][i], 1e-5, "channel " + c + ", value " + raw);
			}
		}
	}

	@Test
	void consecutiveScalingsEqualOneAfterAnother() {
		TensorProcessing processing = fit(new ProcessingStep("scale_linear", Map.of("gain", 0.5,
			"offset", 2)), new ProcessingStep("scale_linear", Map.of("axis", "channel", "gain", List
				.of(3, -2, 1), "offset", -1)));

		float[][] scaled = apply(processing, 10, -4);

		assertEquals((10 * 0.5 + 2) * 3 - 1, scaled[0][0], 1e-5);
		assertEquals((-4 * 0.5 + 2) * 3 - 1, scaled[0][1], 1e-5);
		assertEquals((10 * 0.5 + 2) * -2 - 1, scaled[1][0], 1e-5);
		assertEquals((10 * 0.5 + 2) * 1 - 1, scaled[2][0], 1e-5);
	}
}
