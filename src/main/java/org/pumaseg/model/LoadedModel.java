package org.pumaseg.model;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.pumaseg.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.proto.framework.ConfigProto;
import org.tensorflow.proto.framework.GPUOptions;

import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import ai.djl.util.PairList;

/**
 * A model package whose weights are loaded into one engine and ready to run on tiles.
 * <p>
 * The engine is TensorFlow for the SavedModel (its {@code serving_default} signature) or ONNX
 * Runtime for the ONNX file, both through DJL. Unless the caller chooses, the SavedModel runs
 * when the package has one, and the ONNX file otherwise.
 * <p>
 * {@link #run} takes tiles that are already preprocessed (see {@link #fitPreprocessing}), packs
 * them into the input tensor in the axis order that rdf.yaml declares, runs the model, looks
 * each output up by its name (DJL returns outputs named but not in declaration order), unpacks
 * it and applies the output's postprocessing. {@link #verify} runs the package's test input and
 * compares with its test outputs.
 * <p>
 * Tiling needs outputs with the input's height and width; a package whose outputs are
 * scaled or offset against the input is rejected when it is loaded. One instance serves one
 * thread at a time; {@link #newWorker} gives another thread its own predictor on the same
 * loaded weights.
 */
public final class LoadedModel implements AutoCloseable {

	private static final Logger LOG = LoggerFactory.getLogger(LoadedModel.class);

	private final ModelPackage modelPackage;
	private final WeightsFormat format;
	private final ZooModel<NDList, NDList> model;
	private final Predictor<NDList, NDList> predictor;
	private final String signatureInput;
	private final Map<String, String> signatureOutputs;
	private final TensorLayout inputLayout;
	private final Map<String, TensorLayout> outputLayouts = new LinkedHashMap<>();
	private final Map<String, TensorProcessing> postprocessing = new LinkedHashMap<>();
	private final boolean batchFixedToOne;
	/** ONNX graph outputs in session order (DJL 0.28 returns them unnamed), else empty. */
	private final List<String> onnxOutputOrder;
	/** False for a {@link #newWorker} view, which must not close the shared model. */
	private final boolean ownsModel;

	private LoadedModel(ModelPackage modelPackage, WeightsFormat format,
		ZooModel<NDList, NDList> model, boolean ownsModel)
	{
		this.modelPackage = modelPackage;
		this.format = format;
		this.model = model;
		this.ownsModel = ownsModel;
		this.predictor = model.newPredictor();
		this.inputLayout = new TensorLayout(input());
		for (OutputTensor output : outputs()) {
			outputLayouts.put(output.id(), new TensorLayout(output));
			postprocessing.put(output.id(), TensorProcessing.forOutput(output));
		}
		if (format == WeightsFormat.ONNX) {
			// OnnxFileCheck has checked that the graph names its input and outputs as rdf.yaml.
			OnnxModelInfo onnx = modelPackage.onnxModel().orElseThrow();
			this.signatureInput = onnx.inputs().get(0).name();
			this.signatureOutputs = new LinkedHashMap<>();
			for (OutputTensor output : outputs()) {
				signatureOutputs.put(output.id(), output.id());
			}
			this.batchFixedToOne = OnnxFileCheck.fixesBatchToOne(onnx, input());
			this.onnxOutputOrder = onnx.outputs().stream().map(OnnxModelInfo.ValueInfo::name)
				.toList();
		}
		else {
			this.signatureInput = signatureInput(model.describeInput());
			this.signatureOutputs = signatureOutputs(model.describeOutput());
			this.batchFixedToOne = false;
			this.onnxOutputOrder = List.of();
		}
	}

	/** Opens the package at {@code source} (folder or zip) and loads it with default threads. */
	public static LoadedModel open(Path source) {
		return load(ModelPackage.open(source), 0);
	}

	/** Loads {@code modelPackage} with the engine of its preferred weights. */
	public static LoadedModel load(ModelPackage modelPackage, int intraOpThreads) {
		return load(modelPackage, intraOpThreads, null);
	}

