package org.pumaseg.model;

/**
 * The weights formats PumaSeg runs, with the name of the DJL engine that runs each.
 * Other bioimage.io formats (PyTorch, TorchScript, Keras, TensorFlow.js) may appear in a
 * package next to these but are not used.
 */
public enum WeightsFormat {

	/** A TensorFlow SavedModel folder (or a zip of it); required in PumaSeg packages. */
	TENSORFLOW_SAVED_MODEL_BUNDLE("tensorflow_saved_model_bundle", "TensorFlow"),

	/** An ONNX file, run by ONNX Runtime as the second engine; optional. */
	ONNX("onnx", "OnnxRuntime");

	/** All weights formats of the bioimage.io model format 0.5. */
	static final java.util.List<String> BIOIMAGEIO_FORMATS = java.util.List.of("keras_hdf5",
		"onnx", "pytorch_state_dict", "tensorflow_js", "tensorflow_saved_model_bundle",
		"torchscript");

	private final String yamlName;
	private final String engineName;

	WeightsFormat(String yamlName, String engineName) {
		this.yamlName = yamlName;
		this.engineName = engineName;
	}

	/** The key under {@code weights} in rdf.yaml. */
	public String yamlName() {
		return yamlName;
	}

	/** The DJL engine name ({@code Criteria.optEngine}). */
	public String engineName() {
		return engineName;
	}
}
