package org.pumaseg.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.pumaseg.InvalidInputException;
import org.pumaseg.preprocess.PreprocessingChain;

/**
 * Turns the YAML tree of an rdf.yaml into a {@link ModelDescription}: checks that each field
 * has the right type, that required fields are there and that no unknown field is. The
 * cross-field rules (axes, sizes, halos, config.pumaseg) are {@link RdfValidator}'s.
 */
final class RdfParser {

	/** Top-level fields that become record components. */
	static final Set<String> TYPED_FIELDS = Set.of("type", "format_version", "name",
		"description", "authors", "license", "documentation", "covers", "tags", "inputs",
		"outputs", "weights", "attachments", "config");

	/** Top-level fields of the bioimage.io model format kept as plain YAML. */
	static final Set<String> OTHER_FIELDS = Set.of("cite", "git_repo", "icon", "id", "id_emoji",
		"links", "maintainers", "packaged_by", "parent", "run_mode", "timestamp", "training_data",
		"uploader", "version", "version_number");

	private static final Set<String> AUTHOR_FIELDS = Set.of("name", "affiliation", "email",
		"github_user", "orcid");
	private static final Set<String> FILE_FIELDS = Set.of("source", "sha256");
	private static final Set<String> INPUT_FIELDS = Set.of("id", "description", "axes",
		"test_tensor", "sample_tensor", "data", "optional", "preprocessing");
	private static final Set<String> OUTPUT_FIELDS = Set.of("id", "description", "axes",
		"test_tensor", "sample_tensor", "data", "postprocessing");
	private static final Set<String> DATA_FIELDS = Set.of("type", "range", "unit", "scale",
		"offset", "values");
	private static final Set<String> TENSORFLOW_FIELDS = Set.of("source", "sha256", "authors",
		"parent", "comment", "tensorflow_version", "dependencies");
	private static final Set<String> ONNX_FIELDS = Set.of("source", "sha256", "authors",
		"parent", "comment", "opset_version");
	private static final Set<String> TOLERANCE_FIELDS = Set.of("relative_tolerance",
		"absolute_tolerance", "mismatched_elements_per_million", "output_ids",
		"weights_formats");
	private static final Set<String> PUMASEG_FIELDS = Set.of("version", "pixel_size_um",
		"outputs", "nucleus_classes", "tissue_classes", "preprocessing");
	private static final Set<String> ROLE_FIELDS = Set.of("tensor_id", "channel", "meaning",
		"values");
	private static final Set<String> CLASS_FIELDS = Set.of("names", "colors");

	private final PackageErrors errors;

	RdfParser(PackageErrors errors) {
		this.errors = errors;
	}

	ModelDescription parse(Object yaml) {
		YamlField root = YamlField.root(yaml, errors);
		root.map();
		List<String> known = new ArrayList<>(TYPED_FIELDS);
		known.addAll(OTHER_FIELDS);
		root.allowOnly(known);

		String type = root.required("type", "add 'type: model'.").text();
		if (!type.equals("model")) {
			throw root.get("type").error("is '" + type + "', but PumaSeg runs only resources of " +
				"type 'model'", "use a model package.");
		}
		String formatVersion = parseFormatVersion(root.required("format_version",
			"add 'format_version: " + ModelDescription.FORMAT_VERSION + "'."));

		String name = root.required("name", "give the model a name.").text();
		String description = root.required("description",
			"add a one-line description of the model.").text();
		List<Author> authors = parseAuthors(root.required("authors",
			"list at least one author with a name."));
		String license = root.required("license",
			"state the licence as an SPDX identifier such as 'CC-BY-4.0' or 'MIT'.").text();
		String documentation = parseDocumentation(root.get("documentation"));

		List<String> covers = new ArrayList<>();
		for (YamlField cover : root.get("covers").listOrEmpty()) {
			covers.add(cover.isMap() ? parseFile(cover).source() : cover.text());
		}
		List<String> tags = new ArrayList<>();
		for (YamlField tag : root.get("tags").listOrEmpty()) {
			tags.add(tag.text());
		}

		List<InputTensor> inputs = new ArrayList<>();
		for (YamlField input : nonEmptyList(root.required("inputs",
			"describe the model input under 'inputs'.")))
		{
			inputs.add(parseInput(input));
		}
		List<OutputTensor> outputs = new ArrayList<>();
		for (YamlField output : nonEmptyList(root.required("outputs",
			"describe the model outputs under 'outputs'.")))
		{
			outputs.add(parseOutput(output));
		}

		Weights weights = parseWeights(root.required("weights",
			"add a 'weights' section with a tensorflow_saved_model_bundle or onnx entry."));

		List<FileRef> attachments = new ArrayList<>();
		for (YamlField attachment : root.get("attachments").listOrEmpty()) {
			attachments.add(parseFile(attachment));
		}

		YamlField config = root.required("config", "add a 'config.pumaseg' section, see " +
			PackageErrors.DOCS + ".");
		config.map();
		PumaSegConfig pumaseg = parsePumaSeg(config.required("pumaseg",
			"add a 'config.pumaseg' section saying what each output means, see " +
				PackageErrors.DOCS + "."));
		List<ReproducibilityTolerance> tolerances = new ArrayList<>();
		Map<String, Object> otherConfig = parseOtherConfig(config, tolerances);

		Map<String, Object> otherFields = new LinkedHashMap<>();
		for (String key : root.map().keySet()) {
			if (OTHER_FIELDS.contains(key)) {
				otherFields.put(key, root.get(key).plainCopy());
			}
		}

		return new ModelDescription(formatVersion, name, description, authors, license,
			documentation, covers, tags, inputs, outputs, weights, attachments, tolerances,
			pumaseg, otherConfig, otherFields);
	}

