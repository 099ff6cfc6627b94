package org.pumaseg.model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.google.protobuf.CodedOutputStream;

/**
 * Writes small ONNX models by encoding the protobuf messages of {@code onnx.proto} (ModelProto,
 * GraphProto, NodeProto, TensorProto, ValueInfoProto) field by field, so that tests run ONNX
 * Runtime on models whose outputs are known exactly, without binary fixtures or Python.
 */
public final class TinyOnnxModels {

	/** Opset of the default domain that the models import. */
	public static final int OPSET = 13;

	private static final int IR_VERSION = 7;
	private static final int FLOAT = 1;
	private static final int ATTRIBUTE_INTS = 7;

	private TinyOnnxModels() {}

	/**
	 * Writes a stack of 2-D convolutions (zero padding that keeps the size, stride 1), each
	 * followed by its bias, with the graph input {@code inputName} and output
	 * {@code outputName}, and an optional sigmoid at the end.
	 *
	 * @param kernels per layer in TensorFlow layout {@code [height][width][in][out]} (odd
	 *          sizes), so that the same arrays build the equivalent SavedModel
	 * @param biases per layer one value per output channel, or null for no bias
	 * @param channelsFirst true for input and output (batch, channel, y, x), false for (batch,
	 *          y, x, channel)
	 * @param batch the fixed batch length of input and output, or -1 for a named, free one
	 * @param opset the default-domain opset to declare
	 */
	public static Path convolutions(Path file, List<float[][][][]> kernels, List<float[]> biases,
		boolean sigmoid, boolean channelsFirst, String inputName, String outputName, long batch,
		int opset) throws IOException
	{
		List<byte[]> nodes = new ArrayList<>();
		List<byte[]> initializers = new ArrayList<>();
		String current = inputName;
		if (!channelsFirst) {
			nodes.add(transpose(current, "to_nchw", new long[] { 0, 3, 1, 2 }));
			current = "to_nchw";
		}
		for (int layer = 0; layer < kernels.size(); layer++) {
			float[][][][] kernel = kernels.get(layer);
			String weightName = "weight" + layer;
			initializers.add(tensor(weightName, onnxKernel(kernel), kernel[0][0][0].length,
				kernel[0][0].length, kernel.length, kernel[0].length));
			List<String> inputs = new ArrayList<>(List.of(current, weightName));
			if (biases != null) {
				String biasName = "bias" + layer;
				initializers.add(tensor(biasName, biases.get(layer), biases.get(layer).length));
				inputs.add(biasName);
			}
			String output = "conv" + layer;
			long pad = kernel.length / 2;
			nodes.add(node("Conv", inputs, output, ints("kernel_shape", kernel.length,
				kernel[0].length), ints("pads", pad, pad, pad, pad), ints("strides", 1, 1)));
			current = output;
		}
		if (sigmoid) {
			nodes.add(node("Sigmoid", List.of(current), "sigmoid"));
			current = "sigmoid";
		}
		if (!channelsFirst) {
			nodes.add(transpose(current, "to_nhwc", new long[] { 0, 2, 3, 1 }));
			current = "to_nhwc";
		}
		nodes.add(node("Identity", List.of(current), outputName));

		int inChannels = kernels.get(0)[0][0].length;
		int outChannels = kernels.get(kernels.size() - 1)[0][0][0].length;
		byte[] input = valueInfo(inputName, dimensions(batch, inChannels, channelsFirst));
		byte[] output = valueInfo(outputName, dimensions(batch, outChannels, channelsFirst));
		Files.write(file, model(graph(nodes, initializers, input, output), opset));
		return file;
	}

	/** One convolution layer with bias, then a sigmoid, channels first, free batch. */
	public static Path convolutionWithBiasAndSigmoid(Path file, float[][][][] kernel,
		float[] bias) throws IOException
	{
		return convolutions(file, List.<float[][][][]>of(kernel), List.of(bias), true, true,
			RunnablePackages.INPUT, RunnablePackages.OUTPUT, -1, OPSET);
	}

	// --- layout ------------------------------------------------------------------------

	/** Converts a kernel {@code [h][w][in][out]} to ONNX's row-major {@code [out][in][h][w]}. */
	private static float[] onnxKernel(float[][][][] kernel) {
		int kh = kernel.length;
		int kw = kernel[0].length;
		int in = kernel[0][0].length;
		int out = kernel[0][0][0].length;
		float[] values = new float[out * in * kh * kw];
		int i = 0;
		for (int o = 0; o < out; o++) {
			for (int c = 0; c < in; c++) {
				for (int y = 0; y < kh; y++) {
					for (int x = 0; x < kw; x++) {
						values[i++] = kernel[y][x][c][o];
					}
				}
			}
		}
		return values;
	}

