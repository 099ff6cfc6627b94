package org.pumaseg.train;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Loss terms of one batch; terms of heads the network lacks are absent. */
public record LossValues(double total, Map<String, Double> terms) {

	public LossValues {
		terms = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(terms));
	}

	/** Averages losses weighted by {@code weights} (for example pixels per batch). */
	static LossValues mean(java.util.List<LossValues> values, java.util.List<Double> weights) {
		double sumWeight = 0;
		double total = 0;
		Map<String, Double> sums = new LinkedHashMap<>();
		for (int i = 0; i < values.size(); i++) {
			double w = weights.get(i);
			sumWeight += w;
			total += w * values.get(i).total();
			for (Map.Entry<String, Double> term : values.get(i).terms().entrySet()) {
				sums.merge(term.getKey(), w * term.getValue(), Double::sum);
			}
		}
		double norm = sumWeight;
		sums.replaceAll((name, sum) -> sum / norm);
		return new LossValues(total / norm, sums);
	}

	@Override
	public String toString() {
		StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%.4f (", total));
		String separator = "";
		for (Map.Entry<String, Double> term : terms.entrySet()) {
			text.append(separator).append(term.getKey()).append(' ').append(String.format(
				Locale.ROOT, "%.4f", term.getValue()));
			separator = ", ";
		}
		return text.append(')').toString();
	}
}