	private String parseFormatVersion(YamlField field) {
		String version = field.textOrNumber();
		if (!version.matches("0\\.5\\.\\d+")) {
			String fix = version.startsWith("0.4") || version.startsWith("0.3")
				? "update the description to format 0.5 with the bioimageio.spec Python " +
					"package, or download the 0.5 version of the model from bioimage.io."
				: "write format_version: " + ModelDescription.FORMAT_VERSION + ".";
			throw field.error("is '" + version + "', but PumaSeg reads the bioimage.io model " +
				"format 0.5.x", fix);
		}
		return version;
	}

	private List<Author> parseAuthors(YamlField field) {
		List<Author> authors = new ArrayList<>();
		for (YamlField item : field.list()) {
			item.allowOnly(AUTHOR_FIELDS);
			authors.add(new Author(item.required("name", "give each author a name.").text(), item
				.get("affiliation").textOr(null), item.get("email").textOr(null), item.get(
					"github_user").textOr(null), orcid(item.get("orcid"))));
		}
		return authors;
	}

	private static String orcid(YamlField field) {
		return field.isPresent() ? field.textOrNumber() : null;
	}

	private String parseDocumentation(YamlField field) {
		if (!field.isPresent()) {
			return null;
		}
		// Later 0.5 releases write {source: README.md}; the earlier ones a plain path.
		return field.isMap() ? parseFile(field).source() : field.text();
	}

	private FileRef parseFile(YamlField field) {
		field.allowOnly(FILE_FIELDS);
		String source = field.required("source", "give the file's path inside the package.")
			.text();
		YamlField sha = field.get("sha256");
		return new FileRef(source, sha.isPresent() ? sha.text() : null);
	}

	private List<YamlField> nonEmptyList(YamlField field) {
		List<YamlField> items = field.list();
		if (items.isEmpty()) {
			throw field.error("is an empty list", "describe at least one tensor.");
		}
		return items;
	}

	// --- tensors -------------------------------------------------------------------------

	private InputTensor parseInput(YamlField field) {
		field.allowOnly(INPUT_FIELDS);
		if (field.get("optional").isPresent() && field.get("optional").bool()) {
			throw field.get("optional").error("is true, but PumaSeg feeds every model input",
				"remove 'optional: true'.");
		}
		String id = field.get("id").textOr("input");
		List<Axis> axes = parseAxes(field.required("axes", "list the tensor's axes."), false);
		return new InputTensor(id, field.get("description").textOr(""), axes, parseDataType(field
			.get("data")), parseFile(field.required("test_tensor",
				"add a test input (.npy) so that the package can be verified.")), parseOptionalFile(
					field.get("sample_tensor")), parseProcessing(field.get("preprocessing")));
	}

	private OutputTensor parseOutput(YamlField field) {
		field.allowOnly(OUTPUT_FIELDS);
		String id = field.get("id").textOr("output");
		List<Axis> axes = parseAxes(field.required("axes", "list the tensor's axes."), true);
		return new OutputTensor(id, field.get("description").textOr(""), axes, parseDataType(
			field.get("data")), parseFile(field.required("test_tensor",
				"add the test output (.npy) that the test input gives.")), parseOptionalFile(field
					.get("sample_tensor")), parseProcessing(field.get("postprocessing")));
	}

