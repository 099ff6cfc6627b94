package org.pumaseg.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Builds a valid PumaSeg nuclei model package for tests. It has one RGB input with a tile
 * size of 64 + n * 32, a 3-channel output (foreground, horizontal and vertical distance) and
 * an 11-channel class output, each with a halo of 16 px. Its SavedModel folder is a dummy,
 * because the runtime checks real weights and the package reader does not.
 */
final class TestPackages {

	static final String INPUT = "image";
	static final String MAPS = "nuclei_maps";
	static final String CLASSES = "nucleus_classes";
	static final int TILE = 64;
	static final int HALO = 16;

	private TestPackages() {}

	static ModelDescription nucleiModel() {
		InputTensor input = new InputTensor(INPUT, "RGB H&E tile", List.of(new Axis.Batch("",
			false), new Axis.Channel("channel", "", List.of("red", "green", "blue")), new Axis.Space(
				"y", "", new AxisSize.Parameterized(TILE, 32), 0, 0.25, "micrometer"), new Axis.Space(
					"x", "", new AxisSize.Parameterized(TILE, 32), 0, 0.25, "micrometer")),
			DataType.FLOAT32, FileRef.of("test_input.npy"), null, List.of(new ProcessingStep(
				"scale_linear", Map.of("gain", 1 / 255.0)), new ProcessingStep(
					"fixed_zero_mean_unit_variance", Map.of("axis", "channel", "mean", List.of(0.7,
						0.5, 0.7), "std", List.of(0.15, 0.2, 0.15)))));

		OutputTensor maps = new OutputTensor(MAPS, "", outputAxes(List.of("foreground",
			"horizontal", "vertical")), DataType.FLOAT32, FileRef.of("test_output_" + MAPS +
				".npy"), null, List.of());
		List<String> classChannels = new ArrayList<>(List.of("background"));
		PumaClassNames.NUCLEI.forEach(name -> classChannels.add(name.replace("nuclei_", "")));
		OutputTensor classes = new OutputTensor(CLASSES, "class logits", outputAxes(
			classChannels), DataType.FLOAT32, FileRef.of("test_output_" + CLASSES + ".npy"), null,
			List.of());

		List<String> names = new ArrayList<>(List.of(PumaClassNames.BACKGROUND));
		names.addAll(PumaClassNames.NUCLEI);
		List<String> colors = List.of("#000000", "#c80000", "#00c800", "#0000c8", "#c8c800",
			"#c800c8", "#00c8c8", "#646464", "#c86400", "#6400c8", "#00c864");
		PumaSegConfig pumaseg = new PumaSegConfig(PumaSegConfig.VERSION, 0.25, List.of(
			new OutputRole(MAPS, 0, OutputMeaning.NUCLEI_FOREGROUND, OutputValues.PROBABILITY),
			new OutputRole(MAPS, 1, OutputMeaning.HORIZONTAL_DISTANCE, null), new OutputRole(MAPS,
				2, OutputMeaning.VERTICAL_DISTANCE, null), new OutputRole(CLASSES, null,
					OutputMeaning.NUCLEUS_CLASS_PROBABILITIES, OutputValues.LOGIT)), new ClassSet(names,
						colors), null);

		return new ModelDescription(ModelDescription.FORMAT_VERSION, "PumaSeg test nuclei model",
			"A tiny HoVer-Net-style nuclei model for tests.", List.of(new Author("Ada Tester",
				"PumaSeg", null, "ada", "0000-0001-2345-6789")), "CC-BY-4.0", "README.md", List.of(),
			List.of("nuclei", "melanoma"), List.of(input), List.of(maps, classes), Weights.of(
				TensorflowWeights.of("tf_saved_model", "2.10.1")), List.of(), List.of(
					new ReproducibilityTolerance(1e-3, 1e-4, 100, List.of(), List.of())), pumaseg, Map
						.of(), Map.of("cite", List.of(Map.of("text", "Graham et al. HoVer-Net (2019)",
							"doi", "10.1016/j.media.2019.101563"))));
	}

	private static List<Axis> outputAxes(List<String> channels) {
		AxisSize.Reference y = new AxisSize.Reference(INPUT, "y", 0);
		AxisSize.Reference x = new AxisSize.Reference(INPUT, "x", 0);
		return List.of(new Axis.Batch("", false), new Axis.Channel("channel", "", channels),
			new Axis.Space("y", "", y, HALO, 0.25, "micrometer"), new Axis.Space("x", "", x, HALO,
				0.25, "micrometer"));
	}

	/** Test tensors and files for {@link #nucleiModel()}; {@code weights} is a dummy folder. */
	static PackageContents contents(Path scratch) throws IOException {
		Path weights = dummySavedModel(scratch.resolve("saved-model-" + System.nanoTime()));
		return new PackageContents().copy("tf_saved_model", weights).text("README.md",
			"# PumaSeg test nuclei model\n\n## Validation\n\nNone: a test fixture.\n").npy(
				"test_input.npy", random(1, 1, 3, TILE, TILE)).npy("test_output_" + MAPS + ".npy",
					random(2, 1, 3, TILE, TILE)).npy("test_output_" + CLASSES + ".npy", random(3, 1,
						11, TILE, TILE));
	}

	/** Writes a folder that looks like a SavedModel to the package reader but cannot run. */
	static Path dummySavedModel(Path folder) throws IOException {
		Files.createDirectories(folder.resolve("variables"));
		Files.write(folder.resolve("saved_model.pb"), new byte[] { 8, 1, 18, 0 });
		Files.write(folder.resolve("variables/variables.index"), new byte[] { 0 });
		Files.write(folder.resolve("variables/variables.data-00000-of-00001"), new byte[] { 0 });
		return folder;
	}

	static NpyArray random(long seed, int... shape) {
		Random random = new Random(seed);
		float[] values = new float[(int) NpyArray.elementCount(shape)];
		for (int i = 0; i < values.length; i++) {
			values[i] = random.nextFloat();
		}
		return NpyArray.ofFloat32(values, shape);
	}

	/** Writes the valid test package to {@code folder} and returns it opened. */
	static ModelPackage write(Path folder, Path cache) throws IOException {
		return ModelPackageWriter.write(nucleiModel(), contents(folder.getParent()), folder,
			cache);
	}
}
