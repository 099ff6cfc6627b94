package org.pumaseg.model;

import java.util.List;
import java.util.Objects;

/**
 * {@code weights.onnx}: an ONNX file inside the package, run by ONNX Runtime.
 *
 * @param opsetVersion the ONNX opset the file uses (at least 7)
 */
public record OnnxWeights(FileRef source, int opsetVersion, String parent, List<Author> authors,
	String comment)
{

	public OnnxWeights {
		Objects.requireNonNull(source, "source");
		authors = authors == null ? List.of() : List.copyOf(authors);
		comment = comment == null ? "" : comment;
	}
}
