package org.pumaseg.model;

import java.util.List;
import java.util.Objects;

/** A model input as described in rdf.yaml, with its preprocessing steps. */
public record InputTensor(String id, String description, List<Axis> axes, DataType dataType,
	FileRef testTensor, FileRef sampleTensor, List<ProcessingStep> preprocessing)
	implements TensorDescription
{

	public InputTensor {
		Objects.requireNonNull(id, "id");
		description = description == null ? "" : description;
		axes = List.copyOf(axes);
		Objects.requireNonNull(dataType, "dataType");
		Objects.requireNonNull(testTensor, "testTensor");
		preprocessing = preprocessing == null ? List.of() : List.copyOf(preprocessing);
	}
}
