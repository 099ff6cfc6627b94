package org.pumaseg.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pumaseg.InvalidInputException;
import org.pumaseg.Progress;
import org.pumaseg.image.FloatImage;
import org.pumaseg.image.PixelSize;
import org.pumaseg.image.RgbImage;
import org.pumaseg.model.tiling.TileSources;
import org.pumaseg.model.tiling.TiledPredictor;
import org.pumaseg.model.tiling.TilingSettings;

/**
 * ONNX weights run through ONNX Runtime: exact results of a convolution with bias and sigmoid,
 * the same tiled output as the equivalent SavedModel, engine choice, and the checks of the ONNX
 * file when a package opens.
 */
class OnnxEngineTest {

	static {
		OfflineMode.enable();
	}

	private static final int SIZE = 16;
	private static final List<float[][][][]> KERNELS = List.of(TinySavedModels.randomKernel(3, 3,
		4, 11), TinySavedModels.randomKernel(3, 4, 2, 12));

	@TempDir
	Path folder;

	private static float[][] randomPlanes(long seed, int height, int width) {
		Random random = new Random(seed);
		float[][] planes = new float[3][height * width];
		for (float[] plane : planes) {
			for (int i = 0; i < plane.length; i++) {
				plane[i] = random.nextFloat();
			}
		}
		return planes;
	}

	private static RgbImage randomImage(long seed, int width, int height) {
		Random random = new Random(seed);
		int[] pixels = new int[width * height];
		for (int i = 0; i < pixels.length; i++) {
			pixels[i] = random.nextInt(1 << 24);
		}
		return RgbImage.wrap("random", pixels, width, height, PixelSize.calibrated(0.25, "test"));
	}

	private static RunnablePackages spec(boolean channelsFirst, int outputChannels) {
		return new RunnablePackages(channelsFirst, SIZE, 8, 2, outputChannels, List.of(
			new ProcessingStep("scale_linear", Map.of("gain", 1 / 255.0))), 0.25);
	}

	/** Zero test tensors; enough for packages that are not verified. */
	private static NpyArray[] zeroTensors(RunnablePackages spec, int outputChannels) {
		return new NpyArray[] { spec.tensor(new float[3][SIZE * SIZE], SIZE, SIZE, false), spec
			.tensor(new float[outputChannels][SIZE * SIZE], SIZE, SIZE, true) };
	}

	private Path onnxFile(String name, boolean channelsFirst, String inputName, long batch,
		int opset) throws IOException
	{
		return TinyOnnxModels.convolutions(folder.resolve(name + ".onnx"), KERNELS, null, false,
			channelsFirst, inputName, RunnablePackages.OUTPUT, batch, opset);
	}

	private ModelPackage onnxOnlyPackage(String name, Path onnx) {
		RunnablePackages spec = spec(true, 2);
		NpyArray[] tensors = zeroTensors(spec, 2);
		return spec.write(folder.resolve(name), folder.resolve("cache"), null, onnx, tensors[0],
			tensors[1]);
	}

	@Test
	void convolutionWithBiasAndSigmoidVerifies() throws IOException {
		float[][][][] kernel = TinySavedModels.randomKernel(3, 3, 2, 5);
		float[] bias = { 0.5f, -0.25f };
		Path onnx = TinyOnnxModels.convolutionWithBiasAndSigmoid(folder.resolve("sigmoid.onnx"),
			kernel, bias);
		float[][] input = randomPlanes(1, SIZE, SIZE);
		float[][] expected = ConvolutionReference.convolve(input, SIZE, SIZE, List.<float[][][][]>of(
			kernel));
		for (int c = 0; c < expected.length; c++) {
			for (int i = 0; i < expected[c].length; i++) {
				expected[c][i] = (float) (1 / (1 + Math.exp(-(expected[c][i] + bias[c]))));
			}
		}
		RunnablePackages spec = new RunnablePackages(true, SIZE, 8, 2, 2, List.of(), 0.25);
		ModelPackage written = spec.write(folder.resolve("sigmoid"), folder.resolve("cache"), null,
			onnx, spec.tensor(input, SIZE, SIZE, false), spec.tensor(expected, SIZE, SIZE, true));

		try (LoadedModel model = LoadedModel.load(written, 0)) {
			assertEquals(WeightsFormat.ONNX, model.weightsFormat());
			assertEquals("cpu()", model.device());
			model.verify();
		}
	}