	/**
	 * Loads the weights of {@code modelPackage} into the engine that runs them.
	 *
	 * @param intraOpThreads threads the engine uses inside one operation; 0 lets the engine
	 *          choose (one per core)
	 * @param engine the weights to run, or null for the package's preferred weights (the
	 *          SavedModel when there is one, else the ONNX file)
	 * @throws InvalidInputException when the package lacks the requested weights, cannot be
	 *           tiled, or the engine cannot load its weights
	 * @throws EngineUnavailableException when the engine cannot start on this system
	 */
	public static LoadedModel load(ModelPackage modelPackage, int intraOpThreads,
		WeightsFormat engine)
	{
		if (intraOpThreads < 0) {
			throw new InvalidInputException("The engine thread count is " + intraOpThreads +
				". Fix: give 0 (the engine chooses) or a positive number.");
		}
		WeightsFormat format = chooseWeights(modelPackage, engine);
		checkTileable(modelPackage);
		long start = System.nanoTime();
		ZooModel<NDList, NDList> model = format == WeightsFormat.ONNX ? loadOnnx(modelPackage,
			intraOpThreads) : loadTensorflow(modelPackage, intraOpThreads);
		try {
			LoadedModel loaded = new LoadedModel(modelPackage, format, model, true);
			LOG.info("Loaded model '{}' with the {} engine ({} weights) on device {} ({} " +
				"intra-op threads, {} ms): input '{}' as '{}', outputs {}", modelPackage
					.description().name(), format.engineName(), format.yamlName(), loaded.device(),
				intraOpThreads == 0 ? "default" : intraOpThreads, (System.nanoTime() - start) /
					1_000_000, loaded.input().id(), loaded.signatureInput, loaded.signatureOutputs);
			return loaded;
		}
		catch (RuntimeException e) {
			model.close();
			throw e;
		}
	}

	/** Returns the weights to run: {@code requested} if the package has them, else the preferred. */
	static WeightsFormat chooseWeights(ModelPackage modelPackage, WeightsFormat requested) {
		List<WeightsFormat> available = modelPackage.description().weights().runnableFormats();
		if (requested == null) {
			return available.get(0);
		}
		if (!available.contains(requested)) {
			throw new InvalidInputException("Model package '" + modelPackage.name() + "' has no " +
				requested.yamlName() + " weights for the " + requested.engineName() + " engine " +
				"(it has " + available.stream().map(WeightsFormat::yamlName).toList() + "). Fix: " +
				"choose the engine " + available.get(0).optionName() + ", or add " + requested
					.yamlName() + " weights to the package.");
		}
		return requested;
	}

	private static ZooModel<NDList, NDList> loadOnnx(ModelPackage modelPackage,
		int intraOpThreads)
	{
		OnnxRuntimeEngine.start();
		Path file = modelPackage.onnxFile().orElseThrow();
		Criteria.Builder<NDList, NDList> criteria = Criteria.builder().setTypes(NDList.class,
			NDList.class).optModelPath(file).optEngine(OnnxRuntimeEngine.ENGINE_NAME)
			.optTranslator(new NoopTranslator());
		if (intraOpThreads > 0) {
			criteria.optOption("intraOpNumThreads", String.valueOf(intraOpThreads));
			criteria.optOption("interOpNumThreads", "1");
		}
		try {
			return criteria.build().loadModel();
		}
		catch (ModelNotFoundException | MalformedModelException | IOException |
			RuntimeException e)
		{
			throw new InvalidInputException("Model package '" + modelPackage.name() +
				"', file '" + modelPackage.description().weights().onnx().source().source() +
				"': ONNX Runtime cannot load it (" + e.getMessage() + "). Fix: export the model " +
				"again to ONNX with an opset that ONNX Runtime " +
				OnnxRuntimeEngine.ONNX_RUNTIME_VERSION + " supports (7 to 20), or use the " +
				"package's TensorFlow weights.", e);
		}
	}