	/** Dimensions of an image tensor: batch, channels and free height and width ("h", "w"). */
	private static Object[] dimensions(long batch, int channels, boolean channelsFirst) {
		Object batchDimension = batch < 0 ? "batch" : (Object) batch;
		return channelsFirst ? new Object[] { batchDimension, (long) channels, "h", "w" }
			: new Object[] { batchDimension, "h", "w", (long) channels };
	}

	// --- messages ----------------------------------------------------------------------

	/** Encodes a ModelProto: ir_version 1, producer_name 2, graph 7, opset_import 8. */
	static byte[] model(byte[] graph, int opset) throws IOException {
		return message(out -> {
			out.writeInt64(1, IR_VERSION);
			out.writeString(2, "pumaseg-test");
			out.writeByteArray(7, graph);
			out.writeByteArray(8, message(opsetOut -> {
				opsetOut.writeString(1, "");
				opsetOut.writeInt64(2, opset);
			}));
		});
	}

	/** Encodes a GraphProto: node 1, name 2, initializer 5, input 11, output 12. */
	static byte[] graph(List<byte[]> nodes, List<byte[]> initializers, byte[] input,
		byte[] output) throws IOException
	{
		return message(out -> {
			for (byte[] node : nodes) {
				out.writeByteArray(1, node);
			}
			out.writeString(2, "tiny");
			for (byte[] initializer : initializers) {
				out.writeByteArray(5, initializer);
			}
			out.writeByteArray(11, input);
			out.writeByteArray(12, output);
		});
	}

	/** Encodes a NodeProto: input 1, output 2, name 3, op_type 4, attribute 5. */
	static byte[] node(String opType, List<String> inputs, String output, byte[]... attributes)
		throws IOException
	{
		return message(out -> {
			for (String input : inputs) {
				out.writeString(1, input);
			}
			out.writeString(2, output);
			out.writeString(3, output + "_node");
			out.writeString(4, opType);
			for (byte[] attribute : attributes) {
				out.writeByteArray(5, attribute);
			}
		});
	}

	private static byte[] transpose(String input, String output, long[] permutation)
		throws IOException
	{
		return node("Transpose", List.of(input), output, ints("perm", permutation));
	}

	/** Encodes an AttributeProto of type INTS: name 1, ints 8 (one field per value), type 20. */
	static byte[] ints(String name, long... values) throws IOException {
		return message(out -> {
			out.writeString(1, name);
			for (long value : values) {
				out.writeInt64(8, value);
			}
			out.writeEnum(20, ATTRIBUTE_INTS);
		});
	}

	/**
	 * Encodes a float TensorProto: dims 1, data_type 2, name 8, raw_data 9 (little-endian
	 * IEEE 754, as onnx.proto requires).
	 */
	static byte[] tensor(String name, float[] values, long... dims) throws IOException {
		ByteBuffer raw = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
		for (float value : values) {
			raw.putFloat(value);
		}
		return message(out -> {
			for (long dim : dims) {
				out.writeInt64(1, dim);
			}
			out.writeInt32(2, FLOAT);
			out.writeString(8, name);
			out.writeByteArray(9, raw.array());
		});
	}

	/**
	 * Encodes a float ValueInfoProto (name 1, type 2): TypeProto.tensor_type 1 with elem_type 1
	 * and shape 2, whose Dimension entries (dim 1) carry dim_value 1 (a Long) or dim_param 2 (a
	 * String).
	 */
	static byte[] valueInfo(String name, Object... dimensions) throws IOException {
		byte[] shape = message(out -> {
			for (Object dimension : dimensions) {
				out.writeByteArray(1, message(dimensionOut -> {
					if (dimension instanceof Long length) {
						dimensionOut.writeInt64(1, length);
					}
					else {
						dimensionOut.writeString(2, (String) dimension);
					}
				}));
			}
		});
		byte[] tensorType = message(out -> {
			out.writeInt32(1, FLOAT);
			out.writeByteArray(2, shape);
		});
		byte[] type = message(out -> out.writeByteArray(1, tensorType));
		return message(out -> {
			out.writeString(1, name);
			out.writeByteArray(2, type);
		});
	}

	private interface Fields {
		void write(CodedOutputStream out) throws IOException;
	}

	private static byte[] message(Fields fields) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		CodedOutputStream out = CodedOutputStream.newInstance(bytes);
		fields.write(out);
		out.flush();
		return bytes.toByteArray();
	}
}
