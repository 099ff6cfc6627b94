package org.pumaseg.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pumaseg.InvalidInputException;
import org.yaml.snakeyaml.Yaml;

class ModelPackageTest {

	@TempDir
	Path folder;

	private Path cache() {
		return folder.resolve("cache");
	}

	@Test
	void writtenPackageOpensWithTheSameDescription() throws IOException {
		Path target = folder.resolve("nuclei-model");

		ModelPackage written = TestPackages.write(target, cache());
		ModelPackage opened = ModelPackage.open(target, cache(), ZipLimits.DEFAULT);

		assertEquals(TestPackages.nucleiModel(), opened.description());
		assertEquals(written.description(), opened.description());
		assertEquals(target.toRealPath().resolve("tf_saved_model"), opened.savedModelDirectory());
		assertTrue(opened.onnxFile().isEmpty());
		assertEquals(TestPackages.random(2, 1, 3, 64, 64), opened.testTensor(TestPackages.MAPS));
		assertTrue(Files.isRegularFile(target.resolve("rdf.yaml")));
		assertEquals(ModelPackage.open(target.resolve("rdf.yaml"), cache(), ZipLimits.DEFAULT)
			.description(), opened.description(), "rdf.yaml opens its folder");
		assertNoLeftovers(folder);
	}