	private static ZooModel<NDList, NDList> loadTensorflow(ModelPackage modelPackage,
		int intraOpThreads)
	{
		TensorFlowRuntime.start();
		Path folder = modelPackage.savedModelDirectory();
		Criteria.Builder<NDList, NDList> criteria = Criteria.builder().setTypes(NDList.class,
			NDList.class).optModelPath(folder).optEngine(TensorFlowRuntime.ENGINE_NAME)
			.optTranslator(new NoopTranslator());
		if (intraOpThreads > 0) {
			criteria.optOption("ConfigProto", sessionConfig(intraOpThreads));
		}
		try {
			return criteria.build().loadModel();
		}
		catch (ModelNotFoundException | MalformedModelException | IOException |
			RuntimeException e)
		{
			throw new InvalidInputException("Model package '" + modelPackage.name() +
				"': TensorFlow cannot load the SavedModel in " + folder + " (" + e.getMessage() +
				"). Fix: export the model again as a TensorFlow 2 SavedModel with a " +
				"'serving_default' signature.", e);
		}
	}

	/** A TensorFlow session configuration with the given intra-op thread count, as DJL reads it. */
	private static String sessionConfig(int intraOpThreads) {
		ConfigProto config = ConfigProto.newBuilder().setIntraOpParallelismThreads(
			intraOpThreads).setInterOpParallelismThreads(1).setAllowSoftPlacement(true)
			.setGpuOptions(GPUOptions.newBuilder().setAllowGrowth(true)).build();
		return Base64.getEncoder().encodeToString(config.toByteArray());
	}

	/** Rejects packages whose outputs do not have the input's height and width. */
	private static void checkTileable(ModelPackage modelPackage) {
		ModelDescription description = modelPackage.description();
		InputTensor input = description.inputs().get(0);
		for (String axisId : List.of("y", "x")) {
			Axis axis = input.axis(axisId).orElseThrow(() -> notTileable(modelPackage, "input '" +
				input.id() + "' has no space axis '" + axisId + "'", "declare the axes batch, " +
					"channel, y and x."));
			if (((Axis.Space) axis).size() instanceof AxisSize.Reference) {
				throw notTileable(modelPackage, "input axis '" + axisId + "' refers to another " +
					"axis", "give it a fixed size or a {min, step} series.");
			}
			for (OutputTensor output : description.outputs()) {
				Axis.Space outputAxis = output.axis(axisId).filter(Axis.Space.class::isInstance).map(
					Axis.Space.class::cast).orElseThrow(() -> notTileable(modelPackage, "output '" +
						output.id() + "' has no space axis '" + axisId + "'", "declare the axes y and x " +
							"on every output."));
				boolean sameSize = outputAxis.size() instanceof AxisSize.Reference && ((AxisSize.Reference) outputAxis
					.size()).tensorId().equals(input.id()) && ((AxisSize.Reference) outputAxis.size())
						.axisId().equals(axisId) && ((AxisSize.Reference) outputAxis.size()).offset() == 0 &&
					Math.abs(outputAxis.scale() - ((Axis.Space) axis).scale()) <= 1e-9 * outputAxis
						.scale();
				if (!sameSize) {
					throw notTileable(modelPackage, "output '" + output.id() + "' axis '" + axisId +
						"' is not the size of input axis '" + axisId + "' (same scale, offset 0), " +
						"but PumaSeg tiles only models whose outputs have the input's size",
						"resize the output inside the model, or declare size {tensor_id: " + input.id() +
							", axis_id: " + axisId + "}.");
				}
			}
		}
	}

	private static InvalidInputException notTileable(ModelPackage modelPackage, String problem,
		String fix)
	{
		return new InvalidInputException("Model package '" + modelPackage.name() + "': " +
			problem + ". Fix: " + fix);
	}

	private String signatureInput(PairList<String, Shape> inputs) {
		if (inputs.size() != 1) {
			throw notTileable(modelPackage, "the SavedModel signature has " + inputs.size() +
				" inputs " + inputs.keys() + ", but rdf.yaml declares one", "export a model with one " +
					"image input.");
		}
		return inputs.get(0).getKey();
	}

