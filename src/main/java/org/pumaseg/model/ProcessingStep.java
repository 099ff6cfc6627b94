package org.pumaseg.model;

import java.util.Map;
import java.util.Objects;

/**
 * One pre- or post-processing operation named in rdf.yaml, such as
 * {@code zero_mean_unit_variance} or {@code sigmoid}, with its keyword arguments as YAML
 * values (text, Long, Double, Boolean, lists and maps). The preprocessing chain interprets
 * them; the reader checks names, required arguments and axis references.
 */
public record ProcessingStep(String id, Map<String, Object> kwargs) {

	public ProcessingStep {
		Objects.requireNonNull(id, "id");
		kwargs = YamlValues.immutableMap(kwargs);
	}

	public static ProcessingStep of(String id) {
		return new ProcessingStep(id, Map.of());
	}
}
