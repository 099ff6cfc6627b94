package org.pumaseg.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A model package's rdf.yaml: a bioimage.io model resource description, format 0.5, with the
 * PumaSeg section {@code config.pumaseg}. {@link RdfYaml} reads and writes it; the reader
 * has validated every record it returns.
 * <p>
 * Fields PumaSeg does not use (e.g. {@code cite}, {@code maintainers}, {@code timestamp},
 * config sections of other tools) are kept as YAML values in {@link #otherFields()} and
 * {@link #otherConfig()} so that a package read and written again keeps them.
 *
 * @param formatVersion {@code 0.5.x}
 * @param documentation a Markdown file (the model card) or URL, or null
 * @param covers cover images (paths or URLs)
 * @param attachments further files of the package
 * @param reproducibilityTolerances from {@code config.bioimageio.reproducibility_tolerance}
 * @param otherConfig config sections besides {@code pumaseg}; a {@code bioimageio} section
 *          here holds its keys other than {@code reproducibility_tolerance}
 * @param otherFields top-level fields of the bioimage.io format that have no record component
 */
public record ModelDescription(String formatVersion, String name, String description,
	List<Author> authors, String license, String documentation, List<String> covers,
	List<String> tags, List<InputTensor> inputs, List<OutputTensor> outputs, Weights weights,
	List<FileRef> attachments, List<ReproducibilityTolerance> reproducibilityTolerances,
	PumaSegConfig pumaseg, Map<String, Object> otherConfig, Map<String, Object> otherFields)
{

	/** The format version PumaSeg writes. */
	public static final String FORMAT_VERSION = "0.5.5";

	public ModelDescription {
		Objects.requireNonNull(formatVersion, "formatVersion");
		Objects.requireNonNull(name, "name");
		description = description == null ? "" : description;
		authors = List.copyOf(authors);
		Objects.requireNonNull(license, "license");
		covers = covers == null ? List.of() : List.copyOf(covers);
		tags = tags == null ? List.of() : List.copyOf(tags);
		inputs = List.copyOf(inputs);
		outputs = List.copyOf(outputs);
		Objects.requireNonNull(weights, "weights");
		attachments = attachments == null ? List.of() : List.copyOf(attachments);
		reproducibilityTolerances = reproducibilityTolerances == null ? List.of() : List.copyOf(
			reproducibilityTolerances);
		Objects.requireNonNull(pumaseg, "pumaseg");
		otherConfig = YamlValues.immutableMap(otherConfig);
		otherFields = YamlValues.immutableMap(otherFields);
	}

	/** The input or output with this id. */
	public java.util.Optional<TensorDescription> tensor(String tensorId) {
		return java.util.stream.Stream.concat(inputs.stream(), outputs.stream()).map(
			TensorDescription.class::cast).filter(tensor -> tensor.id().equals(tensorId))
			.findFirst();
	}

	/** The tolerance for comparing output {@code outputId} with its test tensor. */
	public ReproducibilityTolerance tolerance(String outputId, WeightsFormat format) {
		return ReproducibilityTolerance.select(reproducibilityTolerances, outputId, format);
	}
}