	/** Signature output name of each output id: the same name, or the only output. */
	private Map<String, String> signatureOutputs(PairList<String, Shape> signature) {
		List<String> names = signature.keys();
		Map<String, String> mapping = new LinkedHashMap<>();
		for (OutputTensor output : outputs()) {
			if (names.contains(output.id())) {
				mapping.put(output.id(), output.id());
			}
			else if (names.size() == 1 && outputs().size() == 1) {
				mapping.put(output.id(), names.get(0));
			}
			else {
				throw notTileable(modelPackage, "output '" + output.id() + "' is not an output of " +
					"the SavedModel signature, which has " + names, "name each output in rdf.yaml " +
						"as the signature names it.");
			}
		}
		return mapping;
	}

	public ModelPackage modelPackage() {
		return modelPackage;
	}

	public ModelDescription description() {
		return modelPackage.description();
	}

	public InputTensor input() {
		return description().inputs().get(0);
	}

	public List<OutputTensor> outputs() {
		return description().outputs();
	}

	/** Returns the weights that run, and so the engine: TensorFlow or ONNX Runtime. */
	public WeightsFormat weightsFormat() {
		return format;
	}

	/**
	 * True when one call can take several tiles: rdf.yaml allows a batch and, for ONNX, the
	 * graph does not fix the batch dimension at 1.
	 */
	public boolean takesBatches() {
		return inputLayout.takesBatches() && !batchFixedToOne;
	}

	/** The largest halo of any output's y or x axis, in pixels. */
	public int haloPixels() {
		int halo = 0;
		for (OutputTensor output : outputs()) {
			halo = Math.max(halo, Math.max(output.halo("y"), output.halo("x")));
		}
		return halo;
	}

	/**
	 * The tile length the model accepts along input axis {@code axisId} ("y" or "x"): the
	 * smallest valid length of at least {@code requested}, or the fixed length.
	 */
	public int validTileSize(String axisId, int requested) {
		AxisSize size = ((Axis.Space) input().axis(axisId).get()).size();
		if (size instanceof AxisSize.Fixed) {
			return ((AxisSize.Fixed) size).size();
		}
		return ((AxisSize.Parameterized) size).atLeast(requested);
	}

	/** The device the model runs on, e.g. {@code cpu()} or {@code gpu(0)}. */
	public String device() {
		return String.valueOf(model.getNDManager().getDevice());
	}

	/**
	 * Fits the input preprocessing to a whole image; see {@link TensorProcessing#fitInput}.
	 */
	public TensorProcessing fitPreprocessing(TensorProcessing.BlockSource image) {
		return TensorProcessing.fitInput(input(), image);
	}

	/**
	 * Runs the model on preprocessed tiles and postprocesses its outputs.
	 *
	 * @param tiles {@code tiles[b][c][y * width + x]}, all {@code height x width}
	 * @return per output id, {@code [b][c][y * width + x]} of the same height and width
	 * @throws InvalidInputException when the engine rejects the input or an output has an
	 *           unexpected shape
	 */
	public Map<String, float[][][]> run(float[][][] tiles, int height, int width) {
		return predict(tiles, height, width, (output, values, shape) -> {
			float[][][] planes = outputLayouts.get(output.id()).fromTensor(values, shape);
			TensorProcessing steps = postprocessing.get(output.id());
			for (float[][] tile : planes) {
				steps.apply(tile);
			}
			return planes;
		});
	}

	/**
	 * Runs the model like {@link #run}, but leaves each output without postprocessing in the
	 * engine's tensor layout, so a caller that reads only part of each tile does not pay for
	 * unpacking all of it. Outputs with postprocessing are unpacked and processed as in
	 * {@link #run}.
	 *
	 * @return per output id, the tiles in the order of {@code tiles}
	 * @throws InvalidInputException as {@link #run}
	 */
	public Map<String, OutputTiles> runInPlace(float[][][] tiles, int height, int width) {
		return predict(tiles, height, width, (output, values, shape) -> {
			TensorLayout layout = outputLayouts.get(output.id());
			TensorProcessing steps = postprocessing.get(output.id());
			if (steps.isEmpty()) {
				return layout.view(values, shape);
			}
			float[][][] planes = layout.fromTensor(values, shape);
			for (float[][] tile : planes) {
				steps.apply(tile);
			}
			return OutputTiles.ofPlanes(planes, height, width);
		});
	}

