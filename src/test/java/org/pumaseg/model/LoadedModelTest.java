package org.pumaseg.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.pumaseg.InvalidInputException;

/** Loading packages into TensorFlow, running tiles and verifying against test tensors. */
class LoadedModelTest {

	static {
		OfflineMode.enable();
	}

	private static final int SIZE = 32;
	private static final List<float[][][][]> KERNELS = List.<float[][][][]>of(TinySavedModels.randomKernel(3, 3,
		2, 7));

	@TempDir
	Path folder;

	private static final List<ProcessingStep> PREPROCESSING = List.of(new ProcessingStep(
		"scale_linear", Map.of("gain", 1 / 255.0)), new ProcessingStep("zero_mean_unit_variance",
			Map.of("axes", List.of("batch", "y", "x"))));

	/** A random RGB test tile with values 0..255 as planes. */
	private static float[][] randomTile(long seed, int height, int width) {
		Random random = new Random(seed);
		float[][] planes = new float[3][height * width];
		for (float[] plane : planes) {
			for (int i = 0; i < plane.length; i++) {
				plane[i] = random.nextInt(256);
			}
		}
		return planes;
	}

	/** What the package's preprocessing gives: x / 255, then per-channel zero mean, unit std. */
	private static float[][] preprocessed(float[][] planes) {
		float[][] result = new float[planes.length][];
		for (int c = 0; c < planes.length; c++) {
			double sum = 0;
			for (float v : planes[c]) {
				sum += v / 255.0;
			}
			double mean = sum / planes[c].length;
			double squares = 0;
			for (float v : planes[c]) {
				squares += (v / 255.0 - mean) * (v / 255.0 - mean);
			}
			double std = Math.sqrt(squares / planes[c].length);
			result[c] = new float[planes[c].length];
			for (int i = 0; i < planes[c].length; i++) {
				result[c][i] = (float) ((planes[c][i] / 255.0 - mean) / (std + 1e-6));
			}
		}
		return result;
	}

	private ModelPackage writePackage(String name, boolean channelsFirst, float disagreement)
		throws IOException
	{
		RunnablePackages spec = new RunnablePackages(channelsFirst, SIZE, 16, 4, 2, PREPROCESSING,
			0.25);
		Path savedModel = TinySavedModels.convolutions(folder.resolve("saved-" + name), KERNELS,
			channelsFirst);
		float[][] input = randomTile(3, SIZE, SIZE);
		float[][] expected = ConvolutionReference.convolve(preprocessed(input), SIZE, SIZE,
			KERNELS);
		expected[1][5 * SIZE + 9] += disagreement;
		return spec.write(folder.resolve(name), folder.resolve("cache"), savedModel, spec.tensor(
			input, SIZE, SIZE, false), spec.tensor(expected, SIZE, SIZE, true));
	}

	@Test
	void exportedPackageVerifiesChannelsLast() throws IOException {
		ModelPackage written = writePackage("nhwc", false, 0);

		try (LoadedModel model = LoadedModel.load(ModelPackage.open(written.root(), folder.resolve(
			"cache"), ZipLimits.DEFAULT), 1))
		{
			model.verify();
			assertEquals(4, model.haloPixels());
			assertEquals(48, model.validTileSize("x", 33));
			assertTrue(model.takesBatches());
		}
	}

	@Test
	void exportedPackageVerifiesChannelsFirst() throws IOException {
		ModelPackage written = writePackage("nchw", true, 0);

		try (LoadedModel model = LoadedModel.load(written, 0)) {
			model.verify();
		}
	}

	@Test
	void zippedPackageLoadsAndVerifies() throws IOException {
		ModelPackage written = writePackage("zipped", false, 0);
		Path zip = folder.resolve("zipped.zip");
		ModelPackageWriter.zip(written.root(), zip);

		try (LoadedModel model = LoadedModel.load(ModelPackage.open(zip, folder.resolve("cache"),
			ZipLimits.DEFAULT), 0))
		{
			model.verify();
		}
	}

	@Test
	void runMatchesJavaConvolution() throws IOException {
		ModelPackage written = writePackage("run", true, 0);
		float[][] tile = preprocessed(randomTile(11, 48, 32));

		float[][] output;
		try (LoadedModel model = LoadedModel.load(written, 0)) {
			output = model.run(new float[][][] { tile }, 48, 32).get(RunnablePackages.OUTPUT)[0];
		}

		float[][] expected = ConvolutionReference.convolve(tile, 48, 32, KERNELS);
		assertEquals(2, output.length);
		assertArrayEquals(expected[0], output[0], 1e-4f);
		assertArrayEquals(expected[1], output[1], 1e-4f);
	}

	@ParameterizedTest(name = "channels first: {0}")
	@ValueSource(booleans = { false, true })
	void runInPlaceReadsWhatRunUnpacks(boolean channelsFirst) throws IOException {
		ModelPackage written = writePackage("in-place-" + channelsFirst, channelsFirst, 0);
		float[][][] tiles = { preprocessed(randomTile(12, 48, 32)), preprocessed(randomTile(13, 48,
			32)) };

		try (LoadedModel model = LoadedModel.load(written, 0)) {
			float[][][] unpacked = model.run(tiles, 48, 32).get(RunnablePackages.OUTPUT);
			OutputTiles inPlace = model.runInPlace(tiles, 48, 32).get(RunnablePackages.OUTPUT);

			assertEquals(2, inPlace.batchSize());
			assertEquals(2, inPlace.channelCount());
			assertEquals(channelsFirst ? 1 : 2, inPlace.columnStride());
			assertEquals(unpacked[1][1][47 * 32 + 31], inPlace.get(1, 1, 47, 31));
			assertPlanesEqual(unpacked, inPlace);
		}
	}

