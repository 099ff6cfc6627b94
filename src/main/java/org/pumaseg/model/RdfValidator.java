package org.pumaseg.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.pumaseg.annotation.Track;
import org.pumaseg.image.PixelSize;
import org.pumaseg.preprocess.Resampling;

/**
 * Checks the rules of a {@link ModelDescription} that span fields: those of the bioimage.io
 * model format 0.5 (unique ids, resolvable size references, halos smaller than half the
 * smallest tile, known processing steps and weights formats) and PumaSeg's own (one RGB input
 * with y and x axes, data types PumaSeg can feed and read, and a complete, consistent
 * {@code config.pumaseg}). The first broken rule throws an
 * {@link org.pumaseg.InvalidInputException} naming the field and the fix.
 */
final class RdfValidator {

	private static final Pattern TENSOR_ID = Pattern.compile("[a-z_][a-z0-9_]{0,31}");
	private static final Pattern AXIS_ID = Pattern.compile("[a-z_][a-z0-9_]{0,15}");
	private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
	private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
	private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");
	private static final Pattern FORMAT_VERSION = Pattern.compile("0\\.5\\.\\d+");

	/** Metric length units of the bioimage.io format, in micrometres. */
	private static final Map<String, Double> MICROMETRES_PER_UNIT = Map.of("picometer", 1e-6,
		"angstrom", 1e-4, "nanometer", 1e-3, "micrometer", 1.0, "millimeter", 1e3, "centimeter",
		1e4, "decimeter", 1e5, "meter", 1e6);

	/** Relative difference allowed between axis scales and config.pumaseg.pixel_size_um. */
	private static final double PIXEL_SIZE_TOLERANCE = 0.01;

	private final PackageErrors errors;

	RdfValidator(PackageErrors errors) {
		this.errors = errors;
	}

	void validate(ModelDescription model) {
		checkMetadata(model);
		checkTensorIds(model);
		for (int i = 0; i < model.inputs().size(); i++) {
			checkTensor(model, model.inputs().get(i), "inputs[" + i + "]");
		}
		for (int i = 0; i < model.outputs().size(); i++) {
			checkTensor(model, model.outputs().get(i), "outputs[" + i + "]");
		}
		checkPumaSegLayout(model);
		checkWeights(model.weights());
		checkTolerances(model);
		checkPumaSeg(model);
		checkOtherFields(model);
	}

	// --- metadata ------------------------------------------------------------------------

	private void checkMetadata(ModelDescription model) {
		if (!FORMAT_VERSION.matcher(model.formatVersion()).matches()) {
			throw errors.field("format_version", "is '" + model.formatVersion() +
				"', but PumaSeg reads the bioimage.io model format 0.5.x", "write format_version: " +
					ModelDescription.FORMAT_VERSION + ".");
		}
		if (model.name().isBlank() || model.name().length() > 128) {
			throw errors.field("name", "must be 1 to 128 characters long",
				"give the model a short name such as 'PumaSeg nuclei HoVer-Net'.");
		}
		if (model.authors().isEmpty()) {
			throw errors.field("authors", "is empty", "list at least one author with a name.");
		}
		for (int i = 0; i < model.authors().size(); i++) {
			if (model.authors().get(i).name().isBlank()) {
				throw errors.field("authors[" + i + "].name", "is empty", "give the author's name.");
			}
		}
		if (model.license().isBlank()) {
			throw errors.field("license", "is empty",
				"state the licence as an SPDX identifier such as 'CC-BY-4.0' or 'MIT'.");
		}
		if (model.documentation() != null) {
			checkPath("documentation", model.documentation(), true);
			if (!model.documentation().toLowerCase(java.util.Locale.ROOT).endsWith(".md")) {
				throw errors.field("documentation", "is '" + model.documentation() +
					"', not a Markdown (.md) file", "point it at the model card, e.g. README.md.");
			}
		}
		for (int i = 0; i < model.covers().size(); i++) {
			checkPath("covers[" + i + "]", model.covers().get(i), true);
		}
		for (int i = 0; i < model.attachments().size(); i++) {
			checkFile("attachments[" + i + "]", model.attachments().get(i), true);
		}
	}

	private void checkTensorIds(ModelDescription model) {
		if (model.inputs().isEmpty() || model.outputs().isEmpty()) {
			throw errors.field(model.inputs().isEmpty() ? "inputs" : "outputs", "is empty",
				"describe the model's inputs and outputs.");
		}
		Set<String> seen = new HashSet<>();
		List<TensorDescription> tensors = allTensors(model);
		for (int i = 0; i < tensors.size(); i++) {
			TensorDescription tensor = tensors.get(i);
			String field = tensorField(model, tensor) + ".id";
			if (!TENSOR_ID.matcher(tensor.id()).matches()) {
				throw errors.field(field, "is '" + tensor.id() + "', not a tensor id (lower-case " +
					"letters, digits and '_', starting with a letter, at most 32 characters)",
					"rename the tensor, e.g. 'nuclei_foreground'.");
			}
			if (!seen.add(tensor.id())) {
				throw errors.field(field, "repeats the tensor id '" + tensor.id() + "'",
					"give every input and output its own id.");
			}
		}
	}

	// --- tensors -------------------------------------------------------------------------