	/** Turns the values of one output, in tensor layout, into what a run returns. */
	@FunctionalInterface
	private interface Unpacking<T> {
		T unpack(OutputTensor output, float[] values, long[] shape);
	}

	private <T> Map<String, T> predict(float[][][] tiles, int height, int width,
		Unpacking<T> unpacking)
	{
		int batch = tiles.length;
		int channels = tiles[0].length;
		long[] shape = inputLayout.shape(batch, channels, height, width);
		Map<String, T> results = new LinkedHashMap<>();
		try (NDManager manager = model.getNDManager().newSubManager()) {
			NDArray array = createInput(manager, inputLayout.toTensor(tiles, height, width), shape);
			array.setName(signatureInput);
			NDList outputs;
			try {
				outputs = predictor.predict(new NDList(array));
			}
			catch (TranslateException | RuntimeException e) {
				throw new InvalidInputException("Model package '" + modelPackage.name() +
					"': " + format.engineName() + " failed on an input of shape " + new Shape(shape) +
					" (" + e.getMessage() + "). Fix: check that the axes in rdf.yaml are in the " +
					"order the " + format.yamlName() + " weights expect.", e);
			}
			nameOnnxOutputs(outputs);
			for (OutputTensor output : outputs()) {
				NDArray result = outputs.get(signatureOutputs.get(output.id()));
				if (result == null) {
					throw new IllegalStateException(format.engineName() + " returned no output '" +
						signatureOutputs.get(output.id()) + "'; it returned " + java.util.Arrays.toString(
							outputs.getShapes()));
				}
				long[] resultShape = checkedShape(output, result, batch, height, width);
				results.put(output.id(), unpacking.unpack(output, toFloats(result), resultShape));
			}
		}
		return results;
	}

	/**
	 * Names the outputs of an ONNX run after the graph outputs: ONNX Runtime returns one value
	 * per graph output, in graph order.
	 */
	private void nameOnnxOutputs(NDList outputs) {
		if (onnxOutputOrder.isEmpty()) {
			return;
		}
		if (outputs.size() != onnxOutputOrder.size()) {
			throw new IllegalStateException("ONNX Runtime returned " + outputs.size() +
				" outputs for the graph outputs " + onnxOutputOrder + ".");
		}
		for (int i = 0; i < outputs.size(); i++) {
			outputs.get(i).setName(onnxOutputOrder.get(i));
		}
	}

	private NDArray createInput(NDManager manager, float[] data, long[] shape) {
		if (input().dataType() == org.pumaseg.model.DataType.UINT8) {
			byte[] bytes = new byte[data.length];
			for (int i = 0; i < data.length; i++) {
				bytes[i] = (byte) Math.max(0, Math.min(255, Math.round(data[i])));
			}
			return manager.create(ByteBuffer.wrap(bytes), new Shape(shape), DataType.UINT8);
		}
		return manager.create(data, new Shape(shape));
	}

	/** Returns the shape of {@code result} after checking it against rdf.yaml. */
	private long[] checkedShape(OutputTensor output, NDArray result, int batch, int height,
		int width)
	{
		long[] shape = result.getShape().getShape();
		TensorLayout layout = outputLayouts.get(output.id());
		long[] expected = layout.shape(batch, output.channelCount(), height, width);
		if (!java.util.Arrays.equals(shape, expected)) {
			throw new InvalidInputException("Model package '" + modelPackage.name() + "': output '" +
				output.id() + "' has shape " + new Shape(shape) + " for an input tile of " + height +
				" x " + width + " px, but rdf.yaml declares axes that give " + new Shape(expected) +
				". Fix: correct the output's axes (order, channel names) in rdf.yaml.");
		}
		return shape;
	}

	/**
	 * Copies an output to floats. The ONNX Runtime engine has no type conversion of its own
	 * (DJL's hybrid mode is off), so other types are converted element by element here.
	 */
	private static float[] toFloats(NDArray result) {
		if (result.getDataType() == DataType.FLOAT32) {
			return result.toFloatArray();
		}
		Number[] values = result.toArray();
		float[] floats = new float[values.length];
		for (int i = 0; i < values.length; i++) {
			floats[i] = values[i].floatValue();
		}
		return floats;
	}

