package org.pumaseg.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.pumaseg.annotation.ClassifiedPolygon;
import org.pumaseg.annotation.GeoJsonFormat;
import org.pumaseg.image.ImageFileWriter;
import org.pumaseg.model.ModelPackage;
import org.pumaseg.model.OfflineMode;
import org.pumaseg.testimages.SyntheticHeImage;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

/** The Fiji Train Model command in a SciJava context without a display. */
class TrainCommandTest {

	@Test
	void trainsValidPackageAndRejectsExisting(@TempDir Path folder) throws Exception {
		OfflineMode.enable();
		Path data = Files.createDirectories(folder.resolve("data"));
		ImageFileWriter.write(SyntheticHeImage.render(64, 0.25, 3), data.resolve("roi.tif"));
		GeometryFactory geometry = new GeometryFactory();
		GeoJsonFormat.write(data.resolve("roi_nuclei.geojson"), List.of(ClassifiedPolygon
			.annotation("nuclei_tumor", geometry.toGeometry(new Envelope(10, 20, 10, 20))),
			ClassifiedPolygon.annotation("nuclei_lymphocyte", geometry.toGeometry(new Envelope(40,
				46, 40, 46)))));
		Path output = folder.resolve("model");
		Map<String, Object> inputs = Map.of("task", "nuclei", "data", data.toFile(), "output",
			output.toFile(), "epochs", 1, "steps_per_epoch", 1, "crop_size", 32, "depth", 2,
			"base_filters", 4, "seed", 1L);

		try (Context context = new Context(CommandService.class)) {
			CommandService commands = context.service(CommandService.class);
			CommandModule first = commands.run(TrainCommand.class, true, inputs).get();
			CommandModule second = commands.run(TrainCommand.class, true, inputs).get();

			assertFalse(first.isCanceled(), first.getCancelReason());
			assertTrue(ModelPackage.open(output).description().pumaseg().predictsNuclei());
			assertTrue(Files.readString(output.resolve("README.md")).contains(
				"Plugins > PumaSeg > Train Model"));
			assertTrue(second.isCanceled());
			assertTrue(second.getCancelReason().contains("already exists"), second
				.getCancelReason());
		}
	}

	@Test
	void pixelSizeResamplesTheTrainingImages(@TempDir Path folder) throws Exception {
		OfflineMode.enable();
		Path data = Files.createDirectories(folder.resolve("data"));
		ImageFileWriter.write(SyntheticHeImage.render(128, 0.25, 3), data.resolve("roi.tif"));
		GeometryFactory geometry = new GeometryFactory();
		GeoJsonFormat.write(data.resolve("roi_nuclei.geojson"), List.of(ClassifiedPolygon
			.annotation("nuclei_tumor", geometry.toGeometry(new Envelope(10, 30, 10, 30)))));
		Path output = folder.resolve("model");
		Map<String, Object> inputs = Map.of("task", "nuclei", "data", data.toFile(), "output",
			output.toFile(), "epochs", 1, "steps_per_epoch", 1, "crop_size", 32, "depth", 2,
			"base_filters", 4, "seed", 1L, "pixel_size_um", 0.5);

		try (Context context = new Context(CommandService.class)) {
			CommandModule run = context.service(CommandService.class).run(TrainCommand.class, true,
				inputs).get();

			assertFalse(run.isCanceled(), run.getCancelReason());
			assertEquals(0.5, ModelPackage.open(output).description().pumaseg().pixelSizeUm(),
				1e-9);
		}
	}
}
