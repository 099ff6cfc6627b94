package org.pumaseg.model;

/**
 * The weights formats PumaSeg runs, with the name of the DJL engine that runs each.
 * Other bioimage.io formats (PyTorch, TorchScript, Keras, TensorFlow.js) may appear in a
 * package next to these but are not used.
 */
public enum WeightsFormat {

	/** A TensorFlow SavedModel folder (or a zip of it); preferred when a package has both. */
	TENSORFLOW_SAVED_MODEL_BUNDLE("tensorflow_saved_model_bundle", "TensorFlow"),

	/** An ONNX file, run by ONNX Runtime as the second engine. */
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

	/** Returns the name that chooses this engine in options: {@code tensorflow} or {@code onnx}. */
	public String optionName() {
		return this == ONNX ? "onnx" : "tensorflow";
	}

	/**
	 * Returns the weights format for an engine option, or null for {@code auto} or an empty
	 * value (the package's preferred weights).
	 *
	 * @throws org.pumaseg.InvalidInputException for any other value
	 */
	public static WeightsFormat fromEngineOption(String option) {
		String value = option == null ? "" : option.strip().toLowerCase(java.util.Locale.ROOT);
		if (value.isEmpty() || value.equals("auto")) {
			return null;
		}
		for (WeightsFormat format : values()) {
			if (format.optionName().equals(value)) {
				return format;
			}
		}
		throw new org.pumaseg.InvalidInputException("The engine '" + option + "' is unknown. " +
			"Fix: give auto, tensorflow or onnx.");
	}
}