	private void checkTensor(ModelDescription model, TensorDescription tensor, String field) {
		boolean output = tensor instanceof OutputTensor;
		if (tensor.axes().isEmpty()) {
			throw errors.field(field + ".axes", "is empty", "list the tensor's axes.");
		}

		Set<String> axisIds = new HashSet<>();
		int batchAxes = 0;
		int channelAxes = 0;
		for (int a = 0; a < tensor.axes().size(); a++) {
			Axis axis = tensor.axes().get(a);
			String axisField = field + ".axes[" + a + "]";
			if (!AXIS_ID.matcher(axis.id()).matches()) {
				throw errors.field(axisField + ".id", "is '" + axis.id() + "', not an axis id " +
					"(lower-case letters, digits and '_', at most 16 characters)",
					"use y and x for the image axes.");
			}
			if (!axisIds.add(axis.id())) {
				throw errors.field(axisField + ".id", "repeats the axis id '" + axis.id() +
					"' of tensor '" + tensor.id() + "'", "give each axis its own id.");
			}
			if (axis instanceof Axis.Batch) {
				batchAxes++;
			}
			else if (axis instanceof Axis.Channel) {
				channelAxes++;
				checkChannelNames((Axis.Channel) axis, axisField);
			}
			else {
				checkSpaceAxis(model, tensor, (Axis.Space) axis, axisField, output);
			}
		}
		if (batchAxes > 1 || channelAxes > 1) {
			throw errors.field(field + ".axes", "has " + (batchAxes > 1 ? batchAxes + " batch"
				: channelAxes + " channel") + " axes", "keep one axis of each kind.");
		}

		checkDataType(tensor, field);
		checkFile(field + ".test_tensor", tensor.testTensor(), false);
		if (!tensor.testTensor().source().toLowerCase(java.util.Locale.ROOT).endsWith(".npy")) {
			throw errors.field(field + ".test_tensor.source", "is '" + tensor.testTensor()
				.source() + "', not a NumPy .npy file", "save the test tensor with numpy.save.");
		}
		if (tensor.sampleTensor() != null) {
			checkFile(field + ".sample_tensor", tensor.sampleTensor(), true);
		}

		List<ProcessingStep> steps = output ? ((OutputTensor) tensor).postprocessing()
			: ((InputTensor) tensor).preprocessing();
		String stepsField = field + (output ? ".postprocessing" : ".preprocessing");
		for (int s = 0; s < steps.size(); s++) {
			checkProcessingStep(model, tensor, steps.get(s), stepsField + "[" + s + "]", output);
		}
	}

	private void checkChannelNames(Axis.Channel axis, String field) {
		if (axis.channelNames().isEmpty()) {
			throw errors.field(field + ".channel_names", "is empty", "name each channel.");
		}
		Set<String> names = new HashSet<>();
		for (String name : axis.channelNames()) {
			if (!IDENTIFIER.matcher(name).matches()) {
				throw errors.field(field + ".channel_names", "holds '" + name +
					"', not an identifier (letters, digits and '_')", "rename the channel.");
			}
			if (!names.add(name)) {
				throw errors.field(field + ".channel_names", "repeats '" + name + "'",
					"give each channel its own name.");
			}
		}
	}

	private void checkSpaceAxis(ModelDescription model, TensorDescription tensor,
		Axis.Space axis, String field, boolean output)
	{
		if (!(axis.scale() > 0) || Double.isInfinite(axis.scale())) {
			throw errors.field(field + ".scale", "is " + axis.scale() + ", not a positive size",
				"give the physical pixel size in 'unit', or remove 'scale'.");
		}
		if (axis.unit() != null && !MICROMETRES_PER_UNIT.containsKey(axis.unit())) {
			throw errors.field(field + ".unit", "is '" + axis.unit() +
				"', not a metric length unit", "use micrometer (or remove the unit).");
		}
		if (axis.halo() < 0) {
			throw errors.field(field + ".halo", "is " + axis.halo() + ", a negative halo",
				"give the halo in pixels, 0 or more.");
		}
		if (!output && axis.halo() != 0) {
			throw errors.field(field + ".halo", "is set on an input axis",
				"give the halo on the output axes.");
		}

		AxisSize size = axis.size();
		if (size instanceof AxisSize.Fixed) {
			int fixed = ((AxisSize.Fixed) size).size();
			if (fixed < 1) {
				throw errors.field(field + ".size", "is " + fixed + ", not a positive size",
					"give the axis length in pixels.");
			}
		}
		else if (size instanceof AxisSize.Parameterized) {
			AxisSize.Parameterized series = (AxisSize.Parameterized) size;
			if (output) {
				throw errors.field(field + ".size", "is a {min, step} series on an output axis",
					"refer to the input axis instead, e.g. {tensor_id: " + model.inputs().get(0)
						.id() + ", axis_id: " + axis.id() + "}.");
			}
			if (series.min() < 1 || series.step() < 1) {
				throw errors.field(field + ".size", "has min " + series.min() + " and step " + series
					.step() + ", but both must be 1 or more", "give the smallest tile as min and " +
						"the size increment as step, e.g. {min: 64, step: 32}.");
			}
		}
		else {
			checkReference(model, tensor, axis, (AxisSize.Reference) size, field, output);
		}

		if (output && axis.halo() > 0) {
			checkHalo(model, axis, field);
		}
	}

