package org.pumaseg.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code weights} section: the TensorFlow SavedModel that PumaSeg runs, an optional ONNX
 * copy, and any other bioimage.io weights formats, kept as YAML values so that a package
 * written back keeps them.
 *
 * @param otherFormats entries for formats PumaSeg does not run, by their rdf.yaml key
 */
public record Weights(TensorflowWeights tensorflowSavedModelBundle, OnnxWeights onnx,
	Map<String, Object> otherFormats)
{

	public Weights {
		Objects.requireNonNull(tensorflowSavedModelBundle, "tensorflowSavedModelBundle");
		otherFormats = YamlValues.immutableMap(otherFormats);
	}

	public static Weights of(TensorflowWeights tensorflow) {
		return new Weights(tensorflow, null, Map.of());
	}

	/** The formats PumaSeg can run from this package, preferred first. */
	public List<WeightsFormat> runnableFormats() {
		List<WeightsFormat> formats = new ArrayList<>();
		formats.add(WeightsFormat.TENSORFLOW_SAVED_MODEL_BUNDLE);
		if (onnx != null) {
			formats.add(WeightsFormat.ONNX);
		}
		return formats;
	}
}