	@Test
	void runInPlaceAppliesOutputPostprocessing() throws IOException {
		ModelPackage written = writePackage("sigmoid", false, 0);
		Path rdf = written.root().resolve("rdf.yaml");
		String yaml = Files.readString(rdf, StandardCharsets.UTF_8);
		String outputTest = "      source: test_output.npy\n";
		assertTrue(yaml.contains(outputTest), yaml);
		Files.writeString(rdf, yaml.replace(outputTest, outputTest +
			"    postprocessing:\n      - id: sigmoid\n"), StandardCharsets.UTF_8);
		float[][] tile = preprocessed(randomTile(14, 48, 32));

		try (LoadedModel model = LoadedModel.load(ModelPackage.open(written.root(), folder.resolve(
			"cache"), ZipLimits.DEFAULT), 0))
		{
			float[][][] unpacked = model.run(new float[][][] { tile }, 48, 32).get(
				RunnablePackages.OUTPUT);
			OutputTiles inPlace = model.runInPlace(new float[][][] { tile }, 48, 32).get(
				RunnablePackages.OUTPUT);

			float[][] convolved = ConvolutionReference.convolve(tile, 48, 32, KERNELS);
			assertEquals(1 / (1 + Math.exp(-convolved[0][100])), unpacked[0][0][100], 1e-4);
			assertPlanesEqual(unpacked, inPlace);
		}
	}

	private static void assertPlanesEqual(float[][][] expected, OutputTiles actual) {
		for (int b = 0; b < expected.length; b++) {
			for (int c = 0; c < expected[b].length; c++) {
				for (int y = 0; y < actual.height(); y++) {
					for (int x = 0; x < actual.width(); x++) {
						assertEquals(expected[b][c][y * actual.width() + x], actual.get(b, c, y, x),
							"tile " + b + ", channel " + c + ", y " + y + ", x " + x);
					}
				}
			}
		}
	}

	@Test
	void disagreeingTestTensorsAreReported() throws IOException {
		ModelPackage written = writePackage("wrong", false, 0.5f);

		try (LoadedModel model = LoadedModel.load(written, 0)) {
			InvalidInputException error = assertThrows(InvalidInputException.class, model::verify);

			String message = error.getMessage();
			assertTrue(message.contains("output 'maps' does not match its test tensor " +
				"test_output.npy"), message);
			assertTrue(message.contains("1 of 2048 elements"), message);
			assertTrue(message.contains("largest difference is 0.500"), message);
			assertTrue(message.contains("Fix: "), message);
		}
	}

	@Test
	void saveModelThatTensorFlowCannotLoadIsRejected() throws IOException {
		ModelPackage dummy = TestPackages.write(folder.resolve("dummy"), folder.resolve("cache"));

		InvalidInputException error = assertThrows(InvalidInputException.class,
			() -> LoadedModel.load(dummy, 0));

		assertTrue(error.getMessage().contains("TensorFlow cannot load the SavedModel"), error
			.getMessage());
	}

	@Test
	void missingWeightsAreRejected() throws IOException {
		ModelPackage written = writePackage("no-weights", false, 0);
		ModelPackage.deleteRecursively(written.root().resolve("tf_saved_model"));

		InvalidInputException error = assertThrows(InvalidInputException.class,
			() -> LoadedModel.open(written.root()));

		assertTrue(error.getMessage().contains("tf_saved_model"), error.getMessage());
	}

	@Test
	void wrongAxesAreRejected() throws IOException {
		ModelPackage written = writePackage("axes", false, 0);
		Path rdf = written.root().resolve("rdf.yaml");
		String yaml = Files.readString(rdf, StandardCharsets.UTF_8);
		Files.writeString(rdf, yaml.replaceFirst("id: y", "id: z"), StandardCharsets.UTF_8);

		InvalidInputException error = assertThrows(InvalidInputException.class,
			() -> LoadedModel.open(written.root()));

		assertTrue(error.getMessage().contains("rdf.yaml") || error.getMessage().contains(
			"axes"), error.getMessage());
	}

	@Test
	void zipEntryLeavingThePackageIsRejected() throws IOException {
		ModelPackage written = writePackage("slip", false, 0);
		Path zip = folder.resolve("slip.zip");
		try (ZipBuilder builder = new ZipBuilder(zip)) {
			builder.addTree(written.root(), "");
			builder.add("../x", new byte[] { 1 });
		}

		InvalidInputException error = assertThrows(InvalidInputException.class,
			() -> LoadedModel.open(zip));

		assertTrue(error.getMessage().contains("'../x'"), error.getMessage());
	}

	@Test
	void zipBombIsRejected() throws IOException {
		ModelPackage written = writePackage("bomb", false, 0);
		Path zip = folder.resolve("bomb.zip");
		try (ZipBuilder builder = new ZipBuilder(zip)) {
			builder.addTree(written.root(), "");
			builder.addZeros("zeros.bin", 64L << 20);
		}

		InvalidInputException error = assertThrows(InvalidInputException.class,
			() -> LoadedModel.open(zip));

		assertTrue(error.getMessage().contains("zip bombs"), error.getMessage());
	}

	@Test
	void negativeThreadCountIsRejected() throws IOException {
		ModelPackage written = writePackage("threads", false, 0);

		assertThrows(InvalidInputException.class, () -> LoadedModel.load(written, -1));
	}
}