	/**
	 * Runs the package's test input (with preprocessing statistics from the test input
	 * itself) and compares each output with its test output, within the package's
	 * reproducibility tolerance.
	 *
	 * @throws InvalidInputException naming the output and the differences when one mismatches
	 */
	public void verify() {
		NpyArray testInput = modelPackage.testTensor(input().id());
		long[] shape = toLong(testInput.shape());
		float[][][] tiles = inputLayout.fromTensor(testInput.toFloatArray(), shape);
		int[] size = inputLayout.spatialSize(shape);
		TensorProcessing preprocessing = fitPreprocessing(action -> {
			for (float[][] tile : tiles) {
				action.accept(tile);
			}
		});
		for (float[][] tile : tiles) {
			preprocessing.apply(tile);
		}
		Map<String, float[][][]> results = run(tiles, size[0], size[1]);

		for (OutputTensor output : outputs()) {
			NpyArray expected = modelPackage.testTensor(output.id());
			float[] actualData = outputLayouts.get(output.id()).toTensor(results.get(output.id()),
				size[0], size[1]);
			NpyArray actual = NpyArray.ofFloat32(actualData, expected.shape());
			ReproducibilityTolerance tolerance = description().tolerance(output.id(), format);
			if (!tolerance.accepts(expected, actual)) {
				throw mismatch(output, expected, actual, tolerance);
			}
		}
		LOG.info("Verified model package '{}' with its {} weights: outputs {} match their test " +
			"tensors.", modelPackage.name(), format.yamlName(), outputLayouts.keySet());
	}

	private InvalidInputException mismatch(OutputTensor output, NpyArray expected,
		NpyArray actual, ReproducibilityTolerance tolerance)
	{
		int worst = 0;
		double worstDifference = -1;
		for (int i = 0; i < expected.size(); i++) {
			double difference = Math.abs(actual.getDouble(i) - expected.getDouble(i));
			if (!(difference <= worstDifference)) {
				worst = i;
				worstDifference = Double.isNaN(difference) ? Double.POSITIVE_INFINITY : difference;
			}
		}
		long allowed = (long) Math.floor((double) tolerance.mismatchedElementsPerMillion() *
			expected.size() / 1e6);
		return new InvalidInputException(String.format(Locale.ROOT, "Model package '%s': " +
			"output '%s' does not match its test tensor %s: %d of %d elements differ by more " +
			"than %g + %g * |expected| (%d allowed); the largest difference is %g at element " +
			"%d (expected %g, got %g) with the %s weights. Fix: save test outputs computed by " +
			"these weights, or correct the preprocessing in rdf.yaml.", modelPackage.name(),
			output.id(), output
				.testTensor().source(), tolerance.mismatches(expected, actual), expected.size(),
			tolerance.absoluteTolerance(), tolerance.relativeTolerance(), allowed,
			worstDifference, worst, expected.getDouble(worst), actual.getDouble(worst), format
				.yamlName()));
	}

	private static long[] toLong(int[] shape) {
		long[] result = new long[shape.length];
		for (int i = 0; i < shape.length; i++) {
			result[i] = shape[i];
		}
		return result;
	}

	/**
	 * Returns a view of this model with its own DJL predictor, for one more thread. DJL
	 * predictors are not thread-safe, while one loaded model (one TensorFlow or ONNX Runtime
	 * session, one copy of the weights) may run from several threads, each through its own
	 * predictor. Closing the view releases only its predictor; close every view before this
	 * model.
	 */
	public LoadedModel newWorker() {
		return new LoadedModel(modelPackage, format, model, false);
	}

	/** Releases the engine's session and its memory, or only the predictor of a view. */
	@Override
	public void close() {
		predictor.close();
		if (ownsModel) {
			model.close();
		}
	}

	@Override
	public String toString() {
		return "loaded model '" + description().name() + "' (" + new ArrayList<>(outputLayouts
			.keySet()) + ")";
	}
}