	private void checkReference(ModelDescription model, TensorDescription tensor,
		Axis.Space axis, AxisSize.Reference reference, String field, boolean output)
	{
		String sizeField = field + ".size";
		TensorDescription target = model.tensor(reference.tensorId()).orElseThrow(() -> errors
			.field(sizeField + ".tensor_id", "names tensor '" + reference.tensorId() +
				"', which the model does not have", "name one of its inputs."));
		if (!output && target instanceof OutputTensor) {
			throw errors.field(sizeField + ".tensor_id", "names output '" + reference
				.tensorId() + "' from an input axis", "let input sizes refer only to inputs.");
		}
		Axis referenced = target.axis(reference.axisId()).orElseThrow(() -> errors.field(
			sizeField + ".axis_id", "names axis '" + reference.axisId() + "', which tensor '" +
				target.id() + "' does not have", "name one of its axes, e.g. y or x."));
		if (target.id().equals(tensor.id()) && referenced.id().equals(axis.id())) {
			throw errors.field(sizeField, "refers to the axis itself",
				"refer to an axis of another tensor.");
		}
		if (!(referenced instanceof Axis.Space)) {
			throw errors.field(sizeField + ".axis_id", "names the " + referenced.type() +
				" axis '" + referenced.id() + "', but a spatial size must follow a spatial axis",
				"name a space axis such as y or x.");
		}
		Axis.Space referencedSpace = (Axis.Space) referenced;
		if (referencedSpace.size() instanceof AxisSize.Reference) {
			throw errors.field(sizeField, "refers to axis '" + target.id() + "." + referenced
				.id() + "', whose size is itself a reference",
				"refer directly to the axis with the fixed or {min, step} size.");
		}
		if (!java.util.Objects.equals(axis.unit(), referencedSpace.unit())) {
			throw errors.field(field + ".unit", "is '" + axis.unit() + "' but the referenced " +
				"axis '" + target.id() + "." + referenced.id() + "' has unit '" + referencedSpace
					.unit() + "'", "give both axes the same unit.");
		}
	}

	/** Checks the bioimage.io rule {@code size - 2 * halo >= 1} at the smallest valid size. */
	private void checkHalo(ModelDescription model, Axis.Space axis, String field) {
		int smallest = smallestSize(model, axis);
		if (2 * axis.halo() >= smallest) {
			throw errors.field(field + ".halo", "is " + axis.halo() + " px, not less than half " +
				"of the smallest tile (" + smallest + " px), so nothing of a tile would be kept",
				"lower the halo below " + (smallest + 1) / 2 + " px, or raise the minimum size " +
					"of the input axis.");
		}
		if (axis.size() instanceof AxisSize.Reference) {
			AxisSize.Reference reference = (AxisSize.Reference) axis.size();
			Axis.Space referenced = (Axis.Space) model.tensor(reference.tensorId()).get().axis(
				reference.axisId()).get();
			double inputHalo = axis.halo() * axis.scale() / referenced.scale();
			if (Math.abs(inputHalo - Math.rint(inputHalo)) > 1e-9) {
				throw errors.field(field + ".halo", "is " + axis.halo() + " px, which is " +
					inputHalo + " input pixels (halo * scale / input scale), not a whole number",
					"choose a halo that is a whole number of input pixels.");
			}
		}
	}

	/** Output axis length at the smallest valid input size. */
	private static int smallestSize(ModelDescription model, Axis.Space axis) {
		AxisSize size = axis.size();
		if (size instanceof AxisSize.Fixed) {
			return ((AxisSize.Fixed) size).size();
		}
		AxisSize.Reference reference = (AxisSize.Reference) size;
		Axis.Space referenced = (Axis.Space) model.tensor(reference.tensorId()).get().axis(
			reference.axisId()).get();
		int referencedSize = referenced.size() instanceof AxisSize.Fixed
			? ((AxisSize.Fixed) referenced.size()).size()
			: ((AxisSize.Parameterized) referenced.size()).min();
		return (int) Math.floor(referencedSize * referenced.scale() / axis.scale()) + reference
			.offset();
	}

	private void checkDataType(TensorDescription tensor, String field) {
		DataType type = tensor.dataType();
		if (tensor instanceof InputTensor && type != DataType.FLOAT32 && type != DataType.UINT8) {
			throw errors.field(field + ".data.type", "is " + type.yamlName() + ", but PumaSeg " +
				"feeds models float32 or uint8 images", "export the model with a float32 input.");
		}
		if (tensor instanceof OutputTensor && !type.isFloat()) {
			throw errors.field(field + ".data.type", "is " + type.yamlName() + ", but PumaSeg " +
				"reads model outputs as float32 or float64 maps",
				"export the model with float outputs (probabilities, logits, distances).");
		}
	}

	// --- processing ----------------------------------------------------------------------

	/** Allowed and required keyword arguments of each bioimage.io processing operation. */
	private enum Operation {
		BINARIZE("binarize", true, Set.of("threshold", "axis"), Set.of("threshold")),
		CLIP("clip", true, Set.of("min", "max"), Set.of()),
		ENSURE_DTYPE("ensure_dtype", true, Set.of("dtype"), Set.of("dtype")),
		FIXED_ZERO_MEAN_UNIT_VARIANCE("fixed_zero_mean_unit_variance", true, Set.of("mean", "std",
			"axis"), Set.of("mean", "std")),
		SCALE_LINEAR("scale_linear", true, Set.of("gain", "offset", "axis"), Set.of()),
		SCALE_MEAN_VARIANCE("scale_mean_variance", false, Set.of("reference_tensor", "axes",
			"eps"), Set.of("reference_tensor")),
		SCALE_RANGE("scale_range", true, Set.of("axes", "min_percentile", "max_percentile", "eps",
			"reference_tensor"), Set.of()),
		SIGMOID("sigmoid", true, Set.of(), Set.of()),
		SOFTMAX("softmax", true, Set.of("axis"), Set.of()),
		ZERO_MEAN_UNIT_VARIANCE("zero_mean_unit_variance", true, Set.of("axes", "eps"), Set.of());

