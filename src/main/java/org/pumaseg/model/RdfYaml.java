package org.pumaseg.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.pumaseg.InvalidInputException;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Reads and writes rdf.yaml, the bioimage.io model resource description (format 0.5) with
 * PumaSeg's {@code config.pumaseg} section; the format and the section are explained in
 * docs/model-package.md.
 * <p>
 * Reading is strict: plain YAML only (no tags that create objects), no duplicate keys, a
 * bounded document size and alias count, no unknown fields, and every rule of
 * {@link RdfValidator}. {@code write} then {@code read} gives back an equal description.
 */
public final class RdfYaml {

	/** Largest rdf.yaml PumaSeg reads, in characters; real ones are a few kilobytes. */
	static final int MAX_CHARACTERS = 1_000_000;

	private RdfYaml() {}

	/**
	 * Parses and validates an rdf.yaml text; {@code packageName} names the package in error
	 * messages.
	 *
	 * @throws InvalidInputException for any YAML error or broken rule, naming the field
	 */
	public static ModelDescription read(String yamlText, String packageName) {
		PackageErrors errors = new PackageErrors(packageName);
		Object tree = load(yamlText, errors);
		ModelDescription model = new RdfParser(errors).parse(tree);
		new RdfValidator(errors).validate(model);
		return model;
	}

	/** Checks a description built in code against the same rules as {@link #read}. */
	public static void validate(ModelDescription model, String packageName) {
		new RdfValidator(new PackageErrors(packageName)).validate(model);
	}

	/** Returns the rdf.yaml text of {@code model} without validating it. */
	public static String write(ModelDescription model) {
		DumperOptions options = new DumperOptions();
		options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
		options.setIndent(2);
		options.setIndicatorIndent(2);
		options.setIndentWithIndicator(true);
		options.setWidth(100);
		options.setAllowUnicode(true);
		Yaml yaml = new Yaml(new Representer(options), options);
		return "# bioimage.io model description with a PumaSeg section, see " +
			"docs/model-package.md\n" + yaml.dump(toYaml(model));
	}

	private static Object load(String yamlText, PackageErrors errors) {
		if (yamlText.length() > MAX_CHARACTERS) {
			throw errors.file("rdf.yaml", "has " + yamlText.length() + " characters, more than " +
				"the " + MAX_CHARACTERS + " an rdf.yaml may have", "keep large data in files of " +
					"the package.");
		}
		LoaderOptions options = new LoaderOptions();
		options.setAllowDuplicateKeys(false);
		options.setMaxAliasesForCollections(20);
		options.setAllowRecursiveKeys(false);
		options.setNestingDepthLimit(40);
		options.setCodePointLimit(MAX_CHARACTERS * 4);
		Yaml yaml = new Yaml(new PlainConstructor(options), new Representer(new DumperOptions()),
			new DumperOptions(), options);
		try {
			Object tree = yaml.load(yamlText);
			if (tree == null) {
				throw errors.file("rdf.yaml", "is empty", "write the model description, see " +
					PackageErrors.DOCS + ".");
			}
			checkKeysAreText(tree, "", errors);
			return tree;
		}
		catch (MarkedYAMLException e) {
			String where = e.getProblemMark() == null ? "" : " at line " + (e.getProblemMark()
				.getLine() + 1) + ", column " + (e.getProblemMark().getColumn() + 1);
			throw errors.file("rdf.yaml", "is not valid YAML" + where + " (" + e.getProblem() +
				")", "correct the YAML syntax there.");
		}
		catch (YAMLException e) {
			throw errors.file("rdf.yaml", "cannot be read as YAML (" + e.getMessage() + ")",
				"write it as a plain YAML document.");
		}
	}