	@Test
	void verifyRejectsWrongTestOutput() throws IOException {
		float[][][][] kernel = TinySavedModels.randomKernel(3, 3, 2, 5);
		Path onnx = TinyOnnxModels.convolutionWithBiasAndSigmoid(folder.resolve("sigmoid.onnx"),
			kernel, new float[] { 0, 0 });
		RunnablePackages spec = new RunnablePackages(true, SIZE, 8, 2, 2, List.of(), 0.25);
		float[][] input = randomPlanes(2, SIZE, SIZE);
		ModelPackage written = spec.write(folder.resolve("wrong"), folder.resolve("cache"), null,
			onnx, spec.tensor(input, SIZE, SIZE, false), spec.tensor(new float[2][SIZE * SIZE],
				SIZE, SIZE, true));

		try (LoadedModel model = LoadedModel.load(written, 0)) {
			InvalidInputException error = assertThrows(InvalidInputException.class, model::verify);
			assertTrue(error.getMessage().contains("does not match its test tensor"), error
				.getMessage());
			assertTrue(error.getMessage().contains("onnx weights"), error.getMessage());
		}
	}

	@ParameterizedTest(name = "channels first {0}")
	@ValueSource(booleans = { true, false })
	void tiledOutputMatchesSavedModel(boolean channelsFirst) throws IOException {
		RunnablePackages spec = spec(channelsFirst, 2);
		Path savedModel = TinySavedModels.convolutions(folder.resolve("saved"), KERNELS,
			channelsFirst);
		Path onnx = onnxFile("conv", channelsFirst, RunnablePackages.INPUT, -1,
			TinyOnnxModels.OPSET);
		NpyArray[] tensors = zeroTensors(spec, 2);
		ModelPackage both = spec.write(folder.resolve("both"), folder.resolve("cache"), savedModel,
			onnx, tensors[0], tensors[1]);
		RgbImage image = randomImage(3, 37, 53);
		TilingSettings settings = new TilingSettings(SIZE + 8, 8, -1);

		FloatImage tensorflow;
		try (LoadedModel model = LoadedModel.load(both, 0)) {
			assertEquals(WeightsFormat.TENSORFLOW_SAVED_MODEL_BUNDLE, model.weightsFormat());
			tensorflow = predict(model, settings, image);
		}
		FloatImage onnxResult;
		try (LoadedModel model = LoadedModel.load(both, 1, WeightsFormat.ONNX)) {
			assertEquals(WeightsFormat.ONNX, model.weightsFormat());
			assertTrue(model.takesBatches());
			onnxResult = predict(model, settings, image);
		}

		assertTrue(maxDifference(tensorflow, onnxResult) <= 1e-5f, "max difference " +
			maxDifference(tensorflow, onnxResult));
		assertTrue(maxAbsolute(tensorflow) > 0.01f, "the outputs are not all zero");
	}

	@Test
	void fixedBatchOfOneRunsTileByTile() throws IOException {
		RunnablePackages spec = spec(true, 2);
		Path savedModel = TinySavedModels.convolutions(folder.resolve("saved"), KERNELS, true);
		Path onnx = onnxFile("batch1", true, RunnablePackages.INPUT, 1, TinyOnnxModels.OPSET);
		NpyArray[] tensors = zeroTensors(spec, 2);
		ModelPackage both = spec.write(folder.resolve("both"), folder.resolve("cache"), savedModel,
			onnx, tensors[0], tensors[1]);
		RgbImage image = randomImage(4, 41, 30);
		TilingSettings settings = new TilingSettings(SIZE + 8, 8, -1);

		FloatImage tensorflow;
		try (LoadedModel model = LoadedModel.load(both, 0, WeightsFormat.TENSORFLOW_SAVED_MODEL_BUNDLE)) {
			tensorflow = predict(model, settings, image);
		}
		try (LoadedModel model = LoadedModel.load(both, 0, WeightsFormat.ONNX)) {
			assertFalse(model.takesBatches());
			FloatImage onnxResult = predict(model, settings, image);
			assertTrue(maxDifference(tensorflow, onnxResult) <= 1e-5f, "max difference " +
				maxDifference(tensorflow, onnxResult));
		}
	}

