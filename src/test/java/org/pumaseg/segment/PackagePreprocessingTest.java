package org.pumaseg.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pumaseg.Progress;
import org.pumaseg.image.PixelSize;
import org.pumaseg.image.RgbImage;
import org.pumaseg.model.ModelDescription;
import org.pumaseg.model.ModelPackageWriter;
import org.pumaseg.model.OfflineMode;
import org.pumaseg.model.PackageContents;
import org.pumaseg.model.ProcessingStep;
import org.pumaseg.model.PumaSegConfig;
import org.pumaseg.model.RunnablePackages;
import org.pumaseg.model.TinySavedModels;
import org.pumaseg.model.tiling.TilingSettings;
import org.pumaseg.nuclei.NucleiDecodingOptions;
import org.pumaseg.preprocess.PreprocessingChain;
import org.pumaseg.tissue.TissueDecodingOptions;

/**
 * A model package's PumaSeg preprocessing chain runs in the panoptic pipeline, on the image
 * at the model's pixel size, before the model.
 */
class PackagePreprocessingTest {

	static {
		OfflineMode.enable();
	}

	/** Reinhard normalisation towards a strongly magenta target, so the argmax moves. */
	private static final List<Map<String, Object>> CHAIN = List.of(Map.of("name", "reinhard",
		"parameters", Map.of("target_mean", List.of(55, 45, -35), "target_std", List.of(12, 8,
			8))));

	@TempDir
	Path folder;

	/**
	 * Writes a tissue package whose model passes the scaled RGB values through unchanged, as
	 * probabilities of background, stroma and blood vessel, with {@code chain} in its config.
	 */
	private Path tissuePackage(String name, List<Map<String, Object>> chain) throws IOException {
		RunnablePackages spec = new RunnablePackages(false, 16, 8, 2, 3, List.of(
			new ProcessingStep("scale_linear", Map.of("gain", 1 / 255.0))), 0.25);
		float[][][][] identity = new float[1][1][3][3];
		for (int c = 0; c < 3; c++) {
			identity[0][0][c][c] = 1;
		}
		Path savedModel = TinySavedModels.convolutions(folder.resolve(name + "-saved"), List
			.<float[][][][]>of(identity), false);
		ModelDescription plain = spec.description();
		PumaSegConfig c = plain.pumaseg();
		PumaSegConfig config = new PumaSegConfig(c.version(), c.pixelSizeUm(), c.outputs(), c
			.nucleusClasses(), c.tissueClasses(), chain);
		ModelDescription description = new ModelDescription(plain.formatVersion(), plain.name(),
			plain.description(), plain.authors(), plain.license(), plain.documentation(), plain
				.covers(), plain.tags(), plain.inputs(), plain.outputs(), plain.weights(), plain
					.attachments(), plain.reproducibilityTolerances(), config, plain.otherConfig(), plain
						.otherFields());
		PackageContents contents = new PackageContents().copy("tf_saved_model", savedModel).npy(
			"test_input.npy", spec.tensor(new float[3][16 * 16], 16, 16, false)).npy(
				"test_output.npy", spec.tensor(new float[3][16 * 16], 16, 16, true));
		Path target = folder.resolve(name);
		ModelPackageWriter.write(description, contents, target, folder.resolve("cache"));
		return target;
	}

	private static byte[] tissueCodes(Path tissuePackage, RgbImage image) {
		SegmentationOptions options = new SegmentationOptions(new TilingSettings(32, 2, -1), 1,
			NucleiDecodingOptions.defaults(), TissueDecodingOptions.argmaxOnly(0));
		try (PanopticSegmenter segmenter = new PanopticSegmenter(null, tissuePackage, options)) {
			return segmenter.segment(image, Progress.none()).result().tissue().codes();
		}
	}

	private static RgbImage randomImage(int width, int height) {
		Random random = new Random(21);
		int[] pixels = new int[width * height];
		for (int i = 0; i < pixels.length; i++) {
			pixels[i] = random.nextInt(1 << 24);
		}
		return RgbImage.wrap("random", pixels, width, height, PixelSize.calibrated(0.25, "test"));
	}

	@Test
	void chainRunsBeforeTheModel() throws IOException {
		RgbImage image = randomImage(70, 50);
		Path withChain = tissuePackage("with-chain", CHAIN);
		Path without = tissuePackage("without", List.of());
		RgbImage byHand = PreprocessingChain.fromDescription(CHAIN).apply(image, Progress.none())
			.rgb();

		byte[] chained = tissueCodes(withChain, image);
		byte[] plain = tissueCodes(without, image);
		byte[] handNormalised = tissueCodes(without, byHand);

		assertArrayEquals(handNormalised, chained, "the chain, then the model");
		int changed = 0;
		for (int i = 0; i < plain.length; i++) {
			changed += plain[i] != chained[i] ? 1 : 0;
		}
		assertTrue(changed > plain.length / 10, "pixels whose class the chain changed: " +
			changed + " of " + plain.length);
	}
}