		final String id;
		final boolean preprocessing;
		final Set<String> allowed;
		final Set<String> required;

		Operation(String id, boolean preprocessing, Set<String> allowed, Set<String> required) {
			this.id = id;
			this.preprocessing = preprocessing;
			this.allowed = allowed;
			this.required = required;
		}

		static Operation of(String id) {
			for (Operation operation : values()) {
				if (operation.id.equals(id)) {
					return operation;
				}
			}
			return null;
		}
	}

	private void checkProcessingStep(ModelDescription model, TensorDescription tensor,
		ProcessingStep step, String field, boolean output)
	{
		Operation operation = Operation.of(step.id());
		if (operation == null || (!output && !operation.preprocessing)) {
			List<String> known = new ArrayList<>();
			for (Operation candidate : Operation.values()) {
				if (output || candidate.preprocessing) {
					known.add(candidate.id);
				}
			}
			throw errors.field(field + ".id", "is '" + step.id() + "', not a bioimage.io " +
				(output ? "post" : "pre") + "processing operation", "use one of " + String.join(
					", ", known) + ".");
		}
		for (String key : step.kwargs().keySet()) {
			if (!operation.allowed.contains(key)) {
				throw errors.field(field + ".kwargs." + key, "is not an argument of " + step.id(),
					operation.allowed.isEmpty() ? "remove the kwargs." : "use only " + String.join(
						", ", new java.util.TreeSet<>(operation.allowed)) + ".");
			}
		}
		for (String key : operation.required) {
			if (!step.kwargs().containsKey(key)) {
				throw errors.field(field + ".kwargs." + key, "is missing", "give " + step.id() +
					" its '" + key + "' argument.");
			}
		}

		Map<String, Object> kwargs = step.kwargs();
		for (String key : List.of("threshold", "min", "max", "mean", "std", "gain", "offset",
			"min_percentile", "max_percentile", "eps"))
		{
			Object value = kwargs.get(key);
			if (value != null && !isNumberOrNumbers(value)) {
				throw errors.field(field + ".kwargs." + key, "is " + YamlField.describe(value) +
					", not a number", "write a number (or a list of numbers along 'axis').");
			}
		}
		if (kwargs.containsKey("dtype") && DataType.fromYaml(String.valueOf(kwargs.get(
			"dtype"))) == null)
		{
			throw errors.field(field + ".kwargs.dtype", "is " + YamlField.describe(kwargs.get(
				"dtype")) + ", not a data type", "use e.g. float32.");
		}
		if (kwargs.containsKey("axis")) {
			checkAxisReference(tensor, kwargs.get("axis"), field + ".kwargs.axis");
		}
		if (kwargs.containsKey("axes")) {
			Object axes = kwargs.get("axes");
			if (!(axes instanceof List)) {
				throw errors.field(field + ".kwargs.axes", "is " + YamlField.describe(axes) +
					", not a list of axis ids", "write e.g. [y, x].");
			}
			for (Object axis : (List<?>) axes) {
				checkAxisReference(tensor, axis, field + ".kwargs.axes");
			}
		}
		if (kwargs.containsKey("reference_tensor")) {
			Object reference = kwargs.get("reference_tensor");
			boolean known = model.tensor(String.valueOf(reference)).filter(target -> output ||
				target instanceof InputTensor).isPresent();
			if (!known) {
				throw errors.field(field + ".kwargs.reference_tensor", "is " + YamlField.describe(
					reference) + ", not " + (output ? "a tensor" : "an input") + " of the model",
					"name one of the model's " + (output ? "tensors" : "inputs") + ".");
			}
		}
	}

	private void checkAxisReference(TensorDescription tensor, Object axisId, String field) {
		boolean known = axisId instanceof String && tensor.axis((String) axisId).isPresent();
		if (!known) {
			List<String> ids = new ArrayList<>();
			tensor.axes().forEach(axis -> ids.add(axis.id()));
			throw errors.field(field, "names " + YamlField.describe(axisId) + ", not an axis of " +
				"tensor '" + tensor.id() + "'", "use one of " + String.join(", ", ids) + ".");
		}
	}

	private static boolean isNumberOrNumbers(Object value) {
		if (value instanceof Number) {
			return true;
		}
		if (value instanceof List && !((List<?>) value).isEmpty()) {
			return ((List<?>) value).stream().allMatch(Number.class::isInstance);
		}
		return false;
	}

	// --- PumaSeg's tensor layout ---------------------------------------------------------