	@Test
	void fixedBatchAboveOneIsRejected() throws IOException {
		Path onnx = onnxFile("batch4", true, RunnablePackages.INPUT, 4, TinyOnnxModels.OPSET);
		InvalidInputException error = assertThrows(InvalidInputException.class,
			() -> onnxOnlyPackage("batch4", onnx));
		assertTrue(error.getMessage().contains("fixes the batch dimension"), error.getMessage());
		assertTrue(error.getMessage().contains("at 4"), error.getMessage());
		assertFalse(Files.exists(folder.resolve("batch4")));
	}

	@Test
	void engineOptionAskingForMissingWeightsIsRejected() throws IOException {
		RunnablePackages spec = spec(true, 2);
		NpyArray[] tensors = zeroTensors(spec, 2);
		Path savedModel = TinySavedModels.convolutions(folder.resolve("saved"), KERNELS, true);
		ModelPackage tensorflowOnly = spec.write(folder.resolve("tf"), folder.resolve("cache"),
			savedModel, null, tensors[0], tensors[1]);
		ModelPackage onnxOnly = onnxOnlyPackage("onnx", onnxFile("conv", true,
			RunnablePackages.INPUT, -1, TinyOnnxModels.OPSET));

		InvalidInputException noOnnx = assertThrows(InvalidInputException.class,
			() -> LoadedModel.load(tensorflowOnly, 0, WeightsFormat.ONNX));
		assertTrue(noOnnx.getMessage().contains("has no onnx weights"), noOnnx.getMessage());
		assertTrue(noOnnx.getMessage().contains("choose the engine tensorflow"), noOnnx
			.getMessage());
		InvalidInputException noTensorflow = assertThrows(InvalidInputException.class,
			() -> LoadedModel.load(onnxOnly, 0, WeightsFormat.TENSORFLOW_SAVED_MODEL_BUNDLE));
		assertTrue(noTensorflow.getMessage().contains("has no tensorflow_saved_model_bundle " +
			"weights"), noTensorflow.getMessage());
		assertTrue(noTensorflow.getMessage().contains("choose the engine onnx"), noTensorflow
			.getMessage());
	}

	@Test
	void onnxOnlyPackageRunsWithoutChoice() throws IOException {
		ModelPackage onnxOnly = onnxOnlyPackage("onnx", onnxFile("conv", true,
			RunnablePackages.INPUT, -1, TinyOnnxModels.OPSET));
		assertEquals(List.of(WeightsFormat.ONNX), onnxOnly.description().weights()
			.runnableFormats());
		assertThrows(IllegalStateException.class, onnxOnly::savedModelDirectory);
		try (LoadedModel model = LoadedModel.open(onnxOnly.root())) {
			assertEquals(WeightsFormat.ONNX, model.weightsFormat());
		}
	}

	@Test
	void corruptOnnxFileIsRejected() throws IOException {
		Path good = onnxFile("good", true, RunnablePackages.INPUT, -1, TinyOnnxModels.OPSET);
		byte[] bytes = Files.readAllBytes(good);
		Path truncated = Files.write(folder.resolve("truncated.onnx"), Arrays.copyOf(bytes,
			bytes.length / 2));

		InvalidInputException error = assertThrows(InvalidInputException.class,
			() -> onnxOnlyPackage("corrupt", truncated));
		assertTrue(error.getMessage().contains("'model.onnx'"), error.getMessage());
		assertTrue(error.getMessage().contains("is not a valid ONNX model"), error.getMessage());
		assertTrue(error.getMessage().contains("export the model again"), error.getMessage());
		assertFalse(Files.exists(folder.resolve("corrupt")));
	}

	@Test
	void textFileNamedOnnxIsRejected() throws IOException {
		Path text = Files.writeString(folder.resolve("text.onnx"), "not a model\n");
		InvalidInputException error = assertThrows(InvalidInputException.class,
			() -> onnxOnlyPackage("text", text));
		assertTrue(error.getMessage().contains("is not a valid ONNX model"), error.getMessage());
		assertFalse(Files.exists(folder.resolve("text")));
	}

	@Test
	void damagedFileInOpenedFolderIsRejected() throws IOException {
		ModelPackage written = onnxOnlyPackage("damaged", onnxFile("conv", true,
			RunnablePackages.INPUT, -1, TinyOnnxModels.OPSET));
		Path file = written.root().resolve(RunnablePackages.ONNX_FILE);
		byte[] bytes = Files.readAllBytes(file);
		Files.write(file, Arrays.copyOf(bytes, bytes.length - 7));

		InvalidInputException error = assertThrows(InvalidInputException.class,
			() -> ModelPackage.open(written.root()));
		assertTrue(error.getMessage().contains("'model.onnx'"), error.getMessage());
	}