	private FileRef parseOptionalFile(YamlField field) {
		return field.isPresent() ? parseFile(field) : null;
	}

	private DataType parseDataType(YamlField field) {
		if (!field.isPresent()) {
			return DataType.FLOAT32;
		}
		if (field.isList()) {
			// One description per channel: PumaSeg needs a single type for the whole tensor.
			DataType type = null;
			for (YamlField item : field.list()) {
				DataType itemType = parseDataType(item);
				if (type != null && itemType != type) {
					throw field.error("gives channels different data types (" + type.yamlName() +
						" and " + itemType.yamlName() + ")", "use one data type for the tensor.");
				}
				type = itemType;
			}
			if (type == null) {
				throw field.error("is an empty list", "give the data type, e.g. 'type: float32'.");
			}
			return type;
		}
		field.allowOnly(DATA_FIELDS);
		boolean nominal = field.get("values").isPresent();
		YamlField typeField = field.get("type");
		if (!typeField.isPresent()) {
			return nominal ? DataType.UINT8 : DataType.FLOAT32;
		}
		DataType type = DataType.fromYaml(typeField.text());
		if (type == null) {
			throw typeField.error("is '" + typeField.text() + "', not a bioimage.io data type",
				"use float32, float64, uint8, int8, uint16, int16, uint32, int32, uint64, int64 " +
					"or bool.");
		}
		return type;
	}

	private List<Axis> parseAxes(YamlField field, boolean output) {
		List<Axis> axes = new ArrayList<>();
		for (YamlField item : field.list()) {
			axes.add(parseAxis(item, output));
		}
		if (axes.isEmpty()) {
			throw field.error("is an empty list", "list the tensor's axes, e.g. batch, channel, " +
				"y, x.");
		}
		return axes;
	}

	private Axis parseAxis(YamlField field, boolean output) {
		field.map();
		String type = field.required("type", "give the axis type: batch, channel or space.")
			.text();
		String description = field.get("description").textOr("");
		switch (type) {
			case "batch": {
				field.allowOnly(Set.of("type", "id", "description", "size"));
				String id = field.get("id").textOr(Axis.Batch.ID);
				if (!id.equals(Axis.Batch.ID)) {
					throw field.get("id").error("is '" + id + "', but a batch axis is always " +
						"called 'batch'", "remove the id or write 'batch'.");
				}
				YamlField size = field.get("size");
				if (size.isPresent() && size.integer() != 1) {
					throw size.error("is " + size.integer() + ", but a batch axis size can only " +
						"be fixed to 1", "remove the size (any batch size) or write 1.");
				}
				return new Axis.Batch(description, size.isPresent());
			}
			case "channel": {
				field.allowOnly(Set.of("type", "id", "description", "channel_names"));
				List<String> names = new ArrayList<>();
				for (YamlField name : field.required("channel_names",
					"name each channel, e.g. [red, green, blue].").list())
				{
					names.add(name.text());
				}
				return new Axis.Channel(field.get("id").textOr(Axis.Channel.DEFAULT_ID),
					description, names);
			}
			case "space": {
				List<String> allowed = new ArrayList<>(List.of("type", "id", "description", "size",
					"unit", "scale"));
				if (output) {
					allowed.add("halo");
				}
				field.allowOnly(allowed);
				AxisSize size = parseSize(field.required("size",
					"give the axis size: a number, {min, step} or a reference to another axis."));
				return new Axis.Space(field.get("id").textOr("x"), description, size, field.get(
					"halo").integerOr(0), field.get("scale").numberOr(1.0), field.get("unit")
						.textOr(null));
			}
			case "index":
			case "time":
				throw field.get("type").error("is '" + type + "', but PumaSeg models take 2-D " +
					"images with batch, channel and space axes only",
					"use a model made for single 2-D RGB images.");
			default:
				throw field.get("type").error("is '" + type + "', not an axis type",
					"use batch, channel or space.");
		}
	}

	private AxisSize parseSize(YamlField field) {
		if (!field.isMap()) {
			return new AxisSize.Fixed(field.integer());
		}
		Map<String, Object> map = field.map();
		if (map.containsKey("min") || map.containsKey("step")) {
			field.allowOnly(Set.of("min", "step"));
			return new AxisSize.Parameterized(field.required("min",
				"give the smallest size as 'min'.").integer(), field.required("step",
					"give the size increment as 'step'.").integer());
		}
		field.allowOnly(Set.of("tensor_id", "axis_id", "offset"));
		return new AxisSize.Reference(field.required("tensor_id",
			"name the tensor whose axis gives this size.").text(), field.required("axis_id",
				"name the axis that gives this size.").text(), field.get("offset").integerOr(0));
	}