	private void checkPumaSegLayout(ModelDescription model) {
		if (model.inputs().size() != 1) {
			throw errors.field("inputs", "describes " + model.inputs().size() + " inputs, but " +
				"PumaSeg feeds one RGB image", "export the model with a single image input.");
		}
		InputTensor input = model.inputs().get(0);
		checkImageAxes(input, "inputs[0]", true);
		int channels = input.channelCount();
		if (channels != 3) {
			throw errors.field("inputs[0].axes", "gives the input " + channels + " channel" +
				(channels == 1 ? "" : "s") + ", but PumaSeg feeds RGB images (3 channels, in the " +
					"order red, green, blue)", "export the model with a 3-channel RGB input.");
		}
		for (int i = 0; i < model.outputs().size(); i++) {
			checkImageAxes(model.outputs().get(i), "outputs[" + i + "]", false);
		}
	}

	/** Allows batch, channel (required for inputs) and exactly the space axes y and x. */
	private void checkImageAxes(TensorDescription tensor, String field, boolean input) {
		List<String> spaceIds = new ArrayList<>();
		boolean channel = false;
		for (Axis axis : tensor.axes()) {
			if (axis instanceof Axis.Space) {
				spaceIds.add(axis.id());
			}
			channel |= axis instanceof Axis.Channel;
		}
		boolean yx = spaceIds.size() == 2 && spaceIds.contains("y") && spaceIds.contains("x");
		if (!yx) {
			throw errors.field(field + ".axes", "has the space axes " + spaceIds + ", but " +
				"PumaSeg models work on 2-D images with the space axes y and x",
				"give the tensor exactly two space axes with ids y and x.");
		}
		if (input && !channel) {
			throw errors.field(field + ".axes", "has no channel axis",
				"add a channel axis with channel_names [red, green, blue].");
		}
	}

	// --- weights -------------------------------------------------------------------------

	private void checkWeights(Weights weights) {
		Set<String> present = new HashSet<>(weights.otherFormats().keySet());
		for (WeightsFormat format : weights.runnableFormats()) {
			present.add(format.yamlName());
		}

		if (weights.tensorflowSavedModelBundle() != null) {
			checkTensorflowWeights(weights.tensorflowSavedModelBundle(), present);
		}

		if (weights.onnx() != null) {
			String onnxField = "weights.onnx";
			checkFile(onnxField, weights.onnx().source(), false);
			if (weights.onnx().opsetVersion() < 7) {
				throw errors.field(onnxField + ".opset_version", "is " + weights.onnx()
					.opsetVersion() + ", but ONNX opsets start at 7", "state the opset the ONNX " +
						"file was exported with.");
			}
			checkParent(onnxField, weights.onnx().parent(), WeightsFormat.ONNX.yamlName(),
				present);
		}

		for (Map.Entry<String, Object> entry : weights.otherFormats().entrySet()) {
			boolean runnable = entry.getKey().equals(WeightsFormat.ONNX.yamlName()) || entry.getKey()
				.equals(WeightsFormat.TENSORFLOW_SAVED_MODEL_BUNDLE.yamlName());
			if (runnable || !WeightsFormat.BIOIMAGEIO_FORMATS.contains(entry.getKey())) {
				throw errors.field("weights." + entry.getKey(), "is not a weights format PumaSeg " +
					"keeps aside", "PumaSeg runs tensorflow_saved_model_bundle and onnx; " +
						"remove or rename this entry.");
			}
			if (!(entry.getValue() instanceof Map)) {
				throw errors.field("weights." + entry.getKey(), "is not a mapping",
					"describe the weights with source and the fields of their format.");
			}
		}
	}

	private void checkTensorflowWeights(TensorflowWeights tensorflow, Set<String> present) {
		String tensorflowField = "weights.tensorflow_saved_model_bundle";
		checkFile(tensorflowField, tensorflow.source(), false);
		if (tensorflow.tensorflowVersion().isBlank()) {
			throw errors.field(tensorflowField + ".tensorflow_version", "is empty",
				"state the TensorFlow version that saved the model, e.g. '2.10'.");
		}
		checkParent(tensorflowField, tensorflow.parent(), WeightsFormat.TENSORFLOW_SAVED_MODEL_BUNDLE
			.yamlName(), present);
		if (tensorflow.dependencies() != null) {
			checkFile(tensorflowField + ".dependencies", tensorflow.dependencies(), false);
		}
	}

	private void checkParent(String field, String parent, String self, Set<String> present) {
		if (parent == null) {
			return;
		}
		if (parent.equals(self) || !present.contains(parent)) {
			throw errors.field(field + ".parent", "is '" + parent + "', which is " + (parent
				.equals(self) ? "the entry itself" : "not among the weights of the package"),
				"name the weights format these weights were converted from, or remove 'parent'.");
		}
	}

	private void checkTolerances(ModelDescription model) {
		List<ReproducibilityTolerance> tolerances = model.reproducibilityTolerances();
		for (int i = 0; i < tolerances.size(); i++) {
			ReproducibilityTolerance tolerance = tolerances.get(i);
			String field = "config.bioimageio.reproducibility_tolerance[" + i + "]";
			boolean valid = tolerance.absoluteTolerance() >= 0 && tolerance.relativeTolerance() >= 0 &&
				tolerance.mismatchedElementsPerMillion() >= 0 && tolerance
					.mismatchedElementsPerMillion() <= 1e6;
			if (!valid) {
				throw errors.field(field, "has a negative tolerance or more than a million " +
					"mismatches per million", "give tolerances of 0 or more.");
			}
			for (String outputId : tolerance.outputIds()) {
				boolean known = model.outputs().stream().anyMatch(out -> out.id().equals(outputId));
				if (!known) {
					throw errors.field(field + ".output_ids", "names '" + outputId +
						"', which is not an output of the model", "name the model's outputs.");
				}
			}
			for (String format : tolerance.weightsFormats()) {
				if (!WeightsFormat.BIOIMAGEIO_FORMATS.contains(format)) {
					throw errors.field(field + ".weights_formats", "names '" + format +
						"', not a weights format", "use e.g. tensorflow_saved_model_bundle.");
				}
			}
		}
	}