	@Test
	void packageFilesGetDefaultPermissions() throws IOException {
		// Training writes its SavedModel into a private scratch folder.
		PackageContents contents = TestPackages.contents(folder.resolve("scratch"));
		try (var files = Files.walk(folder.resolve("scratch"))) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
			}
		}
		Path fresh = Files.createFile(folder.resolve("fresh"));
		Path freshFolder = Files.createDirectory(folder.resolve("fresh-folder"));

		ModelPackageWriter.write(TestPackages.nucleiModel(), contents, folder.resolve("shared"),
			cache());

		Path written = folder.resolve("shared");
		assertEquals(Files.getPosixFilePermissions(freshFolder), Files.getPosixFilePermissions(
			written));
		try (var files = Files.walk(written)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				assertEquals(Files.getPosixFilePermissions(fresh), Files.getPosixFilePermissions(
					file), file.toString());
			}
		}
	}

	@Test
	void zippedPackageOpensAndIsUnpackedOnce() throws IOException {
		Path packageFolder = folder.resolve("nuclei-model");
		TestPackages.write(packageFolder, cache());
		Path zip = folder.resolve("nuclei-model.zip");
		ModelPackageWriter.zip(packageFolder, zip);

		ModelPackage first = ModelPackage.open(zip, cache(), ZipLimits.DEFAULT);
		ModelPackage second = ModelPackage.open(zip, cache(), ZipLimits.DEFAULT);

		assertEquals(TestPackages.nucleiModel(), first.description());
		assertEquals(first.root(), second.root(), "the unpacked copy is reused");
		assertTrue(first.root().startsWith(cache().toRealPath()));
		assertTrue(Files.isRegularFile(first.savedModelDirectory().resolve("saved_model.pb")));
		assertEquals("nuclei-model.zip", first.name());
		assertNoLeftovers(cache());
	}

	@Test
	void zippedSavedModelInsideThePackageIsUnpacked() throws IOException {
		Path savedModel = TestPackages.dummySavedModel(folder.resolve("scratch/model"));
		Path weightsZip = folder.resolve("scratch/tf_weights.zip");
		try (ZipBuilder zip = new ZipBuilder(weightsZip)) {
			zip.add("model/saved_model.pb", Files.readAllBytes(savedModel.resolve("saved_model.pb")));
			zip.add("model/variables/variables.index", new byte[] { 0 });
		}
		ModelDescription model = withWeights(TestPackages.nucleiModel(), TensorflowWeights.of(
			"tf_weights.zip", "2.10.1"));
		PackageContents contents = TestPackages.contents(folder.resolve("scratch"));
		PackageContents zipped = new PackageContents();
		contents.items().forEach((path, item) -> {
			if (!path.equals("tf_saved_model")) {
				put(zipped, path, item);
			}
		});
		zipped.copy("tf_weights.zip", weightsZip);

		ModelPackage opened = ModelPackageWriter.write(model, zipped, folder.resolve("zipped"),
			cache());

		assertTrue(opened.savedModelDirectory().startsWith(cache().toRealPath()));
		assertEquals("model", opened.savedModelDirectory().getFileName().toString());
		assertTrue(Files.isRegularFile(opened.savedModelDirectory().resolve("saved_model.pb")));
	}

	@Test
	void writerLeavesNothingWhenAFileIsMissing() throws IOException {
		PackageContents contents = new PackageContents().text("README.md", "# card\n");
		Path target = folder.resolve("incomplete");

		InvalidInputException error = assertThrows(InvalidInputException.class,
			() -> ModelPackageWriter.write(TestPackages.nucleiModel(), contents, target, cache()));

		assertTrue(error.getMessage().startsWith("Model package 'incomplete', file '"), error
			.getMessage());
		assertTrue(error.getMessage().contains("missing from the package"), error.getMessage());
		assertFalse(Files.exists(target));
		assertNoLeftovers(folder);
	}

	@Test
	void writerRefusesAnExistingFolderAndInvalidDescriptions() throws IOException {
		Path target = Files.createDirectories(folder.resolve("existing"));
		InvalidInputException exists = assertThrows(InvalidInputException.class,
			() -> TestPackages.write(target, cache()));
		assertTrue(exists.getMessage().contains("already exists"), exists.getMessage());

		ModelDescription noRgb = withPixelSize(TestPackages.nucleiModel(), 1000);
		InvalidInputException invalid = assertThrows(InvalidInputException.class,
			() -> ModelPackageWriter.write(noRgb, TestPackages.contents(folder), folder.resolve(
				"new"), cache()));
		assertTrue(invalid.getMessage().contains("pixel_size_um"), invalid.getMessage());
		assertFalse(Files.exists(folder.resolve("new")));
	}

	// --- the table of bad packages -------------------------------------------------------

	/** Breaks a valid package: edits its rdf.yaml tree and/or its files. */
	interface Breakage {
		void apply(Path root, Map<String, Object> rdf) throws IOException;
	}

	static Stream<Arguments> badPackages() {
		List<Arguments> cases = new ArrayList<>();
		add(cases, "missing weights folder", (root, rdf) -> delete(root.resolve("tf_saved_model")),
			"file 'tf_saved_model'", "missing from the package", "add the file");
		add(cases, "no runnable weights entry", (root, rdf) -> {
			Map<String, Object> weights = map(rdf, "weights");
			weights.clear();
			weights.put("pytorch_state_dict", new LinkedHashMap<>(Map.of("source", "weights.pt")));
		}, "field 'weights'", "neither a 'tensorflow_saved_model_bundle' nor an 'onnx'",
			"SavedModel or as ONNX");
		add(cases, "ONNX weights entry without its file", (root, rdf) -> {
			Map<String, Object> weights = map(rdf, "weights");
			weights.clear();
			weights.put("onnx", new LinkedHashMap<>(Map.of("source", "model.onnx", "opset_version",
				17)));
		}, "file 'model.onnx'", "missing from the package");
		add(cases, "unknown weights format", (root, rdf) -> map(rdf, "weights").put("caffe",
			Map.of("source", "x")), "field 'weights.caffe'", "not a weights format");
		add(cases, "weights folder without saved_model.pb", (root, rdf) -> Files.delete(root
			.resolve("tf_saved_model/saved_model.pb")), "file 'tf_saved_model'", "saved_model.pb");
		add(cases, "weights as a web address", (root, rdf) -> map(rdf, "weights",
			"tensorflow_saved_model_bundle").put("source", "https://example.org/model.zip"),
			"weights.tensorflow_saved_model_bundle.source", "web address", "never downloads");

		add(cases, "extra file", (root, rdf) -> Files.writeString(root.resolve("notes.txt"), "x"),
			"file 'notes.txt'", "does not name it", "attachments");
		add(cases, "missing test tensor", (root, rdf) -> Files.delete(root.resolve(
			"test_output_nucleus_classes.npy")), "file 'test_output_nucleus_classes.npy'",
			"outputs[1].test_tensor", "missing");
		add(cases, "path leaving the package", (root, rdf) -> map(rdf, "inputs", 0, "test_tensor")
			.put("source", "../test_input.npy"), "field 'inputs[0].test_tensor.source'",
			"leaves the package");
		add(cases, "absolute path", (root, rdf) -> rdf.put("documentation", "/etc/passwd.md"),
			"field 'documentation'", "absolute path");
		add(cases, "checksum mismatch", (root, rdf) -> map(rdf, "inputs", 0, "test_tensor").put(
			"sha256", "0".repeat(64)), "file 'test_input.npy'", "inputs[0].test_tensor.sha256",
			"changed or damaged");

		add(cases, "input without channel axis", (root, rdf) -> {
			list(rdf, "inputs", 0, "axes").remove(1);
			map(rdf, "inputs", 0).remove("preprocessing");
		}, "field 'inputs[0].axes'", "no channel axis");
		add(cases, "time axis", (root, rdf) -> map(rdf, "inputs", 0, "axes", 0).put("type",
			"time"), "field 'inputs[0].axes[0].type'", "'time'", "2-D");
		add(cases, "repeated axis id", (root, rdf) -> map(rdf, "outputs", 0, "axes", 3).put("id",
			"y"), "field 'outputs[0].axes[3].id'", "repeats the axis id 'y'");
		add(cases, "size reference to an unknown tensor", (root, rdf) -> map(rdf, "outputs", 0,
			"axes", 2, "size").put("tensor_id", "raw"), "field 'outputs[0].axes[2].size.tensor_id'",
			"'raw'");
		add(cases, "halo of half the tile", (root, rdf) -> map(rdf, "outputs", 1, "axes", 3).put(
			"halo", 32), "field 'outputs[1].axes[3].halo'", "not less than half of the smallest " +
				"tile (64 px)", "below 32 px");
		add(cases, "halo on an input axis", (root, rdf) -> map(rdf, "inputs", 0, "axes", 2).put(
			"halo", 8), "field 'inputs[0].axes[2].halo'", "not a known field");
		add(cases, "min/step size on an output", (root, rdf) -> map(rdf, "outputs", 0, "axes", 2)
			.put("size", Map.of("min", 64, "step", 32)), "field 'outputs[0].axes[2].size'",
			"series on an output axis");
		add(cases, "four-channel input", (root, rdf) -> list(rdf, "inputs", 0, "axes", 1,
			"channel_names").add("alpha"), "field 'inputs[0].axes'", "4 channels", "RGB");
		add(cases, "int64 input", (root, rdf) -> map(rdf, "inputs", 0, "data").put("type",
			"int64"), "field 'inputs[0].data.type'", "float32 or uint8");
		add(cases, "uint8 output", (root, rdf) -> map(rdf, "outputs", 0, "data").put("type",
			"uint8"), "field 'outputs[0].data.type'", "float");
		add(cases, "unknown data type", (root, rdf) -> map(rdf, "outputs", 0, "data").put("type",
			"float16"), "field 'outputs[0].data.type'", "'float16'");

		add(cases, "test input of an invalid size", (root, rdf) -> Npy.write(root.resolve(
			"test_input.npy"), TestPackages.random(1, 1, 3, 60, 64)), "file 'test_input.npy'",
			"axis 'y' is 60", "64 + n * 32");
		add(cases, "test output not following the input size", (root, rdf) -> Npy.write(root
			.resolve("test_output_nuclei_maps.npy"), TestPackages.random(1, 1, 3, 64, 96)),
			"file 'test_output_nuclei_maps.npy'", "axis 'x' is 96", "needs 64");
		add(cases, "test tensor missing a dimension", (root, rdf) -> Npy.write(root.resolve(
			"test_input.npy"), TestPackages.random(1, 3, 64, 64)), "file 'test_input.npy'",
			"3 dimensions", "(batch, channel, y, x)");
		add(cases, "test tensor of the wrong type", (root, rdf) -> map(rdf, "inputs", 0, "data")
			.put("type", "uint8"), "file 'test_input.npy'", "float32 values", "uint8");
		add(cases, "test output with NaN", (root, rdf) -> {
			float[] values = TestPackages.random(5, 1, 3, 64, 64).toFloatArray();
			values[100] = Float.NaN;
			Npy.write(root.resolve("test_output_nuclei_maps.npy"), NpyArray.ofFloat32(values, 1, 3,
				64, 64));
		}, "file 'test_output_nuclei_maps.npy'", "NaN");
		add(cases, "unequal test batches", (root, rdf) -> {
			Npy.write(root.resolve("test_input.npy"), TestPackages.random(1, 2, 3, 64, 64));
			Npy.write(root.resolve("test_output_nuclei_maps.npy"), TestPackages.random(1, 3, 3, 64,
				64));
		}, "test_output_nuclei_maps.npy", "batch of 3", "batch of 2");
		add(cases, "not a .npy file", (root, rdf) -> Files.writeString(root.resolve(
			"test_input.npy"), "1, 2, 3, 4, 5, 6, 7, 8, 9, 10"),
			"Model package 'pkg': NumPy file 'test_input.npy'",
			"magic string");

		add(cases, "unknown class name", (root, rdf) -> list(rdf, "config", "pumaseg",
			"nucleus_classes", "names").set(1, "nuclei_tumour"),
			"field 'config.pumaseg.nucleus_classes.names[1]'", "'nuclei_tumour'",
			"nuclei_tumor");
		add(cases, "track-1 group next to track-2 classes", (root, rdf) -> list(rdf, "config",
			"pumaseg", "nucleus_classes", "names").set(10, "nuclei_other"),
			"field 'config.pumaseg.nucleus_classes.names[3]'", "'nuclei_plasma_cell'",
			"counts in 'nuclei_lymphocyte'", "'nuclei_other'", "list either the track-1 classes " +
				"nuclei_tumor, nuclei_lymphocyte, nuclei_other");
		add(cases, "colour count mismatch", (root, rdf) -> list(rdf, "config", "pumaseg",
			"nucleus_classes", "colors").remove(3), "field 'config.pumaseg.nucleus_classes.colors'",
			"10 colours for 11 class names", "one '#rrggbb' colour per class name");
		add(cases, "malformed colour", (root, rdf) -> list(rdf, "config", "pumaseg",
			"nucleus_classes", "colors").set(2, "green"),
			"field 'config.pumaseg.nucleus_classes.colors[2]'", "'green'");
		add(cases, "class count not matching the channels", (root, rdf) -> {
			list(rdf, "config", "pumaseg", "nucleus_classes", "names").remove(10);
			list(rdf, "config", "pumaseg", "nucleus_classes", "colors").remove(10);
		}, "field 'config.pumaseg.outputs[3]'", "11 channels", "one channel per name in " +
			"nucleus_classes (10)");
		add(cases, "undescribed output channel", (root, rdf) -> list(rdf, "config", "pumaseg",
			"outputs").remove(2), "field 'config.pumaseg.outputs'", "channel 2 of output " +
				"'nuclei_maps'", "channel: 2");
		add(cases, "nuclei model without distance maps", (root, rdf) -> {
			list(rdf, "config", "pumaseg", "outputs").remove(1);
			list(rdf, "config", "pumaseg", "outputs").remove(1);
			map(rdf, "config", "pumaseg", "outputs", 0).remove("channel");
			list(rdf, "outputs", 0, "axes", 1, "channel_names").subList(1, 3).clear();
			Npy.write(root.resolve("test_output_nuclei_maps.npy"), TestPackages.random(1, 1, 1, 64,
				64));
		}, "field 'config.pumaseg.outputs'", "'horizontal_distance'");
		add(cases, "probability output without values", (root, rdf) -> map(rdf, "config",
			"pumaseg", "outputs", 3).remove("values"), "field 'config.pumaseg.outputs[3].values'",
			"probability", "logit");
		add(cases, "unused tissue classes", (root, rdf) -> map(rdf, "config", "pumaseg").put(
			"tissue_classes", Map.of("names", List.of("tissue_tumor"), "colors", List.of(
				"#c80000"))), "field 'config.pumaseg.tissue_classes'", "no output");
		add(cases, "missing config.pumaseg", (root, rdf) -> map(rdf, "config").remove("pumaseg"),
			"field 'config.pumaseg'", "is missing", "docs/model-package.md");
		add(cases, "implausible pixel size", (root, rdf) -> {
			map(rdf, "config", "pumaseg").put("pixel_size_um", 250);
		}, "field 'config.pumaseg.pixel_size_um'", "plausible range");
		add(cases, "axis scale disagreeing with the pixel size", (root, rdf) -> map(rdf, "inputs",
			0, "axes", 3).put("scale", 0.5), "field 'inputs[0].axes[3].scale'", "0.5 µm",
			"pixel_size_um is 0.25");
		add(cases, "newer config version", (root, rdf) -> map(rdf, "config", "pumaseg").put(
			"version", 2), "field 'config.pumaseg.version'", "update PumaSeg");

		add(cases, "misspelt top-level field", (root, rdf) -> rdf.put("ouputs", List.of()),
			"field 'ouputs'", "not a known field", "spelling");
		add(cases, "format 0.4", (root, rdf) -> rdf.put("format_version", "0.4.10"),
			"field 'format_version'", "0.5.x", "bioimageio.spec");
		add(cases, "unknown preprocessing", (root, rdf) -> map(rdf, "inputs", 0, "preprocessing",
			0).put("id", "normalize"), "field 'inputs[0].preprocessing[0].id'", "'normalize'",
			"zero_mean_unit_variance");
		add(cases, "postprocessing-only step as preprocessing", (root, rdf) -> map(rdf, "inputs",
			0, "preprocessing", 0).put("id", "scale_mean_variance"),
			"field 'inputs[0].preprocessing[0].id'", "not a bioimage.io preprocessing operation");
		add(cases, "preprocessing over an unknown axis", (root, rdf) -> map(rdf, "inputs", 0,
			"preprocessing", 1, "kwargs").put("axis", "c"),
			"field 'inputs[0].preprocessing[1].kwargs.axis'", "'c'", "batch, channel, y, x");
		add(cases, "ONNX opset too old", (root, rdf) -> {
			Files.write(root.resolve("model.onnx"), new byte[] { 1 });
			map(rdf, "weights").put("onnx", new LinkedHashMap<>(Map.of("source", "model.onnx",
				"opset_version", 5)));
		}, "field 'weights.onnx.opset_version'", "is 5");
		add(cases, "weights parent not in the package", (root, rdf) -> map(rdf, "weights",
			"tensorflow_saved_model_bundle").put("parent", "pytorch_state_dict"),
			"field 'weights.tensorflow_saved_model_bundle.parent'", "not among the weights");
		add(cases, "YAML syntax error", (root, rdf) -> rdf.put("description", "x"), "rdf.yaml",
			"line");
		add(cases, "two description files", (root, rdf) -> Files.copy(root.resolve("rdf.yaml"),
			root.resolve("bioimageio.yaml")), "file 'bioimageio.yaml'", "second description");
		return cases.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badPackages")
	void badPackagesAreRejectedWithAClearMessage(String name, Breakage breakage,
		List<String> expected) throws IOException
	{
		Path root = folder.resolve("pkg");
		TestPackages.write(root, cache());
		Map<String, Object> rdf = new Yaml().load(Files.readString(root.resolve("rdf.yaml")));
		breakage.apply(root, rdf);
		String text = new Yaml().dump(rdf);
		if (name.equals("YAML syntax error")) {
			text = text + "  - : [\n";
		}
		Files.writeString(root.resolve("rdf.yaml"), text);

		InvalidInputException error = assertThrows(InvalidInputException.class,
			() -> ModelPackage.open(root, cache(), ZipLimits.DEFAULT));

		String message = error.getMessage();
		assertTrue(message.startsWith("Model package 'pkg'"), message);
		assertTrue(message.contains("Fix: "), message);
		for (String part : expected) {
			assertTrue(message.contains(part), "'" + part + "' missing from: " + message);
		}
	}

	@Test
	void symbolicLinksInAFolderAreRejected() throws IOException {
		Path root = folder.resolve("pkg");
		TestPackages.write(root, cache());
		Path outside = Files.writeString(folder.resolve("secret.txt"), "secret");
		Path link = root.resolve("tf_saved_model/variables/link");
		try {
			Files.createSymbolicLink(link, outside);
		}
		catch (UnsupportedOperationException | IOException e) {
			assumeTrue(false, "this file system has no symbolic links");
		}

		InvalidInputException error = assertThrows(InvalidInputException.class,
			() -> ModelPackage.open(root, cache(), ZipLimits.DEFAULT));

		assertTrue(error.getMessage().contains("file 'tf_saved_model/variables/link'"), error
			.getMessage());
		assertTrue(error.getMessage().contains("symbolic link"), error.getMessage());
	}

	@Test
	void missingOrUnknownSourcesAreRejected() throws IOException {
		InvalidInputException missing = assertThrows(InvalidInputException.class,
			() -> ModelPackage.open(folder.resolve("nowhere"), cache(), ZipLimits.DEFAULT));
		assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());

		Path text = Files.writeString(folder.resolve("model.bin"), "not a package");
		InvalidInputException unknown = assertThrows(InvalidInputException.class,
			() -> ModelPackage.open(text, cache(), ZipLimits.DEFAULT));
		assertTrue(unknown.getMessage().contains("neither a folder nor a .zip"), unknown
			.getMessage());

		Path fakeZip = Files.writeString(folder.resolve("model.zip"), "not a zip");
		InvalidInputException notZip = assertThrows(InvalidInputException.class,
			() -> ModelPackage.open(fakeZip, cache(), ZipLimits.DEFAULT));
		assertTrue(notZip.getMessage().contains("is named .zip but is not a zip archive"), notZip
			.getMessage());

		Path empty = Files.createDirectories(folder.resolve("empty"));
		InvalidInputException noRdf = assertThrows(InvalidInputException.class,
			() -> ModelPackage.open(empty, cache(), ZipLimits.DEFAULT));
		assertTrue(noRdf.getMessage().contains("has no rdf.yaml"), noRdf.getMessage());
	}

	// --- helpers -------------------------------------------------------------------------

	private static void add(List<Arguments> cases, String name, Breakage breakage,
		String... expected)
	{
		cases.add(Arguments.of(name, breakage, List.of(expected)));
	}

	@SuppressWarnings("unchecked")
	private static Object at(Object root, Object... path) {
		Object node = root;
		for (Object step : path) {
			node = step instanceof Integer ? ((List<Object>) node).get((Integer) step)
				: ((Map<String, Object>) node).get(step);
		}
		return node;
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(Object root, Object... path) {
		return (Map<String, Object>) at(root, path);
	}

	@SuppressWarnings("unchecked")
	static List<Object> list(Object root, Object... path) {
		return (List<Object>) at(root, path);
	}

	static void delete(Path path) throws IOException {
		ModelPackage.deleteRecursively(path);
	}

	/** No temporary folders or files are left where packages were written or unpacked. */
	static void assertNoLeftovers(Path where) throws IOException {
		try (Stream<Path> files = Files.walk(where)) {
			List<Path> leftovers = files.filter(path -> {
				String name = path.getFileName().toString();
				return name.contains(".unpacking-") || name.contains(".writing-") || name.endsWith(
					".tmp");
			}).toList();
			assertEquals(List.of(), leftovers);
		}
	}

	private static ModelDescription withWeights(ModelDescription m, TensorflowWeights weights) {
		return new ModelDescription(m.formatVersion(), m.name(), m.description(), m.authors(), m
			.license(), m.documentation(), m.covers(), m.tags(), m.inputs(), m.outputs(), Weights.of(
				weights), m.attachments(), m.reproducibilityTolerances(), m.pumaseg(), m
					.otherConfig(), m.otherFields());
	}

	private static ModelDescription withPixelSize(ModelDescription m, double pixelSize) {
		PumaSegConfig c = m.pumaseg();
		return new ModelDescription(m.formatVersion(), m.name(), m.description(), m.authors(), m
			.license(), m.documentation(), m.covers(), m.tags(), m.inputs(), m.outputs(), m
				.weights(), m.attachments(), m.reproducibilityTolerances(), new PumaSegConfig(c
					.version(), pixelSize, c.outputs(), c.nucleusClasses(), c.tissueClasses()), m
						.otherConfig(), m.otherFields());
	}

	private static void put(PackageContents contents, String path, PackageContents.Item item) {
		if (item instanceof PackageContents.CopyOf) {
			contents.copy(path, ((PackageContents.CopyOf) item).path());
		}
		else if (item instanceof PackageContents.Array) {
			contents.npy(path, ((PackageContents.Array) item).array());
		}
		else {
			contents.text(path, new String(((PackageContents.Bytes) item).bytes(),
				StandardCharsets.UTF_8));
		}
	}
}
