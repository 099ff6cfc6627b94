package org.pumaseg.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the ONNX file of a package against its rdf.yaml before ONNX Runtime loads it: a plain
 * file inside the package (not a link), at most {@link #MAX_BYTES}, a readable ONNX model with
 * default-domain opset 7 or later, no tensor data in external files, one graph input named as
 * the rdf.yaml input, every rdf.yaml output among the graph outputs, equal ranks, and fixed
 * dimensions that agree with the axes.
 */
final class OnnxFileCheck {

	/** Largest ONNX file: protobuf cannot parse a single message of 2 GiB or more. */
	static final long MAX_BYTES = Integer.MAX_VALUE;

	static final int MIN_OPSET = 7;

	private static final Logger LOG = LoggerFactory.getLogger(OnnxFileCheck.class);

	private final ModelDescription description;
	private final PackageErrors errors;
	private final String source;

	OnnxFileCheck(ModelDescription description, PackageErrors errors) {
		this.description = description;
		this.errors = errors;
		this.source = description.weights().onnx().source().source();
	}

	/** Checks the file at {@code root/source} and returns what it contains. */
	OnnxModelInfo check(Path root) {
		Path file = root.resolve(source);
		if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
			throw errors.file(source, "is named in weights.onnx.source but is not a plain file " +
				"of the package (a link or a folder)", "put the ONNX file itself into the package.");
		}
		OnnxModelInfo info = read(file);
		if (info.opsetVersion() < MIN_OPSET) {
			throw errors.file(source, "uses ONNX opset " + info.opsetVersion() + ", but ONNX " +
				"Runtime and the bioimage.io format need opset " + MIN_OPSET + " or later",
				"export the model again with a newer opset (for example 17).");
		}
		int declared = description.weights().onnx().opsetVersion();
		if (declared != info.opsetVersion()) {
			// The file's own opset import is what ONNX Runtime uses, so a wrong declaration only
			// misleads readers of rdf.yaml.
			LOG.warn("Model package '{}': weights.onnx.opset_version is {}, but {} imports opset " +
				"{}. Correct opset_version in rdf.yaml.", errors.packageName(), declared, source,
				info.opsetVersion());
		}
		if (!info.externalDataTensors().isEmpty()) {
			throw errors.file(source, "keeps the data of " + info.externalDataTensors().size() +
				" tensors (" + abbreviate(info.externalDataTensors()) + ") in external files, " +
				"which a package must not refer to", "export the model into one .onnx file " +
					"(no external data).");
		}
		checkInput(info);
		checkOutputs(info);
		return info;
	}

	private OnnxModelInfo read(Path file) {
		try {
			long size = Files.size(file);
			if (size > MAX_BYTES) {
				throw errors.file(source, "is " + size + " bytes, larger than the " + MAX_BYTES +
					" bytes an ONNX file can have", "export the model with smaller weights.");
			}
			return OnnxModelInfo.read(file);
		}
		catch (OnnxModelInfo.MalformedOnnxException e) {
			throw errors.file(source, "is not a valid ONNX model: " + e.getMessage(), "export " +
				"the model again to ONNX (for example with torch.onnx.export or tf2onnx) and " +
				"replace the file; a damaged download also gives this error.");
		}
		catch (IOException e) {
			throw errors.file(source, "cannot be read (" + e.getMessage() + ")",
				"check that the file is readable.");
		}
	}

	private void checkInput(OnnxModelInfo info) {
		InputTensor input = description.inputs().get(0);
		if (info.inputs().size() != 1) {
			throw errors.file(source, "has " + info.inputs().size() + " graph inputs " + names(info
				.inputs()) + ", but rdf.yaml declares one input '" + input.id() + "'",
				"export a model with one image input.");
		}
		OnnxModelInfo.ValueInfo graphInput = info.inputs().get(0);
		if (!graphInput.name().equals(input.id())) {
			throw errors.file(source, "has the graph input '" + graphInput.name() + "', but " +
				"rdf.yaml names the input '" + input.id() + "'", "rename inputs[0].id in rdf.yaml " +
					"to '" + graphInput.name() + "', or export the model with that input name.");
		}
		int expectedType = input.dataType() == DataType.UINT8 ? OnnxModelInfo.UINT8
			: OnnxModelInfo.FLOAT;
		if (input.dataType() != DataType.UINT8 && input.dataType() != DataType.FLOAT32) {
			throw errors.field("inputs[0].data", "is " + input.dataType().yamlName() + ", but " +
				"PumaSeg sends only float32 or uint8 input to ONNX models", "export the model " +
					"with a float32 input.");
		}
		if (graphInput.elementType() != 0 && graphInput.elementType() != expectedType) {
			throw errors.file(source, "takes input elements of ONNX type " + graphInput
				.elementType() + ", but rdf.yaml declares " + input.dataType().yamlName() +
				" (ONNX type " + expectedType + ")", "make inputs[0].data match the model.");
		}
		checkDimensions(graphInput, input, true);
	}

	private void checkOutputs(OnnxModelInfo info) {
		Map<String, OnnxModelInfo.ValueInfo> graphOutputs = info.outputs().stream().collect(
			Collectors.toMap(OnnxModelInfo.ValueInfo::name, value -> value, (a, b) -> a));
		for (OutputTensor output : description.outputs()) {
			OnnxModelInfo.ValueInfo graphOutput = graphOutputs.get(output.id());
			if (graphOutput == null) {
				throw errors.file(source, "has no graph output '" + output.id() + "' (its outputs " +
					"are " + names(info.outputs()) + ")", "name each output in rdf.yaml as the " +
						"ONNX graph names it.");
			}
			checkDimensions(graphOutput, output, false);
		}
	}

	/** Checks the rank, and each fixed ONNX dimension against the rdf.yaml axis. */
	private void checkDimensions(OnnxModelInfo.ValueInfo value, TensorDescription tensor,
		boolean input)
	{
		if (!value.hasShape()) {
			return; // The file states no shape; ONNX Runtime checks the shape when it runs.
		}
		List<Axis> axes = tensor.axes();
		if (value.dimensions().size() != axes.size()) {
			throw errors.file(source, "gives '" + value.name() + "' " + value.dimensions().size() +
				" dimensions, but rdf.yaml declares " + axes.size() + " axes " + axes.stream().map(
					Axis::id).toList(), "make the axes of '" + tensor.id() + "' match the model.");
		}
		for (int d = 0; d < axes.size(); d++) {
			long fixed = value.dimensions().get(d);
			Axis axis = axes.get(d);
			if (fixed < 0) {
				continue;
			}
			if (axis instanceof Axis.Batch) {
				if (fixed != 1) {
					throw errors.file(source, "fixes the batch dimension of '" + value.name() +
						"' at " + fixed + ", but PumaSeg sends 1 tile or a variable number", "export " +
							"the model with a dynamic batch dimension, or with batch 1.");
				}
			}
			else if (axis instanceof Axis.Channel channel) {
				if (fixed != channel.size()) {
					throw errors.file(source, "gives '" + value.name() + "' " + fixed + " channels, " +
						"but rdf.yaml names " + channel.size(), "list one channel name per channel " +
							"of the model.");
				}
			}
			else if (axis instanceof Axis.Space space && input && !(space.size() instanceof AxisSize.Fixed
				fixedSize && fixedSize.size() == fixed))
			{
				throw errors.file(source, "fixes axis '" + axis.id() + "' of '" + value.name() +
					"' at " + fixed + " px, but rdf.yaml declares " + describe(space.size()), "declare size " +
						fixed + " for that axis, or export the model with a dynamic " + axis.id() +
						" dimension.");
			}
		}
	}

	/** Returns true if the ONNX input fixes its batch dimension at 1. */
	static boolean fixesBatchToOne(OnnxModelInfo info, InputTensor input) {
		OnnxModelInfo.ValueInfo value = info.inputs().get(0);
		if (!value.hasShape()) {
			return false;
		}
		for (int d = 0; d < input.axes().size(); d++) {
			if (input.axes().get(d) instanceof Axis.Batch) {
				return value.dimensions().get(d) == 1;
			}
		}
		return false;
	}

	private static String describe(AxisSize size) {
		if (size instanceof AxisSize.Parameterized series) {
			return "sizes " + series.min() + " + n * " + series.step();
		}
		return size instanceof AxisSize.Fixed fixed ? "size " + fixed.size() : "a size that " +
			"refers to another axis";
	}

	private static String names(List<OnnxModelInfo.ValueInfo> values) {
		return values.stream().map(OnnxModelInfo.ValueInfo::name).toList().toString();
	}

	private static String abbreviate(List<String> names) {
		return names.size() <= 3 ? String.join(", ", names) : String.join(", ", names.subList(0,
			3)) + ", ...";
	}
}