	@Test
	void wrongInputNameIsRejected() throws IOException {
		Path onnx = onnxFile("pixels", true, "pixels", -1, TinyOnnxModels.OPSET);
		InvalidInputException error = assertThrows(InvalidInputException.class,
			() -> onnxOnlyPackage("pixels", onnx));
		assertTrue(error.getMessage().contains("graph input 'pixels'"), error.getMessage());
		assertTrue(error.getMessage().contains("'image'"), error.getMessage());
		assertFalse(Files.exists(folder.resolve("pixels")));
	}

	@Test
	void opsetBelowSevenIsRejected() throws IOException {
		Path onnx = onnxFile("old", true, RunnablePackages.INPUT, -1, 6);
		InvalidInputException error = assertThrows(InvalidInputException.class,
			() -> onnxOnlyPackage("old", onnx));
		assertTrue(error.getMessage().contains("opset 6"), error.getMessage());
	}

	@Test
	void channelsLastGraphIsRejected() throws IOException {
		// A channels-last graph described as channels first: its last dimension is fixed at 3.
		Path onnx = onnxFile("last", false, RunnablePackages.INPUT, -1, TinyOnnxModels.OPSET);
		InvalidInputException error = assertThrows(InvalidInputException.class,
			() -> onnxOnlyPackage("last", onnx));
		assertTrue(error.getMessage().contains("fixes axis"), error.getMessage());
	}

	@Test
	void modelInfoReadsGraph() throws Exception {
		Path onnx = onnxFile("info", true, RunnablePackages.INPUT, -1, TinyOnnxModels.OPSET);
		OnnxModelInfo info = OnnxModelInfo.read(onnx);

		assertEquals(TinyOnnxModels.OPSET, info.opsetVersion());
		assertEquals(1, info.inputs().size());
		assertEquals(RunnablePackages.INPUT, info.inputs().get(0).name());
		assertEquals(List.of(-1L, 3L, -1L, -1L), info.inputs().get(0).dimensions());
		assertEquals(OnnxModelInfo.FLOAT, info.inputs().get(0).elementType());
		assertEquals(List.of(RunnablePackages.OUTPUT), info.outputs().stream().map(
			OnnxModelInfo.ValueInfo::name).toList());
		assertEquals(List.of(-1L, 2L, -1L, -1L), info.outputs().get(0).dimensions());
		assertEquals(List.of(), info.externalDataTensors());
	}

	@Test
	void engineOptionParses() {
		assertNull(WeightsFormat.fromEngineOption("auto"));
		assertNull(WeightsFormat.fromEngineOption(""));
		assertEquals(WeightsFormat.ONNX, WeightsFormat.fromEngineOption("ONNX"));
		assertEquals(WeightsFormat.TENSORFLOW_SAVED_MODEL_BUNDLE, WeightsFormat.fromEngineOption(
			"tensorflow"));
		InvalidInputException error = assertThrows(InvalidInputException.class,
			() -> WeightsFormat.fromEngineOption("pytorch"));
		assertTrue(error.getMessage().contains("'pytorch'"), error.getMessage());
	}

	private static FloatImage predict(LoadedModel model, TilingSettings settings,
		RgbImage image)
	{
		Map<String, FloatImage> outputs = new TiledPredictor(model, settings).predict(TileSources
			.of(image), image.name(), Progress.none());
		return outputs.get(RunnablePackages.OUTPUT);
	}

	private static float maxDifference(FloatImage a, FloatImage b) {
		assertEquals(a.width(), b.width());
		assertEquals(a.height(), b.height());
		assertEquals(a.numChannels(), b.numChannels());
		float max = 0;
		for (int c = 0; c < a.numChannels(); c++) {
			float[] x = a.channel(c);
			float[] y = b.channel(c);
			for (int i = 0; i < x.length; i++) {
				max = Math.max(max, Math.abs(x[i] - y[i]));
			}
		}
		return max;
	}

	private static float maxAbsolute(FloatImage image) {
		float max = 0;
		for (int c = 0; c < image.numChannels(); c++) {
			for (float value : image.channel(c)) {
				max = Math.max(max, Math.abs(value));
			}
		}
		return max;
	}
}
