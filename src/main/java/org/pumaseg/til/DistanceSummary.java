package org.pumaseg.til;

import java.util.Arrays;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Summary statistics and histogram of distances in µm. Quartiles and median interpolate
 * linearly between the two nearest order statistics (type 7 of Hyndman and Fan, the default of
 * NumPy and R). With no values, every statistic is null and {@code undefinedReason} gives the reason.
 *
 * @param count number of values
 * @param mean arithmetic mean
 * @param min smallest value
 * @param firstQuartile 25th percentile
 * @param median 50th percentile
 * @param thirdQuartile 75th percentile
 * @param max largest value
 * @param histogram counts in bins
 * @param undefinedReason why there are no values, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DistanceSummary(int count, Double mean, Double min, Double firstQuartile,
	Double median, Double thirdQuartile, Double max, Histogram histogram,
	String undefinedReason)
{

	/** Summary of {@code values}; undefined for {@code emptyReason} when there are none. */
	static DistanceSummary of(double[] values, double binWidthUm, String emptyReason) {
		if (values.length == 0) {
			return new DistanceSummary(0, null, null, null, null, null, null, null, emptyReason);
		}
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		double sum = 0;
		for (double value : sorted) {
			sum += value;
		}
		return new DistanceSummary(sorted.length, sum / sorted.length, sorted[0], quantile(sorted,
			0.25), quantile(sorted, 0.5), quantile(sorted, 0.75), sorted[sorted.length - 1],
			Histogram.of(sorted, binWidthUm), null);
	}

	/** Quantile {@code p} of sorted values by linear interpolation (type 7). */
	static double quantile(double[] sorted, double p) {
		double position = p * (sorted.length - 1);
		int lower = (int) Math.floor(position);
		int upper = Math.min(sorted.length - 1, lower + 1);
		return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
	}

	@JsonIgnore
	public boolean isDefined() {
		return undefinedReason == null;
	}
}
