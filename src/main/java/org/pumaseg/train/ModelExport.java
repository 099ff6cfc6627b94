package org.pumaseg.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.pumaseg.annotation.NucleusClass;
import org.pumaseg.annotation.TissueClass;
import org.pumaseg.model.Author;
import org.pumaseg.model.Axis;
import org.pumaseg.model.AxisSize;
import org.pumaseg.model.ClassSet;
import org.pumaseg.model.DataType;
import org.pumaseg.model.FileRef;
import org.pumaseg.model.InputTensor;
import org.pumaseg.model.ModelDescription;
import org.pumaseg.model.ModelPackage;
import org.pumaseg.model.ModelPackageWriter;
import org.pumaseg.model.NpyArray;
import org.pumaseg.model.OutputMeaning;
import org.pumaseg.model.OutputRole;
import org.pumaseg.model.OutputTensor;
import org.pumaseg.model.OutputValues;
import org.pumaseg.model.PackageContents;
import org.pumaseg.model.ProcessingStep;
import org.pumaseg.model.PumaClassNames;
import org.pumaseg.model.PumaSegConfig;
import org.pumaseg.model.ReproducibilityTolerance;
import org.pumaseg.model.TensorFlowRuntime;
import org.pumaseg.model.TensorflowWeights;
import org.pumaseg.model.Weights;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Writes a trained network as a PumaSeg model package: an inference-only SavedModel (the
 * parameters as constants, no optimiser state), {@code rdf.yaml}, test tensors computed by
 * the exported graph, and a model card.
 * <p>
 * The package's tensors are NHWC: input {@code image} (batch, y, x, channel; RGB 0..255,
 * preprocessed by {@code scale_linear} with gain 1/255 to the [0, 1] the network was trained
 * on), outputs {@code nuclei_maps} (foreground probability, horizontal and vertical distance
 * in [-1, 1]), {@code nucleus_classes} and {@code tissue_classes} (softmax probabilities).
 */
public final class ModelExport {

	public static final String INPUT = "image";
	public static final String NUCLEI_MAPS = "nuclei_maps";
	public static final String NUCLEUS_CLASSES = "nucleus_classes";
	public static final String TISSUE_CLASSES = "tissue_classes";
	static final String SAVED_MODEL = "tf_saved_model";
	static final double GAIN = 1 / 255.0;

	private static final Logger LOG = LoggerFactory.getLogger(ModelExport.class);

	/**
	 * Model card text besides the training result.
	 *
	 * @param name package name
	 * @param dataDescription what the network was trained on
	 * @param command the command that trained it
	 * @param knownLimits limits a user must know
	 */
	public record Card(String name, String dataDescription, String command,
		List<String> knownLimits)
	{}

	private ModelExport() {}

	/** Halo in pixels: the receptive-field radius rounded up to a multiple of 8. */
	static int halo(NetworkConfig network) {
		return (network.receptiveRadius() + 7) / 8 * 8;
	}

	/** Smallest tile: a multiple of the size step, at least 4 halos and 64 px. */
	static int minTile(NetworkConfig network) {
		int step = network.sizeMultiple();
		int min = Math.max(64, 4 * halo(network));
		return (min + step - 1) / step * step;
	}

