package org.pumaseg.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.pumaseg.annotation.ClassifiedPolygon;
import org.pumaseg.annotation.GeoJsonFormat;
import org.pumaseg.annotation.SharedData;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.module.ModuleService;

import ij.ImagePlus;
import ij.measure.ResultsTable;

/** Runs the Evaluate command in a SciJava context without a display. */
class EvaluateCommandTest {

	private static final GeometryFactory FACTORY = new GeometryFactory();
	private static Context context;

	@BeforeAll
	static void createContext() {
		context = new Context(CommandService.class, ModuleService.class);
	}

	@AfterAll
	static void disposeContext() {
		context.dispose();
	}

	private static Polygon square(double x, double y) {
		return FACTORY.createPolygon(new Coordinate[] { new Coordinate(x, y), new Coordinate(x + 8,
			y), new Coordinate(x + 8, y + 8), new Coordinate(x, y + 8), new Coordinate(x, y) });
	}

	private static CommandModule run(Map<String, Object> inputs) throws Exception {
		return context.service(CommandService.class).run(EvaluateCommand.class, true, inputs)
			.get();
	}

	@Test
	void tablesAndFiguresForNuclei(@TempDir Path folder) throws Exception {
		Path truth = folder.resolve("roi_1_nuclei.geojson");
		GeoJsonFormat.write(truth, List.of(ClassifiedPolygon.annotation("nuclei_tumor", square(10,
			10)), ClassifiedPolygon.annotation("nuclei_lymphocyte", square(60, 10))));
		Path prediction = folder.resolve("roi_1.geojson");
		// The lymphocyte is predicted as a tumour nucleus.
		GeoJsonFormat.write(prediction, List.of(ClassifiedPolygon.annotation("nuclei_tumor",
			square(10, 10)), ClassifiedPolygon.annotation("nuclei_tumor", square(60, 10))));
		Path json = folder.resolve("scores.json");

		CommandModule module = run(Map.of("truth", truth.toFile(), "prediction", prediction
			.toFile(), "track", "1", "json_file", json.toFile()));

		assertFalse(module.isCanceled(), module.getCancelReason());
		ResultsTable nuclei = (ResultsTable) module.getOutput("nuclei_scores");
		// Tumour: TP 1, FP 1 -> F1 2/3; lymphocyte: FN 1 -> 0; mean 1/3.
		assertEquals(3, nuclei.size(), "two classes and the mean");
		int tumour = row(nuclei, "nuclei_tumor");
		assertEquals(2.0 / 3, nuclei.getValue("F1", tumour), 1e-12);
		assertEquals(0.5, nuclei.getValue("Precision (extra)", tumour), 1e-12);
		assertEquals(1 / 1.5, nuclei.getValue("PQ (extra)", tumour), 1e-12);
		assertEquals(0.0, nuclei.getValue("F1", row(nuclei, "nuclei_lymphocyte")));
		assertEquals(1.0 / 3, nuclei.getValue("F1", row(nuclei, "mean (official macro F1)")),
			1e-12);
		assertNull(module.getOutput("tissue_scores"), "no tissue files were given");
		assertEquals(1, ((ResultsTable) module.getOutput("image_scores")).size());

		ImagePlus confusion = (ImagePlus) module.getOutput("confusion_matrix");
		assertNotNull(confusion);
		assertEquals(ImagePlus.COLOR_RGB, confusion.getType());
		ImagePlus plot = (ImagePlus) module.getOutput("f1_plot");
		assertNotNull(plot);
		assertTrue(plot.getWidth() > 100, "plot rendered: " + plot.getWidth());
		assertTrue(Files.readString(json).contains("\"macroF1\""));
	}

	private static int row(ResultsTable table, String className) {
		for (int row = 0; row < table.size(); row++) {
			if (table.getStringValue("Class", row).equals(className)) {
				return row;
			}
		}
		throw new AssertionError("no row for " + className);
	}

	@Test
	void groundTruthAgainstItself() throws Exception {
		File puma = SharedData.folder("puma").toFile();

		CommandModule module = run(Map.of("truth", puma, "prediction", puma, "track", "2"));

		assertFalse(module.isCanceled(), module.getCancelReason());
		ResultsTable images = (ResultsTable) module.getOutput("image_scores");
		assertEquals(10, images.size(), "9 nuclei files and 1 tissue file");
		for (int row = 0; row < images.size(); row++) {
			String column = images.getStringValue("Kind", row).equals("nuclei") ? "Macro F1"
				: "Mean Dice";
			assertEquals(1.0, images.getValue(column, row), images.getStringValue("Image", row));
		}
		ResultsTable tissue = (ResultsTable) module.getOutput("tissue_scores");
		assertEquals(1.0, tissue.getValue("Micro Dice", 0), "stroma");
	}

	@Test
	void missingFolderCancelsWithReason(@TempDir Path folder) throws Exception {
		CommandModule module = run(Map.of("truth", folder.resolve("absent").toFile(),
			"prediction", folder.toFile(), "track", "1"));

		assertTrue(module.isCanceled());
		assertTrue(module.getCancelReason().contains("does not exist"), module.getCancelReason());
		assertNull(module.getOutput("nuclei_scores"));
	}
}
