package org.pumaseg.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pumaseg.Progress;
import org.pumaseg.image.ImagePlusConverter;
import org.pumaseg.image.RgbImage;
import org.pumaseg.preprocess.OpticalDensity;
import org.pumaseg.preprocess.StainNormalizationMethod;
import org.pumaseg.testimages.SyntheticHeImage;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.module.ModuleService;

import ij.ImagePlus;
import ij.process.ByteProcessor;

/** Runs the preprocessing commands in a SciJava context without a display. */
class PreprocessCommandsTest {

	private static Context context;

	@BeforeAll
	static void createContext() {
		context = new Context(CommandService.class, ModuleService.class);
	}

	@AfterAll
	static void disposeContext() {
		context.dispose();
	}

	@Test
	void stainNormalizationMatchesLibrary() throws Exception {
		RgbImage input = SyntheticHeImage.render(96, 0.25, 3);

		CommandModule module = run(StainNormalizationCommand.class, Map.of("image",
			ImagePlusConverter.toImagePlus(input), "method", "reinhard"));

		ImagePlus normalized = (ImagePlus) module.getOutput("normalized");
		RgbImage expected = StainNormalizationMethod.REINHARD.normalize(input, null, Progress
			.none());
		assertArrayEquals(expected.packedRgb(), (int[]) normalized.getProcessor().getPixels());
		assertEquals(0.25, normalized.getCalibration().pixelWidth, 1e-12);
	}

	@Test
	void opticalDensityHasThreeChannels() throws Exception {
		RgbImage input = SyntheticHeImage.render(32, 0.25, 4);

		CommandModule module = run(ColourDeconvolutionCommand.class, Map.of("image",
			ImagePlusConverter.toImagePlus(input), "output", ColourDeconvolutionCommand.DENSITY));

		ImagePlus result = (ImagePlus) module.getOutput("result");
		assertEquals(3, result.getNChannels());
		int pixel = input.packedRgb()[5];
		float expectedRed = (float) new OpticalDensity(255, 1).of(pixel >> 16 & 0xff);
		assertEquals(expectedRed, result.getStack().getProcessor(1).getf(5), 1e-6f);
	}

	@Test
	void resampleHalvesCalibratedImage() throws Exception {
		RgbImage input = SyntheticHeImage.render(64, 0.25, 5);

		CommandModule module = run(ResampleCommand.class, Map.of("image", ImagePlusConverter
			.toImagePlus(input), "pixel_size_um", 0.5, "input_pixel_size_um", 0.0));

		ImagePlus resampled = (ImagePlus) module.getOutput("resampled");
		assertEquals(32, resampled.getWidth());
		assertEquals(0.5, resampled.getCalibration().pixelWidth, 1e-12);
	}

	@Test
	void percentileNormalizationStaysInRange() throws Exception {
		RgbImage input = SyntheticHeImage.render(48, 0.25, 6);

		CommandModule module = run(IntensityNormalizationCommand.class, Map.of("image",
			ImagePlusConverter.toImagePlus(input), "method", "percentile", "low_percentile", 0.0,
			"high_percentile", 100.0));

		ImagePlus normalized = (ImagePlus) module.getOutput("normalized");
		float[] red = (float[]) normalized.getStack().getPixels(1);
		float min = Float.MAX_VALUE;
		float max = -Float.MAX_VALUE;
		for (float value : red) {
			min = Math.min(min, value);
			max = Math.max(max, value);
		}
		assertEquals(0, min, 1e-6);
		assertEquals(1, max, 1e-6);
	}

	@Test
	void greyImageCancelsWithReason() throws Exception {
		ImagePlus grey = new ImagePlus("grey", new ByteProcessor(16, 16));

		CommandModule module = run(StainNormalizationCommand.class, Map.of("image", grey));

		assertTrue(module.isCanceled());
		assertTrue(module.getCancelReason().contains("8-bit greyscale"), module
			.getCancelReason());
	}

	@Test
	void uncalibratedResampleNamesFix() throws Exception {
		RgbImage input = SyntheticHeImage.render(16, 0.25, 7);
		ImagePlus uncalibrated = ImagePlusConverter.toImagePlus(input);
		uncalibrated.setCalibration(null);

		CommandModule module = run(ResampleCommand.class, Map.of("image", uncalibrated,
			"pixel_size_um", 0.5, "input_pixel_size_um", 0.0));

		assertTrue(module.isCanceled());
		assertTrue(module.getCancelReason().contains("input_pixel_size_um"), module
			.getCancelReason());
		assertFalse(module.getCancelReason().isBlank());
	}

	@Test
	void inputPixelSizeIsNotRemembered() throws Exception {
		ImagePlus uncalibrated = ImagePlusConverter.toImagePlus(SyntheticHeImage.render(32, 0.25,
			8));
		uncalibrated.setCalibration(null);
		run(ResampleCommand.class, Map.of("image", uncalibrated, "input_pixel_size_um", 0.125,
			"pixel_size_um", 0.5));
		RgbImage calibrated = SyntheticHeImage.render(64, 0.25, 9);

		CommandModule module = run(ResampleCommand.class, Map.of("image", ImagePlusConverter
			.toImagePlus(calibrated), "pixel_size_um", 0.5));

		ImagePlus resampled = (ImagePlus) module.getOutput("resampled");
		assertEquals(32, resampled.getWidth(), "the earlier input pixel size was reused");
	}

	private static CommandModule run(Class<? extends PumaSegCommand> command,
		Map<String, Object> inputs) throws Exception
	{
		return context.service(CommandService.class).run(command, true, inputs).get();
	}
}