	// --- config.pumaseg ------------------------------------------------------------------

	private void checkPumaSeg(ModelDescription model) {
		PumaSegConfig config = model.pumaseg();
		String field = "config.pumaseg";
		if (config.version() != PumaSegConfig.VERSION) {
			throw errors.field(field + ".version", "is " + config.version() + ", but this " +
				"PumaSeg reads version " + PumaSegConfig.VERSION, config.version() >
					PumaSegConfig.VERSION ? "update PumaSeg to run this package."
						: "write version: " + PumaSegConfig.VERSION + ".");
		}
		double pixelSize = config.pixelSizeUm();
		if (!(pixelSize >= PixelSize.MIN_PLAUSIBLE_UM && pixelSize <= PixelSize.MAX_PLAUSIBLE_UM)) {
			throw errors.field(field + ".pixel_size_um", "is " + pixelSize + " µm/px, outside " +
				"the plausible range " + PixelSize.MIN_PLAUSIBLE_UM + " to " +
				PixelSize.MAX_PLAUSIBLE_UM + " µm/px", "give micrometres per pixel of the " +
					"training images, e.g. 0.25 for PUMA ROIs at 40x.");
		}
		checkAxisScales(model, pixelSize);

		Map<String, boolean[]> claimed = new HashMap<>();
		for (OutputTensor output : model.outputs()) {
			claimed.put(output.id(), new boolean[output.channelCount()]);
		}
		Set<OutputMeaning> meanings = new HashSet<>();
		for (int i = 0; i < config.outputs().size(); i++) {
			checkRole(model, config, config.outputs().get(i), field + ".outputs[" + i + "]",
				claimed, meanings);
		}

		for (OutputTensor output : model.outputs()) {
			boolean[] channels = claimed.get(output.id());
			for (int c = 0; c < channels.length; c++) {
				if (!channels[c]) {
					String which = channels.length == 1 ? "output '" + output.id() + "'"
						: "channel " + c + " of output '" + output.id() + "'";
					throw errors.field(field + ".outputs", "does not describe what " + which + " contains",
						"add an entry with tensor_id: " + output.id() + (channels.length == 1 ? ""
							: " and channel: " + c) + ", or remove the output from the model.");
				}
			}
		}

		checkMeaningSets(meanings, field);
		checkClasses(config.nucleusClasses(), field + ".nucleus_classes", meanings.contains(
			OutputMeaning.NUCLEUS_CLASS_PROBABILITIES), PumaClassNames.allowedNucleusNames());
		checkOneTrack(config.nucleusClasses(), field + ".nucleus_classes");
		checkClasses(config.tissueClasses(), field + ".tissue_classes", meanings.contains(
			OutputMeaning.TISSUE_CLASS_PROBABILITIES), PumaClassNames.allowedTissueNames());
		checkChain(config, field + ".preprocessing");
	}

	/**
	 * Rejects a resample step in the PumaSeg preprocessing: the chain runs on images already
	 * resampled to pixel_size_um, so a second resampling would feed the model the wrong scale.
	 */
	private void checkChain(PumaSegConfig config, String field) {
		for (int i = 0; i < config.preprocessing().size(); i++) {
			Object name = config.preprocessing().get(i).get("name");
			if (Resampling.NAME.equals(name)) {
				throw errors.field(field + "[" + i + "]", "is the step '" + name + "', but PumaSeg " +
					"resamples every image to config.pumaseg.pixel_size_um before this chain runs",
					"remove the step and set pixel_size_um to the pixel size the model was trained at.");
			}
		}
	}

	/** Space axes with a unit state a pixel size, which must agree with pixel_size_um. */
	private void checkAxisScales(ModelDescription model, double pixelSize) {
		InputTensor input = model.inputs().get(0);
		for (int a = 0; a < input.axes().size(); a++) {
			if (!(input.axes().get(a) instanceof Axis.Space)) {
				continue;
			}
			Axis.Space axis = (Axis.Space) input.axes().get(a);
			if (axis.unit() == null) {
				continue;
			}
			double micrometres = axis.scale() * MICROMETRES_PER_UNIT.get(axis.unit());
			if (Math.abs(micrometres - pixelSize) > PIXEL_SIZE_TOLERANCE * pixelSize) {
				throw errors.field("inputs[0].axes[" + a + "].scale", "gives " + micrometres +
					" µm per pixel, but config.pumaseg.pixel_size_um is " + pixelSize,
					"make the two agree (scale " + pixelSize + " with unit micrometer).");
			}
		}
	}