	private List<ProcessingStep> parseProcessing(YamlField field) {
		List<ProcessingStep> steps = new ArrayList<>();
		for (YamlField item : field.listOrEmpty()) {
			item.allowOnly(Set.of("id", "kwargs"));
			String id = item.required("id", "name the operation, e.g. 'zero_mean_unit_variance'.")
				.text();
			YamlField kwargs = item.get("kwargs");
			Map<String, Object> arguments = new LinkedHashMap<>();
			if (kwargs.isPresent()) {
				kwargs.map();
				@SuppressWarnings("unchecked")
				Map<String, Object> copy = (Map<String, Object>) kwargs.plainCopy();
				arguments.putAll(copy);
			}
			steps.add(new ProcessingStep(id, arguments));
		}
		return steps;
	}

	// --- weights -------------------------------------------------------------------------

	private Weights parseWeights(YamlField field) {
		TensorflowWeights tensorflow = null;
		OnnxWeights onnx = null;
		Map<String, Object> others = new LinkedHashMap<>();
		for (String key : field.map().keySet()) {
			YamlField entry = field.get(key);
			if (key.equals(WeightsFormat.TENSORFLOW_SAVED_MODEL_BUNDLE.yamlName())) {
				entry.allowOnly(TENSORFLOW_FIELDS);
				FileRef source = parseWeightsSource(entry);
				tensorflow = new TensorflowWeights(source, entry.required("tensorflow_version",
					"state the TensorFlow version that saved the model, e.g. '2.10'.")
					.textOrNumber(), entry.get("parent").textOr(null), parseOptionalAuthors(entry
						.get("authors")), entry.get("comment").textOr(""), parseOptionalFile(entry
							.get("dependencies")));
			}
			else if (key.equals(WeightsFormat.ONNX.yamlName())) {
				entry.allowOnly(ONNX_FIELDS);
				FileRef source = parseWeightsSource(entry);
				onnx = new OnnxWeights(source, entry.required("opset_version",
					"state the ONNX opset version of the file.").integer(), entry.get("parent")
						.textOr(null), parseOptionalAuthors(entry.get("authors")), entry.get(
							"comment").textOr(""));
			}
			else if (WeightsFormat.BIOIMAGEIO_FORMATS.contains(key)) {
				entry.map();
				others.put(key, entry.plainCopy());
			}
			else {
				throw entry.error("is not a weights format of the bioimage.io model format",
					"PumaSeg runs 'tensorflow_saved_model_bundle' and 'onnx'; " +
						"rename or remove this entry.");
			}
		}
		if (tensorflow == null && onnx == null) {
			String present = others.isEmpty() ? "none" : String.join(", ", others.keySet());
			throw field.error("has neither a 'tensorflow_saved_model_bundle' nor an 'onnx' entry " +
				"(present: " + present + "), so PumaSeg cannot run the model", "export the model " +
					"as a TensorFlow SavedModel or as ONNX and add it under " +
					"weights.tensorflow_saved_model_bundle or weights.onnx.");
		}
		return new Weights(tensorflow, onnx, others);
	}

	private FileRef parseWeightsSource(YamlField entry) {
		String source = entry.required("source", "give the path of the weights in the package.")
			.text();
		YamlField sha = entry.get("sha256");
		return new FileRef(source, sha.isPresent() ? sha.text() : null);
	}

	private List<Author> parseOptionalAuthors(YamlField field) {
		return field.isPresent() ? parseAuthors(field) : List.of();
	}

	// --- config --------------------------------------------------------------------------

	private Map<String, Object> parseOtherConfig(YamlField config,
		List<ReproducibilityTolerance> tolerances)
	{
		Map<String, Object> other = new LinkedHashMap<>();
		for (String key : config.map().keySet()) {
			if (key.equals("pumaseg")) {
				continue;
			}
			YamlField section = config.get(key);
			if (!key.equals("bioimageio")) {
				other.put(key, section.plainCopy());
				continue;
			}
			Map<String, Object> rest = new LinkedHashMap<>();
			for (String bioimageioKey : section.map().keySet()) {
				YamlField value = section.get(bioimageioKey);
				if (bioimageioKey.equals("reproducibility_tolerance")) {
					for (YamlField item : value.list()) {
						tolerances.add(parseTolerance(item));
					}
				}
				else {
					rest.put(bioimageioKey, value.plainCopy());
				}
			}
			if (!rest.isEmpty()) {
				other.put(key, rest);
			}
		}
		return other;
	}

