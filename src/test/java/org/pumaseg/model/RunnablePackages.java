package org.pumaseg.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes model packages around SavedModels from {@link TinySavedModels} and ONNX files from
 * {@link TinyOnnxModels}: one RGB input
 * {@code image} and one output {@code maps} of the input's size, described as tissue class
 * probabilities so that the package passes every PumaSeg check.
 *
 * @param channelsFirst axes (batch, channel, y, x) when true, (batch, y, x, channel) otherwise
 * @param min smallest tile length; valid lengths are {@code min + n * step}
 * @param halo halo of the output's y and x axes
 * @param outputChannels channels of {@code maps}, 1 to 7
 * @param preprocessing bioimage.io steps of the input
 * @param pixelSizeUm the model's pixel size
 */
public record RunnablePackages(boolean channelsFirst, int min, int step, int halo,
	int outputChannels, List<ProcessingStep> preprocessing, double pixelSizeUm)
{

	public static final String INPUT = "image";
	public static final String OUTPUT = "maps";

	public static final String SAVED_MODEL = "tf_saved_model";
	public static final String ONNX_FILE = "model.onnx";

	/** A model description for a SavedModel folder named {@code tf_saved_model}. */
	public ModelDescription description() {
		return description(Weights.of(TensorflowWeights.of(SAVED_MODEL, "2.10.1")));
	}

	/** Weights entries for a SavedModel, an ONNX file, or both (a null path leaves one out). */
	public static Weights weights(Path savedModel, Path onnxFile) {
		TensorflowWeights tensorflow = savedModel == null ? null : TensorflowWeights.of(SAVED_MODEL,
			"2.10.1");
		OnnxWeights onnx = onnxFile == null ? null : new OnnxWeights(FileRef.of(ONNX_FILE),
			TinyOnnxModels.OPSET, null, List.of(), "");
		return new Weights(tensorflow, onnx, Map.of());
	}

	/** Creates the model description with the given weights. */
	public ModelDescription description(Weights weights) {
		Axis.Channel rgb = new Axis.Channel("channel", "", List.of("red", "green", "blue"));
		Axis.Space y = new Axis.Space("y", "", new AxisSize.Parameterized(min, step), 0,
			pixelSizeUm, "micrometer");
		Axis.Space x = new Axis.Space("x", "", new AxisSize.Parameterized(min, step), 0,
			pixelSizeUm, "micrometer");
		List<Axis> inputAxes = channelsFirst ? List.of(new Axis.Batch("", false), rgb, y, x)
			: List.of(new Axis.Batch("", false), y, x, rgb);
		InputTensor input = new InputTensor(INPUT, "RGB image", inputAxes, DataType.FLOAT32,
			FileRef.of("test_input.npy"), null, preprocessing);

		List<String> names = new ArrayList<>(List.of(PumaClassNames.BACKGROUND));
		names.addAll(PumaClassNames.TISSUE);
		names.add(PumaClassNames.TISSUE_WHITE_BACKGROUND);
		names = names.subList(0, outputChannels);
		List<String> channelNames = new ArrayList<>();
		List<String> colors = new ArrayList<>();
		for (int c = 0; c < outputChannels; c++) {
			channelNames.add("c" + c);
			colors.add(String.format("#%02x0000", 30 * c));
		}
		Axis.Channel channels = new Axis.Channel("channel", "", channelNames);
		Axis.Space outY = new Axis.Space("y", "", new AxisSize.Reference(INPUT, "y", 0), halo,
			pixelSizeUm, "micrometer");
		Axis.Space outX = new Axis.Space("x", "", new AxisSize.Reference(INPUT, "x", 0), halo,
			pixelSizeUm, "micrometer");
		List<Axis> outputAxes = channelsFirst ? List.of(new Axis.Batch("", false), channels, outY,
			outX) : List.of(new Axis.Batch("", false), outY, outX, channels);
		OutputTensor output = new OutputTensor(OUTPUT, "maps", outputAxes, DataType.FLOAT32,
			FileRef.of("test_output.npy"), null, List.of());

		PumaSegConfig pumaseg = new PumaSegConfig(PumaSegConfig.VERSION, pixelSizeUm, List.of(
			new OutputRole(OUTPUT, null, OutputMeaning.TISSUE_CLASS_PROBABILITIES,
				OutputValues.PROBABILITY)), null, new ClassSet(names, colors));
		return new ModelDescription(ModelDescription.FORMAT_VERSION, "tiny test model",
			"A SavedModel built in a test.", List.of(new Author("Ada Tester", null, null, null,
				null)), "CC-BY-4.0", null, List.of(), List.of(), List.of(input), List.of(output),
			weights, List.of(), List.of(),
			pumaseg, Map.of(), Map.of());
	}

	/** Writes the package with the given test tensors (shapes in this package's axis order). */
	public ModelPackage write(Path folder, Path cache, Path savedModel, NpyArray testInput,
		NpyArray testOutput)
	{
		PackageContents contents = new PackageContents().copy("tf_saved_model", savedModel).npy(
			"test_input.npy", testInput).npy("test_output.npy", testOutput);
		return ModelPackageWriter.write(description(), contents, folder, cache);
	}

	/**
	 * Writes the package with a SavedModel, an ONNX file or both (null leaves one out) and the
	 * given test tensors.
	 */
	public ModelPackage write(Path folder, Path cache, Path savedModel, Path onnxFile,
		NpyArray testInput, NpyArray testOutput)
	{
		PackageContents contents = new PackageContents().npy("test_input.npy", testInput).npy(
			"test_output.npy", testOutput);
		if (savedModel != null) {
			contents.copy(SAVED_MODEL, savedModel);
		}
		if (onnxFile != null) {
			contents.copy(ONNX_FILE, onnxFile);
		}
		return ModelPackageWriter.write(description(weights(savedModel, onnxFile)), contents,
			folder, cache);
	}

	/** Packs one tile {@code planes[c][y * width + x]} into this package's input or output order. */
	public NpyArray tensor(float[][] planes, int height, int width, boolean output) {
		TensorDescription tensor = output ? description().outputs().get(0) : description().inputs()
			.get(0);
		TensorLayout layout = new TensorLayout(tensor);
		long[] shape = layout.shape(1, planes.length, height, width);
		int[] intShape = new int[shape.length];
		for (int i = 0; i < shape.length; i++) {
			intShape[i] = (int) shape[i];
		}
		return NpyArray.ofFloat32(layout.toTensor(new float[][][] { planes }, height, width),
			intShape);
	}
}
