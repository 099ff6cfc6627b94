package org.pumaseg.model;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;

/**
 * The parts of an ONNX file that PumaSeg checks before ONNX Runtime loads it: the IR version,
 * the opset of the default ({@code ai.onnx}) domain, the graph's inputs and outputs with their element types
 * and dimensions, and whether any initializer keeps its data in an external file.
 * <p>
 * The file is read as a stream of protobuf fields (field numbers of {@code onnx.proto}); tensor
 * data is skipped, so memory stays small whatever the size of the weights.
 *
 * @param irVersion {@code ModelProto.ir_version}
 * @param opsetVersion version of the default-domain opset, or 0 when the file imports none
 * @param inputs graph inputs that are not initializers, in graph order
 * @param outputs graph outputs, in graph order
 * @param externalDataTensors initializers whose data lives in a file next to the model
 */
public record OnnxModelInfo(long irVersion, long opsetVersion, List<ValueInfo> inputs,
	List<ValueInfo> outputs, List<String> externalDataTensors)
{

	/** {@code TensorProto.DataType} codes that PumaSeg exchanges with a model. */
	public static final int FLOAT = 1;
	public static final int UINT8 = 2;

	/**
	 * A graph input or output.
	 *
	 * @param elementType {@code TensorProto.DataType} code, 0 when the file does not state it
	 * @param dimensions one entry per dimension: its fixed length, or -1 for a named or unknown
	 *          length; null when the file states no shape
	 */
	public record ValueInfo(String name, int elementType, List<Long> dimensions) {

		/** Returns true if the file states the rank of this value. */
		public boolean hasShape() {
			return dimensions != null;
		}
	}

	/** The file is not an ONNX model: not protobuf, truncated, or lacking required fields. */
	public static final class MalformedOnnxException extends Exception {

		private static final long serialVersionUID = 1L;

		MalformedOnnxException(String message) {
			super(message);
		}
	}

	// ModelProto
	private static final int MODEL_IR_VERSION = 1;
	private static final int MODEL_GRAPH = 7;
	private static final int MODEL_OPSET_IMPORT = 8;
	// OperatorSetIdProto
	private static final int OPSET_DOMAIN = 1;
	private static final int OPSET_VERSION = 2;
	// GraphProto
	private static final int GRAPH_INITIALIZER = 5;
	private static final int GRAPH_INPUT = 11;
	private static final int GRAPH_OUTPUT = 12;
	// TensorProto
	private static final int TENSOR_NAME = 8;
	private static final int TENSOR_EXTERNAL_DATA = 13;
	private static final int TENSOR_DATA_LOCATION = 14;
	private static final int DATA_LOCATION_EXTERNAL = 1;
	// ValueInfoProto, TypeProto, TypeProto.Tensor, TensorShapeProto, Dimension
	private static final int VALUE_NAME = 1;
	private static final int VALUE_TYPE = 2;
	private static final int TYPE_TENSOR = 1;
	private static final int TENSOR_TYPE_ELEMENT = 1;
	private static final int TENSOR_TYPE_SHAPE = 2;
	private static final int SHAPE_DIMENSION = 1;
	private static final int DIMENSION_VALUE = 1;

	public OnnxModelInfo {
		inputs = List.copyOf(inputs);
		outputs = List.copyOf(outputs);
		externalDataTensors = List.copyOf(externalDataTensors);
	}

	/**
	 * Reads the model description from an ONNX file.
	 *
	 * @throws MalformedOnnxException when the file is not a complete ONNX model
	 * @throws IOException when the file cannot be read
	 */
	public static OnnxModelInfo read(Path file) throws IOException, MalformedOnnxException {
		try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
			CodedInputStream stream = CodedInputStream.newInstance(in);
			// Allows the protobuf maximum of 2 GiB for one message, whatever the default limit of
			// the protobuf-java release on the class path.
			stream.setSizeLimit(Integer.MAX_VALUE);
			return readModel(stream);
		}
		catch (com.google.protobuf.InvalidProtocolBufferException e) {
			throw new MalformedOnnxException("it is not a valid protobuf message (" + e
				.getMessage() + ")");
		}
	}

	private static OnnxModelInfo readModel(CodedInputStream in) throws IOException,
		MalformedOnnxException
	{
		long irVersion = -1;
		long opsetVersion = 0;
		boolean anyOpset = false;
		Graph graph = null;
		while (true) {
			int tag = in.readTag();
			if (tag == 0) {
				break;
			}
			int field = WireFormat.getTagFieldNumber(tag);
			int wireType = WireFormat.getTagWireType(tag);
			if (field == MODEL_IR_VERSION && wireType == WireFormat.WIRETYPE_VARINT) {
				irVersion = in.readInt64();
			}
			else if (field == MODEL_OPSET_IMPORT && wireType == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
				anyOpset = true;
				long version = readDefaultOpset(in);
				opsetVersion = Math.max(opsetVersion, version);
			}
			else if (field == MODEL_GRAPH && wireType == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
				int limit = in.pushLimit(in.readRawVarint32());
				graph = readGraph(in);
				in.popLimit(limit);
			}
			else if (!in.skipField(tag)) {
				break;
			}
		}
		if (irVersion < 1 || graph == null || !anyOpset) {
			throw new MalformedOnnxException("it lacks " + (irVersion < 1 ? "the IR version"
				: graph == null ? "the graph" : "the opset import") + " that every ONNX model has");
		}
		List<ValueInfo> inputs = new ArrayList<>();
		for (ValueInfo input : graph.inputs) {
			if (!graph.initializers.contains(input.name())) {
				inputs.add(input);
			}
		}
		return new OnnxModelInfo(irVersion, opsetVersion, inputs, graph.outputs,
			graph.externalData);
	}

	/** Returns the version of an opset import of the default domain, or 0 for other domains. */
	private static long readDefaultOpset(CodedInputStream in) throws IOException {
		int limit = in.pushLimit(in.readRawVarint32());
		String domain = "";
		long version = 0;
		while (true) {
			int tag = in.readTag();
			if (tag == 0) {
				break;
			}
			int field = WireFormat.getTagFieldNumber(tag);
			if (field == OPSET_DOMAIN && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
				domain = in.readStringRequireUtf8();
			}
			else if (field == OPSET_VERSION && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_VARINT) {
				version = in.readInt64();
			}
			else if (!in.skipField(tag)) {
				break;
			}
		}
		in.popLimit(limit);
		return domain.isEmpty() || domain.equals("ai.onnx") ? version : 0;
	}

	private static final class Graph {
		final List<ValueInfo> inputs = new ArrayList<>();
		final List<ValueInfo> outputs = new ArrayList<>();
		final Set<String> initializers = new HashSet<>();
		final List<String> externalData = new ArrayList<>();
	}

	private static Graph readGraph(CodedInputStream in) throws IOException {
		Graph graph = new Graph();
		while (true) {
			int tag = in.readTag();
			if (tag == 0) {
				break;
			}
			int field = WireFormat.getTagFieldNumber(tag);
			boolean message = WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED;
			if (message && (field == GRAPH_INPUT || field == GRAPH_OUTPUT)) {
				int limit = in.pushLimit(in.readRawVarint32());
				ValueInfo value = readValueInfo(in);
				in.popLimit(limit);
				(field == GRAPH_INPUT ? graph.inputs : graph.outputs).add(value);
			}
			else if (message && field == GRAPH_INITIALIZER) {
				int limit = in.pushLimit(in.readRawVarint32());
				readInitializer(in, graph);
				in.popLimit(limit);
			}
			else if (!in.skipField(tag)) {
				break;
			}
		}
		return graph;
	}

	/** Records the initializer's name and whether its data is external; skips the data. */
	private static void readInitializer(CodedInputStream in, Graph graph) throws IOException {
		String name = "";
		boolean external = false;
		while (true) {
			int tag = in.readTag();
			if (tag == 0) {
				break;
			}
			int field = WireFormat.getTagFieldNumber(tag);
			int wireType = WireFormat.getTagWireType(tag);
			if (field == TENSOR_NAME && wireType == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
				name = in.readStringRequireUtf8();
			}
			else if (field == TENSOR_EXTERNAL_DATA && wireType == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
				external = true;
				in.skipField(tag);
			}
			else if (field == TENSOR_DATA_LOCATION && wireType == WireFormat.WIRETYPE_VARINT) {
				external |= in.readEnum() == DATA_LOCATION_EXTERNAL;
			}
			else if (!in.skipField(tag)) {
				break;
			}
		}
		graph.initializers.add(name);
		if (external) {
			graph.externalData.add(name);
		}
	}

	private static ValueInfo readValueInfo(CodedInputStream in) throws IOException {
		String name = "";
		int[] elementType = {0};
		List<Long> dimensions = null;
		while (true) {
			int tag = in.readTag();
			if (tag == 0) {
				break;
			}
			int field = WireFormat.getTagFieldNumber(tag);
			boolean message = WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED;
			if (message && field == VALUE_NAME) {
				name = in.readStringRequireUtf8();
			}
			else if (message && field == VALUE_TYPE) {
				int limit = in.pushLimit(in.readRawVarint32());
				dimensions = readType(in, elementType);
				in.popLimit(limit);
			}
			else if (!in.skipField(tag)) {
				break;
			}
		}
		return new ValueInfo(name, elementType[0], dimensions);
	}

	/** Reads a TypeProto; stores the tensor element type and returns the dimensions or null. */
	private static List<Long> readType(CodedInputStream in, int[] elementType) throws IOException {
		List<Long> dimensions = null;
		while (true) {
			int tag = in.readTag();
			if (tag == 0) {
				break;
			}
			if (WireFormat.getTagFieldNumber(tag) == TYPE_TENSOR && WireFormat.getTagWireType(
				tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED)
			{
				int limit = in.pushLimit(in.readRawVarint32());
				dimensions = readTensorType(in, elementType);
				in.popLimit(limit);
			}
			else if (!in.skipField(tag)) {
				break;
			}
		}
		return dimensions;
	}

	private static List<Long> readTensorType(CodedInputStream in, int[] elementType)
		throws IOException
	{
		List<Long> dimensions = null;
		while (true) {
			int tag = in.readTag();
			if (tag == 0) {
				break;
			}
			int field = WireFormat.getTagFieldNumber(tag);
			int wireType = WireFormat.getTagWireType(tag);
			if (field == TENSOR_TYPE_ELEMENT && wireType == WireFormat.WIRETYPE_VARINT) {
				elementType[0] = in.readInt32();
			}
			else if (field == TENSOR_TYPE_SHAPE && wireType == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
				int limit = in.pushLimit(in.readRawVarint32());
				dimensions = readShape(in);
				in.popLimit(limit);
			}
			else if (!in.skipField(tag)) {
				break;
			}
		}
		return dimensions;
	}

	private static List<Long> readShape(CodedInputStream in) throws IOException {
		List<Long> dimensions = new ArrayList<>();
		while (true) {
			int tag = in.readTag();
			if (tag == 0) {
				break;
			}
			if (WireFormat.getTagFieldNumber(tag) == SHAPE_DIMENSION && WireFormat.getTagWireType(
				tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED)
			{
				int limit = in.pushLimit(in.readRawVarint32());
				dimensions.add(readDimension(in));
				in.popLimit(limit);
			}
			else if (!in.skipField(tag)) {
				break;
			}
		}
		return dimensions;
	}

	/** Returns the fixed length of a dimension, or -1 when it is named or not stated. */
	private static long readDimension(CodedInputStream in) throws IOException {
		long length = -1;
		while (true) {
			int tag = in.readTag();
			if (tag == 0) {
				break;
			}
			if (WireFormat.getTagFieldNumber(tag) == DIMENSION_VALUE && WireFormat.getTagWireType(
				tag) == WireFormat.WIRETYPE_VARINT)
			{
				length = in.readInt64();
			}
			else if (!in.skipField(tag)) {
				break;
			}
		}
		return length;
	}
}
