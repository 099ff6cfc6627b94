package org.pumaseg.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pumaseg.InvalidInputException;
import org.pumaseg.testimages.SyntheticHeImage;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.measure.Calibration;
import ij.process.ColorProcessor;
import ij.process.ImageConverter;

/**
 * The same H&E field saved in the layouts ImageJ users produce: RGB, 3-channel composite,
 * 8-bit grey, 16-bit grey, 3-slice stack and RGB time series. The two colour layouts convert to
 * the same RGB pixels; every other layout is rejected with a message that names its axes and
 * the expected ones. Also: calibrations that give no micrometres leave the image uncalibrated
 * with a warning.
 */
class ImageLayoutsTest {

	private final ImageFileReader reader = new ImageFileReader();
	private final RgbImage field = SyntheticHeImage.render(32, 0.25, 9);

	@Test
	void colourLayoutsGiveTheSamePixels(@TempDir Path folder) {
		Path rgb = save(rgbImage(), folder.resolve("field rgb.tif"));
		Path composite = save(composite(), folder.resolve("field composite.tif"));

		RgbImage fromRgb = reader.read(rgb);
		RgbImage fromComposite = reader.read(composite);

		assertArrayEquals(field.packedRgb(), fromRgb.packedRgb());
		assertArrayEquals(field.packedRgb(), fromComposite.packedRgb());
		assertArrayEquals(fromComposite.packedRgb(), reader.read(composite).packedRgb());
		assertEquals(0.25, fromComposite.pixelSize().umPerPixel(), 1e-12);
	}

	@Test
	void greyLayoutsAreRejectedNamingAxes(@TempDir Path folder) {
		ImagePlus grey8 = rgbImage();
		new ImageConverter(grey8).convertToGray8();
		ImagePlus grey16 = rgbImage();
		new ImageConverter(grey16).convertToGray16();

		String message8 = rejection(save(grey8, folder.resolve("field grey8.tif")));
		String message16 = rejection(save(grey16, folder.resolve("field grey16.tif")));

		assertTrue(message8.contains("8-bit greyscale"), message8);
		assertTrue(message8.contains("expects one 2-D RGB"), message8);
		assertTrue(message16.contains("16-bit greyscale"), message16);
		assertTrue(message16.contains("expects one 2-D RGB"), message16);
	}

	@Test
	void stackAndTimeSeriesAreRejectedNamingAxes(@TempDir Path folder) {
		ImagePlus slices = composite();
		slices.setDimensions(1, 3, 1);
		ImageStack frames = new ImageStack(field.width(), field.height());
		for (int t = 0; t < 3; t++) {
			frames.addSlice(new ColorProcessor(field.width(), field.height(), field.packedRgb()
				.clone()));
		}
		ImagePlus timeSeries = new ImagePlus("series", frames);
		timeSeries.setDimensions(1, 1, 3);

		String stackMessage = rejection(save(slices, folder.resolve("field [3 slices].tif")));
		String seriesMessage = rejection(save(timeSeries, folder.resolve("field [3 frames].tif")));

		assertTrue(stackMessage.contains("stack of 3 slices"), stackMessage);
		assertTrue(stackMessage.contains("expects one 2-D RGB"), stackMessage);
		assertTrue(seriesMessage.contains("3 frame(s)"), seriesMessage);
		assertTrue(seriesMessage.contains("expects one 2-D RGB"), seriesMessage);
	}

	@Test
	void strippedCalibrationWarns(@TempDir Path folder) {
		ImagePlus stripped = rgbImage();
		stripped.setCalibration(new Calibration());
		Path file = save(stripped, folder.resolve("stripped.tif"));

		String log = standardError(() -> assertFalse(reader.read(file).pixelSize().calibrated()));

		assertTrue(log.contains("WARN"), log);
		assertTrue(log.contains("stripped.tif: uncalibrated"), log);
		assertTrue(log.contains("no spatial calibration"), log);
	}

	@Test
	void pixelUnitCalibrationWarns(@TempDir Path folder) {
		ImagePlus inPixels = rgbImage();
		Calibration calibration = new Calibration();
		calibration.pixelWidth = 0.5;
		calibration.pixelHeight = 0.5;
		calibration.setUnit("pixel");
		inPixels.setCalibration(calibration);
		Path file = save(inPixels, folder.resolve("in pixels.tif"));

		String log = standardError(() -> assertFalse(reader.read(file).pixelSize().calibrated()));

		assertTrue(log.contains("in pixels.tif: uncalibrated"), log);
	}

	private ImagePlus rgbImage() {
		return ImagePlusConverter.toImagePlus(RgbImage.wrap("field", field.packedRgb().clone(),
			field.width(), field.height(), field.pixelSize()));
	}

	/** Returns the field as three 8-bit channels, red, green and blue. */
	private ImagePlus composite() {
		int pixelCount = field.width() * field.height();
		byte[] red = new byte[pixelCount];
		byte[] green = new byte[pixelCount];
		byte[] blue = new byte[pixelCount];
		((ColorProcessor) rgbImage().getProcessor()).getRGB(red, green, blue);
		ImageStack channels = new ImageStack(field.width(), field.height());
		channels.addSlice("red", red);
		channels.addSlice("green", green);
		channels.addSlice("blue", blue);
		ImagePlus composite = new ImagePlus("composite", channels);
		composite.setDimensions(3, 1, 1);
		ImagePlusConverter.setCalibration(composite, field.pixelSize());
		return composite;
	}

	private static Path save(ImagePlus image, Path file) {
		FileSaver saver = new FileSaver(image);
		boolean saved = image.getStackSize() > 1 ? saver.saveAsTiffStack(file.toString()) : saver
			.saveAsTiff(file.toString());
		assertTrue(saved, "ImageJ could not save " + file);
		return file;
	}

	private String rejection(Path file) {
		return assertThrows(InvalidInputException.class, () -> reader.read(file)).getMessage();
	}

	/** Runs {@code action} and returns what it printed on standard error (slf4j-simple's log). */
	private static String standardError(Runnable action) {
		PrintStream original = System.err;
		ByteArrayOutputStream captured = new ByteArrayOutputStream();
		System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
		try {
			action.run();
		}
		finally {
			System.setErr(original);
		}
		return captured.toString(StandardCharsets.UTF_8);
	}
}
