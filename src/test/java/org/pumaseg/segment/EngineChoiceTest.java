package org.pumaseg.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pumaseg.cli.CliRun;
import org.pumaseg.command.PanopticSegmentationCommand;
import org.pumaseg.ij1.MacroRunner;
import org.pumaseg.image.ImageFileWriter;
import org.pumaseg.model.NpyArray;
import org.pumaseg.model.OfflineMode;
import org.pumaseg.model.ProcessingStep;
import org.pumaseg.model.RunnablePackages;
import org.pumaseg.model.TinyOnnxModels;
import org.pumaseg.model.TinySavedModels;
import org.pumaseg.testimages.SyntheticHeImage;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

import ij.IJ;
import ij.ImagePlus;

/**
 * The engine option of the command line, the Fiji command and the macro. ONNX and TensorFlow
 * weights of the same tissue model give the same tissue classes. Asking for weights that a
 * package lacks is a clear error that writes nothing.
 */
class EngineChoiceTest {

	private static final int TISSUE_CHANNELS = 7;

	@TempDir
	static Path models;

	/** A tissue package with a SavedModel and the equivalent ONNX file. */
	private static Path bothWeights;
	/** The same model with the ONNX file only. */
	private static Path onnxOnly;

	@BeforeAll
	static void writePackages() throws Exception {
		OfflineMode.enable();
		List<float[][][][]> kernels = List.<float[][][][]>of(redBlueKernel());
		RunnablePackages spec = new RunnablePackages(true, 16, 8, 2, TISSUE_CHANNELS, List.of(
			new ProcessingStep("scale_linear", Map.of("gain", 1 / 255.0))), 0.25);
		Path savedModel = TinySavedModels.convolutions(models.resolve("saved"), kernels, true);
		Path onnx = TinyOnnxModels.convolutions(models.resolve("tissue.onnx"), kernels, null,
			false, true, RunnablePackages.INPUT, RunnablePackages.OUTPUT, -1, TinyOnnxModels.OPSET);
		NpyArray input = spec.tensor(new float[3][16 * 16], 16, 16, false);
		NpyArray output = spec.tensor(new float[TISSUE_CHANNELS][16 * 16], 16, 16, true);
		bothWeights = spec.write(models.resolve("both"), models.resolve("cache"), savedModel, onnx,
			input, output).root();
		onnxOnly = spec.write(models.resolve("onnx-only"), models.resolve("cache"), null, onnx,
			input, output).root();
	}

	/**
	 * Creates a 1x1 kernel whose first class wins where red exceeds blue and whose second class
	 * wins where blue exceeds red (stroma against nuclei), so the tissue image has several classes.
	 */
	private static float[][][][] redBlueKernel() {
		float[][][][] kernel = new float[1][1][3][TISSUE_CHANNELS];
		kernel[0][0][0][0] = 8;
		kernel[0][0][2][0] = -8;
		kernel[0][0][0][1] = -8;
		kernel[0][0][2][1] = 8;
		for (int c = 2; c < TISSUE_CHANNELS; c++) {
			kernel[0][0][1][c] = -1;
		}
		return kernel;
	}

	private static ImagePlus tissueImage(Path image, Path tissueModel, String engine)
		throws Exception
	{
		try (Context context = new Context(CommandService.class)) {
			ImagePlus opened = IJ.openImage(image.toString());
			CommandModule module = context.service(CommandService.class).run(
				PanopticSegmentationCommand.class, true, Map.of("image", opened, "segment",
					"tissue only", "tissue_model", tissueModel.toFile(), "tile_size", 64, "engine",
					engine)).get();
			assertFalse(module.isCanceled(), module.getCancelReason());
			return (ImagePlus) module.getOutput("tissue");
		}
	}

