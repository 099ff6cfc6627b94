package org.pumaseg.model;

import java.util.List;
import java.util.Objects;

/**
 * {@code weights.tensorflow_saved_model_bundle}: a SavedModel folder inside the package, or a
 * zip of one (the form the bioimage.io model zoo publishes).
 *
 * @param source the folder or .zip, relative to the package root
 * @param tensorflowVersion TensorFlow version that wrote the SavedModel, e.g. {@code 2.10}
 * @param parent the weights format these weights were converted from, or null
 * @param authors who trained or converted the weights; may be empty
 * @param comment free text, may be empty
 * @param dependencies a conda environment file, or null
 */
public record TensorflowWeights(FileRef source, String tensorflowVersion, String parent,
	List<Author> authors, String comment, FileRef dependencies)
{

	public TensorflowWeights {
		Objects.requireNonNull(source, "source");
		Objects.requireNonNull(tensorflowVersion, "tensorflowVersion");
		authors = authors == null ? List.of() : List.copyOf(authors);
		comment = comment == null ? "" : comment;
	}

	public static TensorflowWeights of(String source, String tensorflowVersion) {
		return new TensorflowWeights(FileRef.of(source), tensorflowVersion, null, List.of(), "",
			null);
	}
}