	private void checkRole(ModelDescription model, PumaSegConfig config, OutputRole role,
		String field, Map<String, boolean[]> claimed, Set<OutputMeaning> meanings)
	{
		OutputTensor output = model.outputs().stream().filter(out -> out.id().equals(role
			.tensorId())).findFirst().orElseThrow(() -> errors.field(field + ".tensor_id",
				"names '" + role.tensorId() + "', which is not an output of the model",
				"use one of the ids under 'outputs'."));
		if (!meanings.add(role.meaning())) {
			throw errors.field(field + ".meaning", "repeats '" + role.meaning().yamlName() + "'",
				"give each meaning to one output (or channel) only.");
		}

		boolean[] channels = claimed.get(output.id());
		int first = 0;
		int count = channels.length;
		if (role.channel() != null) {
			if (output.channelAxis().isEmpty() || role.channel() < 0 || role.channel() >=
				channels.length)
			{
				throw errors.field(field + ".channel", "is " + role.channel() + ", but output '" +
					output.id() + "' has " + (output.channelAxis().isEmpty() ? "no channel axis"
						: "channels 0 to " + (channels.length - 1)), "give a channel index of the " +
							"output, or remove 'channel' to use the whole output.");
			}
			first = role.channel();
			count = 1;
		}
		for (int c = first; c < first + count; c++) {
			if (channels[c]) {
				throw errors.field(field, "gives channel " + c + " of output '" + output.id() +
					"' a second meaning", "give each channel one meaning.");
			}
			channels[c] = true;
		}

		checkChannelCount(config, role, count, field);
		if (role.meaning().hasProbabilities() && role.values() == null) {
			throw errors.field(field + ".values", "is missing", "say whether '" + role.meaning()
				.yamlName() + "' holds probabilities or logits: 'values: probability' or " +
					"'values: logit'.");
		}
		if (!role.meaning().hasProbabilities() && role.values() != null) {
			throw errors.field(field + ".values", "is set for a distance map",
				"remove 'values'; distance maps hold distances normalised to [-1, 1].");
		}
	}

	private void checkChannelCount(PumaSegConfig config, OutputRole role, int count,
		String field)
	{
		int expected;
		String what;
		switch (role.meaning()) {
			case NUCLEI_FOREGROUND:
				if (count == 1 || count == 2) {
					return;
				}
				throw errors.field(field, "gives nuclei_foreground " + count + " channels",
					"use 1 channel (nucleus) or 2 channels (background, nucleus).");
			case HORIZONTAL_DISTANCE:
			case VERTICAL_DISTANCE:
				expected = 1;
				what = "one distance channel";
				break;
			case NUCLEUS_CLASS_PROBABILITIES:
				expected = config.nucleusClasses() == null ? -1 : config.nucleusClasses().size();
				what = "one channel per name in nucleus_classes";
				break;
			case TISSUE_CLASS_PROBABILITIES:
				expected = config.tissueClasses() == null ? -1 : config.tissueClasses().size();
				what = "one channel per name in tissue_classes";
				break;
			default:
				throw new AssertionError(role.meaning());
		}
		if (expected < 0) {
			String section = role.meaning() == OutputMeaning.NUCLEUS_CLASS_PROBABILITIES
				? "nucleus_classes" : "tissue_classes";
			throw errors.field("config.pumaseg." + section, "is missing, but output '" + role
				.tensorId() + "' holds " + role.meaning().yamlName(), "list the class names " +
					"and colours in channel order, see " + PackageErrors.DOCS + ".");
		}
		if (count != expected) {
			throw errors.field(field, "selects " + count + " channel" + (count == 1 ? "" : "s") +
				" of output '" + role.tensorId() + "' for " + role.meaning().yamlName() +
				", which needs " + what + " (" + expected + ")", "make the channel count and the " +
					"class list agree.");
		}
	}

	private void checkMeaningSets(Set<OutputMeaning> meanings, String field) {
		List<OutputMeaning> nucleiSet = List.of(OutputMeaning.NUCLEI_FOREGROUND,
			OutputMeaning.HORIZONTAL_DISTANCE, OutputMeaning.VERTICAL_DISTANCE);
		boolean anyNuclei = nucleiSet.stream().anyMatch(meanings::contains) || meanings.contains(
			OutputMeaning.NUCLEUS_CLASS_PROBABILITIES);
		if (anyNuclei) {
			for (OutputMeaning needed : nucleiSet) {
				if (!meanings.contains(needed)) {
					throw errors.field(field + ".outputs", "has no '" + needed.yamlName() +
						"' output, which PumaSeg needs to separate nuclei", "give the model " +
							"nuclei_foreground, horizontal_distance and vertical_distance outputs.");
				}
			}
		}
		if (meanings.isEmpty()) {
			throw errors.field(field + ".outputs", "is empty", "describe what each output contains.");
		}
	}

	/**
	 * Rejects nucleus classes that put the track-1 group nuclei_other next to a track-2 class
	 * that track 1 groups under another name. Next to nuclei_other, nuclei_lymphocyte means
	 * lymphocytes and plasma cells, and nuclei_other contains histiocytes, melanophages and
	 * the other 5 classes, so such a list would name one nucleus twice.
	 */
	private void checkOneTrack(ClassSet classes, String field) {
		if (classes == null || !classes.names().contains(PumaClassNames.NUCLEI_OTHER)) {
			return;
		}
		for (int i = 0; i < classes.names().size(); i++) {
			String name = classes.names().get(i);
			String group = Track.TRACK1.toTrackClass(name);
			if (!name.equals(PumaClassNames.BACKGROUND) && !name.equals(group)) {
				String problem = "is '" + name + "', a PUMA track-2 class that track 1 counts in '" +
					group + "', but the list also has the track-1 group '" + PumaClassNames
						.NUCLEI_OTHER + "', and one list must name the classes of one track";
				String fix = "list either the track-1 classes " + String.join(", ", Track.TRACK1
					.classNames()) + " (lymphocytes and plasma cells in " + Track.LYMPHOCYTE_NAME +
					") or track-2 classes without " + PumaClassNames.NUCLEI_OTHER + ".";
				throw errors.field(field + ".names[" + i + "]", problem, fix);
			}
		}
	}

