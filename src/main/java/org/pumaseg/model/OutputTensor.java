package org.pumaseg.model;

import java.util.List;
import java.util.Objects;

/**
 * A model output as described in rdf.yaml, with its postprocessing steps. The halo of each
 * spatial axis is in {@link Axis.Space#halo()}.
 */
public record OutputTensor(String id, String description, List<Axis> axes, DataType dataType,
	FileRef testTensor, FileRef sampleTensor, List<ProcessingStep> postprocessing)
	implements TensorDescription
{

	public OutputTensor {
		Objects.requireNonNull(id, "id");
		description = description == null ? "" : description;
		axes = List.copyOf(axes);
		Objects.requireNonNull(dataType, "dataType");
		Objects.requireNonNull(testTensor, "testTensor");
		postprocessing = postprocessing == null ? List.of() : List.copyOf(postprocessing);
	}

	/** The halo of the spatial axis {@code axisId}, 0 when it has none. */
	public int halo(String axisId) {
		return axis(axisId).filter(Axis.Space.class::isInstance).map(axis -> ((Axis.Space) axis)
			.halo()).orElse(0);
	}
}