	@Test
	void fijiCommandEnginesAgree(@TempDir Path folder) throws Exception {
		Path image = folder.resolve("field.tif");
		ImageFileWriter.write(SyntheticHeImage.render(256, 0.25, 5), image);

		ImagePlus tensorflow = tissueImage(image, bothWeights, "tensorflow");
		ImagePlus onnx = tissueImage(image, bothWeights, "onnx");
		ImagePlus automatic = tissueImage(image, onnxOnly, "auto");

		byte[] classes = (byte[]) tensorflow.getProcessor().getPixels();
		assertTrue(java.util.stream.IntStream.range(0, classes.length).map(i -> classes[i])
			.distinct().count() > 1, "the tissue image has a single class");
		assertArrayEquals(classes, (byte[]) onnx.getProcessor().getPixels());
		assertArrayEquals(classes, (byte[]) automatic.getProcessor().getPixels());
	}

	@Test
	void fijiCommandRejectsMissingWeights(@TempDir Path folder) throws Exception {
		Path image = folder.resolve("field.tif");
		ImageFileWriter.write(SyntheticHeImage.render(64, 0.25, 6), image);

		try (Context context = new Context(CommandService.class)) {
			CommandModule module = context.service(CommandService.class).run(
				PanopticSegmentationCommand.class, true, Map.of("image", IJ.openImage(image
					.toString()), "segment", "tissue only", "tissue_model", onnxOnly.toFile(),
					"engine", "tensorflow")).get();
			assertTrue(module.isCanceled());
			assertTrue(module.getCancelReason().contains("has no tensorflow_saved_model_bundle " +
				"weights"), module.getCancelReason());
		}
	}

	@Test
	void macroRejectsMissingWeights(@TempDir Path folder) throws Exception {
		Path image = folder.resolve("field.tif");
		ImageFileWriter.write(SyntheticHeImage.render(64, 0.25, 7), image);

		MacroRunner.Outcome outcome = MacroRunner.run("open(getArgument());\n" +
			"run(\"Panoptic Segmentation\", \"segment=[tissue only] tissue_model=[" + onnxOnly +
			"] engine=tensorflow\");\n", image.toString());

		assertFalse(outcome.succeeded());
		assertTrue(outcome.invalidInput(), outcome.message());
		assertTrue(outcome.message().contains("has no tensorflow_saved_model_bundle weights"),
			outcome.message());
	}

	@Test
	void macroRunsOnnxEngine(@TempDir Path folder) throws Exception {
		Path image = folder.resolve("field.tif");
		ImageFileWriter.write(SyntheticHeImage.render(64, 0.25, 8), image);

		MacroRunner.Outcome outcome = MacroRunner.run("open(getArgument());\n" +
			"run(\"Panoptic Segmentation\", \"segment=[tissue only] tissue_model=[" + bothWeights +
			"] engine=onnx\");\n", image.toString());

		assertTrue(outcome.succeeded(), outcome.message());
	}

	@Test
	void cliRejectsMissingWeights(@TempDir Path folder) throws Exception {
		Path image = folder.resolve("roi.tif");
		ImageFileWriter.write(SyntheticHeImage.render(64, 0.25, 9), image);
		Path output = folder.resolve("out");

		CliRun run = CliRun.run("segment", image.toString(), "--out", output.toString(),
			"--nuclei-model", onnxOnly.toString(), "--no-tissue", "--engine", "tensorflow");

		assertEquals(2, run.exitCode(), run.err());
		assertTrue(run.err().contains("has no tensorflow_saved_model_bundle weights"), run.err());
		assertTrue(run.err().contains("choose the engine onnx"), run.err());
		assertFalse(Files.exists(output.resolve("roi")));
	}

	@Test
	void cliRejectsUnknownEngine(@TempDir Path folder) throws Exception {
		Path image = folder.resolve("roi.tif");
		ImageFileWriter.write(SyntheticHeImage.render(64, 0.25, 10), image);
		Path output = folder.resolve("out");

		CliRun run = CliRun.run("segment", image.toString(), "--out", output.toString(),
			"--nuclei-model", onnxOnly.toString(), "--no-tissue", "--engine", "pytorch");

		assertEquals(2, run.exitCode(), run.err());
		assertTrue(run.err().contains("'pytorch'"), run.err());
		assertFalse(Files.exists(output.resolve("roi")));
	}
}