	private ReproducibilityTolerance parseTolerance(YamlField field) {
		field.allowOnly(TOLERANCE_FIELDS);
		ReproducibilityTolerance defaults = ReproducibilityTolerance.DEFAULT;
		List<String> outputIds = new ArrayList<>();
		for (YamlField id : field.get("output_ids").listOrEmpty()) {
			outputIds.add(id.text());
		}
		List<String> formats = new ArrayList<>();
		for (YamlField format : field.get("weights_formats").listOrEmpty()) {
			formats.add(format.text());
		}
		return new ReproducibilityTolerance(field.get("relative_tolerance").numberOr(defaults
			.relativeTolerance()), field.get("absolute_tolerance").numberOr(defaults
				.absoluteTolerance()), field.get("mismatched_elements_per_million").integerOr(
					defaults.mismatchedElementsPerMillion()), outputIds, formats);
	}

	private PumaSegConfig parsePumaSeg(YamlField field) {
		field.allowOnly(PUMASEG_FIELDS);
		int version = field.required("version", "add 'version: " + PumaSegConfig.VERSION + "'.")
			.integer();
		double pixelSize = field.required("pixel_size_um",
			"state the pixel size the model was trained at, in micrometres per pixel.").number();

		List<OutputRole> roles = new ArrayList<>();
		for (YamlField item : field.required("outputs",
			"say what each output means, see " + PackageErrors.DOCS + ".").list())
		{
			roles.add(parseRole(item));
		}
		return new PumaSegConfig(version, pixelSize, roles, parseClasses(field.get(
			"nucleus_classes")), parseClasses(field.get("tissue_classes")), parseChain(field.get(
				"preprocessing")));
	}

	/** Parses the PumaSeg preprocessing chain, checking each step; an empty list when absent. */
	private List<Map<String, Object>> parseChain(YamlField field) {
		if (!field.isPresent()) {
			return List.of();
		}
		if (!field.isList()) {
			throw field.error("is " + YamlField.describe(field.raw()) + ", not a list of steps",
				"write a list such as [{name: macenko}, {name: scale, parameters: {divide_by: " +
					"255}}], see " + PackageErrors.DOCS + ".");
		}
		List<?> steps = (List<?>) field.plainCopy();
		try {
			return PreprocessingChain.fromDescription(steps).toDescription();
		}
		catch (InvalidInputException e) {
			throw field.error("is not a valid preprocessing chain: " + withoutFinalPeriod(e
				.getMessage()), "correct that step; the steps and their parameters are listed " +
					"in " + PackageErrors.DOCS + ".");
		}
	}

	private static String withoutFinalPeriod(String message) {
		return message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
	}

	private OutputRole parseRole(YamlField field) {
		field.allowOnly(ROLE_FIELDS);
		String tensorId = field.required("tensor_id", "name the output tensor.").text();
		YamlField channel = field.get("channel");

		YamlField meaningField = field.required("meaning", "say what the output holds.");
		OutputMeaning meaning = OutputMeaning.fromYaml(meaningField.text());
		if (meaning == null) {
			List<String> names = new ArrayList<>();
			for (OutputMeaning known : OutputMeaning.values()) {
				names.add(known.yamlName());
			}
			throw meaningField.error("is '" + meaningField.text() + "', not an output meaning " +
				"PumaSeg knows", "use one of " + String.join(", ", names) + ".");
		}

		YamlField valuesField = field.get("values");
		OutputValues values = null;
		if (valuesField.isPresent()) {
			values = OutputValues.fromYaml(valuesField.text());
			if (values == null) {
				throw valuesField.error("is '" + valuesField.text() + "'",
					"write 'probability' or 'logit'.");
			}
		}
		return new OutputRole(tensorId, channel.isPresent() ? channel.integer() : null, meaning,
			values);
	}

	private ClassSet parseClasses(YamlField field) {
		if (!field.isPresent()) {
			return null;
		}
		field.allowOnly(CLASS_FIELDS);
		List<String> names = new ArrayList<>();
		for (YamlField name : field.required("names", "list the class names in channel order.")
			.list())
		{
			names.add(name.text());
		}
		List<String> colors = new ArrayList<>();
		for (YamlField color : field.required("colors",
			"give one '#rrggbb' colour per class name.").list())
		{
			colors.add(color.text());
		}
		return new ClassSet(names, colors);
	}
}
