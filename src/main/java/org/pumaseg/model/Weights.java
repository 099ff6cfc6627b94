package org.pumaseg.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code weights} section: the TensorFlow SavedModel and the ONNX file that PumaSeg runs
 * (at least one of the two), and any other bioimage.io weights formats, kept as YAML values so
 * that a package written back keeps them.
 *
 * @param tensorflowSavedModelBundle the SavedModel, or null when the package has only ONNX
 * @param onnx the ONNX file, or null
 * @param otherFormats entries for formats PumaSeg does not run, by their rdf.yaml key
 */
public record Weights(TensorflowWeights tensorflowSavedModelBundle, OnnxWeights onnx,
	Map<String, Object> otherFormats)
{

	public Weights {
		if (tensorflowSavedModelBundle == null && onnx == null) {
			throw new IllegalArgumentException("The weights need a TensorFlow SavedModel or an " +
				"ONNX file.");
		}
		otherFormats = YamlValues.immutableMap(otherFormats);
	}

	public static Weights of(TensorflowWeights tensorflow) {
		return new Weights(Objects.requireNonNull(tensorflow, "tensorflow"), null, Map.of());
	}

	public static Weights of(OnnxWeights onnx) {
		return new Weights(null, Objects.requireNonNull(onnx, "onnx"), Map.of());
	}

	/** Returns true if the package has weights in {@code format}. */
	public boolean has(WeightsFormat format) {
		return runnableFormats().contains(format);
	}

	/** The formats PumaSeg can run from this package, preferred first. */
	public List<WeightsFormat> runnableFormats() {
		List<WeightsFormat> formats = new ArrayList<>();
		if (tensorflowSavedModelBundle != null) {
			formats.add(WeightsFormat.TENSORFLOW_SAVED_MODEL_BUNDLE);
		}
		if (onnx != null) {
			formats.add(WeightsFormat.ONNX);
		}
		return formats;
	}
}