	private void checkClasses(ClassSet classes, String field, boolean used,
		List<String> allowed)
	{
		if (classes == null) {
			return;
		}
		if (!used) {
			throw errors.field(field, "is given, but no output contains these class probabilities",
				"remove it, or add the class output to config.pumaseg.outputs.");
		}
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < classes.names().size(); i++) {
			String name = classes.names().get(i);
			if (!allowed.contains(name)) {
				throw errors.field(field + ".names[" + i + "]", "is '" + name + "', not a PUMA " +
					"class name", "use the PUMA names: " + String.join(", ", allowed) + ".");
			}
			if (!seen.add(name)) {
				throw errors.field(field + ".names[" + i + "]", "repeats '" + name + "'",
					"list each class once.");
			}
		}
		if (classes.colors().size() != classes.names().size()) {
			throw errors.field(field + ".colors", "has " + classes.colors().size() +
				" colours for " + classes.names().size() + " class names",
				"give exactly one '#rrggbb' colour per class name, in the same order.");
		}
		for (int i = 0; i < classes.colors().size(); i++) {
			if (!COLOR.matcher(classes.colors().get(i)).matches()) {
				throw errors.field(field + ".colors[" + i + "]", "is '" + classes.colors().get(i) +
					"', not a colour of the form '#rrggbb'", "write e.g. '#c80000' (in quotes).");
			}
		}
	}

	private void checkOtherFields(ModelDescription model) {
		for (String key : model.otherFields().keySet()) {
			if (!RdfParser.OTHER_FIELDS.contains(key)) {
				throw errors.field(key, "is not a field of the bioimage.io model format",
					"remove it, or keep your own data under config.<your tool>.");
			}
		}
		if (model.otherConfig().containsKey("pumaseg")) {
			throw errors.field("config.pumaseg", "is given twice (also in otherConfig)",
				"keep the PumaSeg section only in the pumaseg record.");
		}
		Object bioimageio = model.otherConfig().get("bioimageio");
		if (bioimageio != null) {
			boolean valid = bioimageio instanceof Map && !((Map<?, ?>) bioimageio).isEmpty() &&
				!((Map<?, ?>) bioimageio).containsKey("reproducibility_tolerance");
			if (!valid) {
				throw errors.field("config.bioimageio", "must be a non-empty mapping without " +
					"reproducibility_tolerance", "give tolerances as reproducibility tolerances " +
						"of the description.");
			}
		}
	}

	// --- paths ---------------------------------------------------------------------------

	private void checkFile(String field, FileRef file, boolean urlAllowed) {
		checkPath(field + ".source", file.source(), urlAllowed);
		if (file.sha256() != null && !SHA256.matcher(file.sha256()).matches()) {
			throw errors.field(field + ".sha256", "is '" + file.sha256() +
				"', not a SHA-256 checksum (64 hex digits)", "correct it or remove it.");
		}
	}

	/**
	 * Checks that a path stays inside the package: relative, with forward slashes, and without
	 * '.', '..' or empty parts. Web addresses are allowed where PumaSeg does not need the file.
	 */
	void checkPath(String field, String path, boolean urlAllowed) {
		if (FileRef.isUrl(path)) {
			if (urlAllowed) {
				return;
			}
			throw errors.field(field, "is the web address '" + path + "', but PumaSeg needs this " +
				"file inside the package and never downloads", "put the file into the package " +
					"and give its path relative to rdf.yaml.");
		}
		if (path.isBlank()) {
			throw errors.field(field, "is empty", "give the file's path relative to rdf.yaml.");
		}
		for (char c : path.toCharArray()) {
			if (c < 0x20 || c == '\\' || c == ':') {
				throw errors.field(field, "is '" + path + "', which contains a '\\', ':' or a " +
					"control character", "write a relative path with '/' between folders.");
			}
		}
		if (path.startsWith("/") || path.startsWith("~")) {
			throw errors.field(field, "is the absolute path '" + path + "'",
				"give the path relative to rdf.yaml, inside the package.");
		}
		String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
		for (String part : trimmed.split("/", -1)) {
			if (part.isEmpty() || part.equals(".") || part.equals("..")) {
				throw errors.field(field, "is '" + path + "', which " + (part.equals("..")
					? "leaves the package" : "has an empty or '.' part"),
					"give a plain path inside the package, such as 'weights/model'.");
			}
		}
	}

	private static List<TensorDescription> allTensors(ModelDescription model) {
		List<TensorDescription> tensors = new ArrayList<>(model.inputs());
		tensors.addAll(model.outputs());
		return tensors;
	}

	private static String tensorField(ModelDescription model, TensorDescription tensor) {
		int input = model.inputs().indexOf(tensor);
		return input >= 0 ? "inputs[" + input + "]" : "outputs[" + model.outputs().indexOf(
			tensor) + "]";
	}
}