	/**
	 * Rejects a mapping key that YAML reads as something other than text (true, 1, null, a
	 * list): the parser reads every mapping as text keys. The tree is at most 40 levels deep
	 * (the loader's nesting limit), so the recursion is bounded.
	 */
	private static void checkKeysAreText(Object node, String path, PackageErrors errors) {
		if (node instanceof Map<?, ?> map) {
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				Object key = entry.getKey();
				if (!(key instanceof String)) {
					String type = key == null ? "null" : key.getClass().getSimpleName().toLowerCase(
						Locale.ROOT);
					throw errors.field(path.isEmpty() ? String.valueOf(key) : path + "." + key,
						"has a key that YAML reads as " + type + ", not as text", "quote the key " +
							"(for example \"" + key + "\":) or correct it.");
				}
				checkKeysAreText(entry.getValue(), path.isEmpty() ? (String) key : path + "." +
					key, errors);
			}
		}
		else if (node instanceof List<?> list) {
			for (int i = 0; i < list.size(); i++) {
				checkKeysAreText(list.get(i), path + "[" + i + "]", errors);
			}
		}
	}

	/**
	 * Builds only plain data (maps, lists, text, numbers, booleans); timestamps stay text so
	 * that they are written back unchanged.
	 */
	private static final class PlainConstructor extends SafeConstructor {

		PlainConstructor(LoaderOptions options) {
			super(options);
			this.yamlConstructors.put(Tag.TIMESTAMP, new ConstructYamlStr());
		}
	}

	// --- writing -------------------------------------------------------------------------

	private static Map<String, Object> toYaml(ModelDescription model) {
		Map<String, Object> root = new LinkedHashMap<>();
		root.put("type", "model");
		root.put("format_version", model.formatVersion());
		root.put("name", model.name());
		root.put("description", model.description());
		List<Object> authors = new ArrayList<>();
		model.authors().forEach(author -> authors.add(toYaml(author)));
		root.put("authors", authors);
		root.put("license", model.license());
		putIfPresent(root, "documentation", model.documentation());
		putIfNotEmpty(root, "covers", new ArrayList<>(model.covers()));
		putIfNotEmpty(root, "tags", new ArrayList<>(model.tags()));

		List<Object> inputs = new ArrayList<>();
		for (InputTensor input : model.inputs()) {
			inputs.add(tensorToYaml(input, "preprocessing", input.preprocessing()));
		}
		root.put("inputs", inputs);
		List<Object> outputs = new ArrayList<>();
		for (OutputTensor output : model.outputs()) {
			outputs.add(tensorToYaml(output, "postprocessing", output.postprocessing()));
		}
		root.put("outputs", outputs);
		root.put("weights", toYaml(model.weights()));

		List<Object> attachments = new ArrayList<>();
		model.attachments().forEach(file -> attachments.add(toYaml(file)));
		putIfNotEmpty(root, "attachments", attachments);

		root.put("config", configToYaml(model));
		for (Map.Entry<String, Object> field : model.otherFields().entrySet()) {
			root.put(field.getKey(), mutableCopy(field.getValue()));
		}
		return root;
	}

	private static Map<String, Object> toYaml(Author author) {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("name", author.name());
		putIfPresent(map, "affiliation", author.affiliation());
		putIfPresent(map, "email", author.email());
		putIfPresent(map, "github_user", author.githubUser());
		putIfPresent(map, "orcid", author.orcid());
		return map;
	}

	private static Map<String, Object> toYaml(FileRef file) {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("source", file.source());
		putIfPresent(map, "sha256", file.sha256());
		return map;
	}

	private static Map<String, Object> tensorToYaml(TensorDescription tensor,
		String processingKey, List<ProcessingStep> steps)
	{
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("id", tensor.id());
		putIfNotEmpty(map, "description", tensor.description());
		List<Object> axes = new ArrayList<>();
		tensor.axes().forEach(axis -> axes.add(toYaml(axis)));
		map.put("axes", axes);
		map.put("data", new LinkedHashMap<>(Map.of("type", tensor.dataType().yamlName())));
		map.put("test_tensor", toYaml(tensor.testTensor()));
		if (tensor.sampleTensor() != null) {
			map.put("sample_tensor", toYaml(tensor.sampleTensor()));
		}
		List<Object> processing = new ArrayList<>();
		for (ProcessingStep step : steps) {
			Map<String, Object> stepMap = new LinkedHashMap<>();
			stepMap.put("id", step.id());
			if (!step.kwargs().isEmpty()) {
				stepMap.put("kwargs", mutableCopy(step.kwargs()));
			}
			processing.add(stepMap);
		}
		putIfNotEmpty(map, processingKey, processing);
		return map;
	}

	private static Map<String, Object> toYaml(Axis axis) {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("type", axis.type());
		if (axis instanceof Axis.Batch) {
			if (((Axis.Batch) axis).sizeFixedToOne()) {
				map.put("size", 1);
			}
		}
		else if (axis instanceof Axis.Channel) {
			map.put("id", axis.id());
			map.put("channel_names", new ArrayList<>(((Axis.Channel) axis).channelNames()));
		}
		else {
			Axis.Space space = (Axis.Space) axis;
			map.put("id", space.id());
			map.put("size", toYaml(space.size()));
			if (space.halo() != 0) {
				map.put("halo", space.halo());
			}
			if (space.scale() != 1.0) {
				map.put("scale", space.scale());
			}
			putIfPresent(map, "unit", space.unit());
		}
		putIfNotEmpty(map, "description", axis.description());
		return map;
	}

	private static Object toYaml(AxisSize size) {
		if (size instanceof AxisSize.Fixed) {
			return ((AxisSize.Fixed) size).size();
		}
		Map<String, Object> map = new LinkedHashMap<>();
		if (size instanceof AxisSize.Parameterized) {
			map.put("min", ((AxisSize.Parameterized) size).min());
			map.put("step", ((AxisSize.Parameterized) size).step());
			return map;
		}
		AxisSize.Reference reference = (AxisSize.Reference) size;
		map.put("tensor_id", reference.tensorId());
		map.put("axis_id", reference.axisId());
		if (reference.offset() != 0) {
			map.put("offset", reference.offset());
		}
		return map;
	}

	private static Map<String, Object> toYaml(Weights weights) {
		Map<String, Object> map = new LinkedHashMap<>();
		TensorflowWeights tensorflow = weights.tensorflowSavedModelBundle();
		if (tensorflow != null) {
			Map<String, Object> tf = toYaml(tensorflow.source());
			tf.put("tensorflow_version", tensorflow.tensorflowVersion());
			putWeightsCommon(tf, tensorflow.parent(), tensorflow.authors(), tensorflow.comment());
			if (tensorflow.dependencies() != null) {
				tf.put("dependencies", toYaml(tensorflow.dependencies()));
			}
			map.put(WeightsFormat.TENSORFLOW_SAVED_MODEL_BUNDLE.yamlName(), tf);
		}

		OnnxWeights onnx = weights.onnx();
		if (onnx != null) {
			Map<String, Object> onnxMap = toYaml(onnx.source());
			onnxMap.put("opset_version", onnx.opsetVersion());
			putWeightsCommon(onnxMap, onnx.parent(), onnx.authors(), onnx.comment());
			map.put(WeightsFormat.ONNX.yamlName(), onnxMap);
		}
		for (Map.Entry<String, Object> other : weights.otherFormats().entrySet()) {
			map.put(other.getKey(), mutableCopy(other.getValue()));
		}
		return map;
	}

	private static void putWeightsCommon(Map<String, Object> map, String parent,
		List<Author> authors, String comment)
	{
		putIfPresent(map, "parent", parent);
		if (!authors.isEmpty()) {
			List<Object> list = new ArrayList<>();
			authors.forEach(author -> list.add(toYaml(author)));
			map.put("authors", list);
		}
		putIfNotEmpty(map, "comment", comment);
	}

	private static Map<String, Object> configToYaml(ModelDescription model) {
		Map<String, Object> config = new LinkedHashMap<>();
		config.put("pumaseg", toYaml(model.pumaseg()));

		Map<String, Object> bioimageio = new LinkedHashMap<>();
		Object otherBioimageio = model.otherConfig().get("bioimageio");
		if (otherBioimageio instanceof Map) {
			@SuppressWarnings("unchecked")
			Map<String, Object> copy = (Map<String, Object>) mutableCopy(otherBioimageio);
			bioimageio.putAll(copy);
		}
		if (!model.reproducibilityTolerances().isEmpty()) {
			List<Object> tolerances = new ArrayList<>();
			for (ReproducibilityTolerance tolerance : model.reproducibilityTolerances()) {
				Map<String, Object> map = new LinkedHashMap<>();
				map.put("relative_tolerance", tolerance.relativeTolerance());
				map.put("absolute_tolerance", tolerance.absoluteTolerance());
				map.put("mismatched_elements_per_million", tolerance
					.mismatchedElementsPerMillion());
				putIfNotEmpty(map, "output_ids", new ArrayList<>(tolerance.outputIds()));
				putIfNotEmpty(map, "weights_formats", new ArrayList<>(tolerance.weightsFormats()));
				tolerances.add(map);
			}
			bioimageio.put("reproducibility_tolerance", tolerances);
		}
		if (!bioimageio.isEmpty()) {
			config.put("bioimageio", bioimageio);
		}
		for (Map.Entry<String, Object> section : model.otherConfig().entrySet()) {
			if (!section.getKey().equals("bioimageio")) {
				config.put(section.getKey(), mutableCopy(section.getValue()));
			}
		}
		return config;
	}

	private static Map<String, Object> toYaml(PumaSegConfig config) {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("version", config.version());
		map.put("pixel_size_um", config.pixelSizeUm());
		List<Object> outputs = new ArrayList<>();
		for (OutputRole role : config.outputs()) {
			Map<String, Object> roleMap = new LinkedHashMap<>();
			roleMap.put("tensor_id", role.tensorId());
			putIfPresent(roleMap, "channel", role.channel());
			roleMap.put("meaning", role.meaning().yamlName());
			if (role.values() != null) {
				roleMap.put("values", role.values().yamlName());
			}
			outputs.add(roleMap);
		}
		map.put("outputs", outputs);
		putIfPresent(map, "nucleus_classes", classesToYaml(config.nucleusClasses()));
		putIfPresent(map, "tissue_classes", classesToYaml(config.tissueClasses()));
		if (!config.preprocessing().isEmpty()) {
			map.put("preprocessing", mutableCopy(config.preprocessing()));
		}
		return map;
	}

	private static Map<String, Object> classesToYaml(ClassSet classes) {
		if (classes == null) {
			return null;
		}
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("names", new ArrayList<>(classes.names()));
		map.put("colors", new ArrayList<>(classes.colors()));
		return map;
	}

	private static void putIfPresent(Map<String, Object> map, String key, Object value) {
		if (value != null) {
			map.put(key, value);
		}
	}

	private static void putIfNotEmpty(Map<String, Object> map, String key, String value) {
		if (value != null && !value.isEmpty()) {
			map.put(key, value);
		}
	}

	private static void putIfNotEmpty(Map<String, Object> map, String key, List<Object> value) {
		if (!value.isEmpty()) {
			map.put(key, value);
		}
	}

	/** Copies YAML values into mutable collections for SnakeYAML's representer. */
	private static Object mutableCopy(Object value) {
		if (value instanceof Map) {
			Map<String, Object> copy = new LinkedHashMap<>();
			((Map<?, ?>) value).forEach((key, item) -> copy.put(String.valueOf(key), mutableCopy(
				item)));
			return copy;
		}
		if (value instanceof List) {
			List<Object> copy = new ArrayList<>();
			((List<?>) value).forEach(item -> copy.add(mutableCopy(item)));
			return copy;
		}
		return value;
	}
}