	/**
	 * Writes the package to {@code target} (a folder that must not exist) and returns it
	 * opened and validated.
	 *
	 * @param testImage image the test input is cut from (its top-left tile)
	 */
	public static ModelPackage write(TrainingResult result, TrainingData data,
		TrainingImage testImage, Card card, Path target)
	{
		TensorFlowRuntime.start();
		NetworkConfig network = result.network();
		int tile = minTile(network);
		NpyArray testInput = testInput(testImage, tile);
		Path scratch = null;
		try {
			scratch = Files.createTempDirectory("pumaseg-export-");
			Path savedModel = scratch.resolve(SAVED_MODEL);
			Map<String, NpyArray> testOutputs = exportSavedModel(network, result.parameters(),
				testInput, savedModel);

			PackageContents contents = new PackageContents().copy(SAVED_MODEL, savedModel).npy(
				"test_input.npy", testInput).text("README.md", ModelCard.text(result, data, card,
					tile, halo(network), List.of()));
			for (Map.Entry<String, NpyArray> output : testOutputs.entrySet()) {
				contents.npy(testFile(output.getKey()), output.getValue());
			}
			ModelPackage written = ModelPackageWriter.write(describe(network, data, card, tile),
				contents, target);
			LOG.info("Wrote model package {} ({}).", target, network.summary());
			return written;
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot export the model to " + target + ": " + e
				.getMessage(), e);
		}
		finally {
			deleteQuietly(scratch);
		}
	}

	private static String testFile(String tensorId) {
		return "test_output_" + tensorId + ".npy";
	}

	/** Cuts the top-left {@code tile x tile} pixels (edge pixels repeated if smaller), 0..255. */
	static NpyArray testInput(TrainingImage image, int tile) {
		float[] values = new float[tile * tile * 3];
		for (int y = 0; y < tile; y++) {
			for (int x = 0; x < tile; x++) {
				int argb = image.packedRgb()[Math.min(y, image.height() - 1) * image.width() + Math
					.min(x, image.width() - 1)];
				int i = (y * tile + x) * 3;
				values[i] = (argb >> 16) & 0xff;
				values[i + 1] = (argb >> 8) & 0xff;
				values[i + 2] = argb & 0xff;
			}
		}
		return NpyArray.ofFloat32(values, 1, tile, tile, 3);
	}

	/**
	 * Builds the inference graph with the parameters as constants, saves it, and runs it on
	 * {@code testInput} (after the package's preprocessing) to make the test outputs.
	 */
	static Map<String, NpyArray> exportSavedModel(NetworkConfig network, float[][] parameters,
		NpyArray testInput, Path folder)
	{
		try (Graph graph = new Graph()) {
			Ops tf = Ops.create(graph);
			Placeholder<TFloat32> image = tf.withName(INPUT).placeholder(TFloat32.class,
				Placeholder.shape(Shape.of(-1, -1, -1, 3)));
			List<Operand<TFloat32>> constants = new ArrayList<>();
			List<NetworkConfig.ParameterSpec> specs = network.parameters();
			Ops params = tf.withSubScope("params");
			for (int p = 0; p < specs.size(); p++) {
				constants.add(params.withName("p" + p).constant(Shape.of(TrainingGraph.longs(specs.get(
					p).shape())), DataBuffers.of(parameters[p], true, false)));
			}
			UNet.Heads heads = UNet.build(tf.withSubScope("net"), network, image, constants);

			Map<String, Operand<TFloat32>> outputs = new LinkedHashMap<>();
			if (network.nucleiMaps()) {
				outputs.put(NUCLEI_MAPS, tf.withName(NUCLEI_MAPS).concat(List.of(tf.math.sigmoid(heads
					.foregroundLogits()), tf.math.tanh(heads.distanceLogits())), tf.constant(3)));
			}
			if (network.nucleusClasses() > 0) {
				outputs.put(NUCLEUS_CLASSES, tf.withName(NUCLEUS_CLASSES).nn.softmax(heads
					.nucleusClassLogits()));
			}
			if (network.tissueClasses() > 0) {
				outputs.put(TISSUE_CLASSES, tf.withName(TISSUE_CLASSES).nn.softmax(heads
					.tissueClassLogits()));
			}

			try (Session session = new Session(graph)) {
				Signature.Builder signature = Signature.builder().key(Signature.DEFAULT_KEY).input(
					INPUT, image);
				outputs.forEach(signature::output);
				SavedModelBundle.exporter(folder.toString()).withSession(session).withSignature(
					signature.build()).export();
				return run(session, image, outputs, testInput);
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot save the model to " + folder + ": " + e
				.getMessage(), e);
		}
	}

	private static Map<String, NpyArray> run(Session session, Placeholder<TFloat32> image,
		Map<String, Operand<TFloat32>> outputs, NpyArray testInput)
	{
		float[] scaled = testInput.toFloatArray();
		for (int i = 0; i < scaled.length; i++) {
			scaled[i] = (float) (scaled[i] * GAIN);
		}
		int[] shape = testInput.shape();
		Map<String, NpyArray> results = new LinkedHashMap<>();
		try (TFloat32 input = Tensors.of(scaled, shape[0], shape[1], shape[2], shape[3])) {
			Session.Runner runner = session.runner().feed(image, input);
			outputs.values().forEach(runner::fetch);
			try (Result result = runner.run()) {
				int index = 0;
				for (String id : outputs.keySet()) {
					TFloat32 tensor = (TFloat32) result.get(index++);
					long[] dims = tensor.shape().asArray();
					int[] outShape = new int[dims.length];
					for (int d = 0; d < dims.length; d++) {
						outShape[d] = (int) dims[d];
					}
					results.put(id, NpyArray.ofFloat32(Tensors.read(tensor), outShape));
				}
			}
		}
		return results;
	}

	static ModelDescription describe(NetworkConfig network, TrainingData data, Card card,
		int tile)
	{
		double umPerPixel = Double.isNaN(data.umPerPixel()) ? TrainingDataset.DEFAULT_UM_PER_PIXEL
			: data.umPerPixel();
		int step = network.sizeMultiple();
		int halo = halo(network);
		InputTensor input = new InputTensor(INPUT, "RGB H&E tile, 0..255", List.of(new Axis.Batch(
			"", false), space("y", new AxisSize.Parameterized(tile, step), 0, umPerPixel), space("x",
				new AxisSize.Parameterized(tile, step), 0, umPerPixel), new Axis.Channel("channel", "",
					List.of("red", "green", "blue"))), DataType.FLOAT32, FileRef.of("test_input.npy"),
			null, List.of(new ProcessingStep("scale_linear", Map.of("gain", GAIN))));

		List<OutputTensor> outputs = new ArrayList<>();
		List<OutputRole> roles = new ArrayList<>();
		ClassSet nucleusClasses = null;
		ClassSet tissueClasses = null;
		if (network.nucleiMaps()) {
			outputs.add(output(NUCLEI_MAPS, "nucleus probability, horizontal and vertical distance",
				List.of("foreground", "horizontal", "vertical"), halo, umPerPixel));
			roles.add(new OutputRole(NUCLEI_MAPS, 0, OutputMeaning.NUCLEI_FOREGROUND,
				OutputValues.PROBABILITY));
			roles.add(new OutputRole(NUCLEI_MAPS, 1, OutputMeaning.HORIZONTAL_DISTANCE, null));
			roles.add(new OutputRole(NUCLEI_MAPS, 2, OutputMeaning.VERTICAL_DISTANCE, null));
		}
		if (network.nucleusClasses() > 0) {
			nucleusClasses = nucleusClassSet();
			outputs.add(output(NUCLEUS_CLASSES, "nucleus class probabilities", channelNames(
				nucleusClasses), halo, umPerPixel));
			roles.add(new OutputRole(NUCLEUS_CLASSES, null,
				OutputMeaning.NUCLEUS_CLASS_PROBABILITIES, OutputValues.PROBABILITY));
		}
		if (network.tissueClasses() > 0) {
			tissueClasses = tissueClassSet();
			outputs.add(output(TISSUE_CLASSES, "tissue class probabilities", channelNames(
				tissueClasses), halo, umPerPixel));
			roles.add(new OutputRole(TISSUE_CLASSES, null, OutputMeaning.TISSUE_CLASS_PROBABILITIES,
				OutputValues.PROBABILITY));
		}

		PumaSegConfig pumaseg = new PumaSegConfig(PumaSegConfig.VERSION, umPerPixel, roles,
			nucleusClasses, tissueClasses);
		String description = data.task() == TrainingTask.NUCLEI
			? "Nuclei foreground, HoVer-Net distance maps" + (network.nucleusClasses() > 0
				? " and PUMA nucleus classes" : "") + " in H&E images, trained with PumaSeg."
			: "PUMA tissue classes in H&E images, trained with PumaSeg.";
		return new ModelDescription(ModelDescription.FORMAT_VERSION, card.name(), description,
			List.of(new Author("PumaSeg", null, null, null, null)), "CC-BY-4.0", "README.md", List
				.of(), List.of(data.task().id(), "he", "unet", "pumaseg"), List.of(input), outputs,
			Weights.of(TensorflowWeights.of(SAVED_MODEL, TensorFlowRuntime.TENSORFLOW_VERSION)),
			List.of(), List.of(ReproducibilityTolerance.DEFAULT), pumaseg, Map.of(), Map.of());
	}

	private static Axis.Space space(String id, AxisSize size, int halo, double umPerPixel) {
		return new Axis.Space(id, "", size, halo, umPerPixel, "micrometer");
	}

	private static OutputTensor output(String id, String description, List<String> channels,
		int halo, double umPerPixel)
	{
		return new OutputTensor(id, description, List.of(new Axis.Batch("", false), space("y",
			new AxisSize.Reference(INPUT, "y", 0), halo, umPerPixel), space("x",
				new AxisSize.Reference(INPUT, "x", 0), halo, umPerPixel), new Axis.Channel("channel",
					"", channels)), DataType.FLOAT32, FileRef.of(testFile(id)), null, List.of());
	}

	/** Background, then the 10 PUMA nucleus classes in {@link NucleusClass} order. */
	static ClassSet nucleusClassSet() {
		List<String> names = new ArrayList<>(List.of(PumaClassNames.BACKGROUND));
		List<String> colors = new ArrayList<>(List.of("#000000"));
		for (NucleusClass nucleusClass : NucleusClass.values()) {
			names.add(nucleusClass.className());
			colors.add(hex(nucleusClass.color()));
		}
		return new ClassSet(names, colors);
	}

	/** Background, then the tissue classes by mask code 1 to 5. */
	static ClassSet tissueClassSet() {
		List<String> names = new ArrayList<>(List.of(PumaClassNames.BACKGROUND));
		List<String> colors = new ArrayList<>(List.of("#ffffff"));
		for (int code = 1; code <= TissueClass.MAX_CODE; code++) {
			TissueClass tissueClass = TissueClass.fromMaskCode(code);
			names.add(tissueClass.className());
			colors.add(hex(tissueClass.color()));
		}
		return new ClassSet(names, colors);
	}

	private static List<String> channelNames(ClassSet classes) {
		List<String> names = new ArrayList<>();
		for (String name : classes.names()) {
			names.add(name.replace("nuclei_", "").replace("tissue_", ""));
		}
		return names;
	}

	private static String hex(int[] rgb) {
		return String.format("#%02x%02x%02x", rgb[0], rgb[1], rgb[2]);
	}

	private static void deleteQuietly(Path folder) {
		if (folder == null) {
			return;
		}
		try (Stream<Path> paths = Files.walk(folder)) {
			paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		}
		catch (IOException e) {
			LOG.warn("Could not delete the temporary folder {}: {}", folder, e.getMessage());
		}
	}
}
