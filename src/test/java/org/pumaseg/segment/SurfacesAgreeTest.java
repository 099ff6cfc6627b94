package org.pumaseg.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pumaseg.annotation.AnnotationFiles;
import org.pumaseg.annotation.ClassifiedPolygon;
import org.pumaseg.cli.PumaSegCli;
import org.pumaseg.command.PanopticSegmentationCommand;
import org.pumaseg.ij1.MacroRunner;
import org.pumaseg.image.ImageFileWriter;
import org.pumaseg.model.OfflineMode;
import org.pumaseg.testimages.SyntheticHeImage;
import org.pumaseg.train.TestModels;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

import ij.IJ;
import ij.ImagePlus;
import ij.measure.ResultsTable;
import ij.plugin.filter.Analyzer;

/**
 * The command line, an ImageJ macro and a SciJava command without a display find the same
 * nuclei with the same classes on the same image.
 */
class SurfacesAgreeTest {

	@TempDir
	static Path models;

	private static Path nucleiModel;

	@BeforeAll
	static void trainModel() {
		OfflineMode.enable();
		nucleiModel = TestModels.nuclei(models.resolve("nuclei"));
	}

	@Test
	void cliMacroAndCommandAgree(@TempDir Path folder) throws Exception {
		Path image = folder.resolve("field.tif");
		ImageFileWriter.write(SyntheticHeImage.render(128, 0.25, 21), image);

		int exitCode = PumaSegCli.run("segment", image.toString(), "--out", folder.resolve("cli")
			.toString(), "--nuclei-model", nucleiModel.toString(), "--no-tissue", "--tile", "64");
		assertEquals(0, exitCode);
		List<String> cliClasses = AnnotationFiles.read(folder.resolve("cli/field/nuclei.geojson"))
			.objects().stream().map(ClassifiedPolygon::className).toList();

		MacroRunner.Outcome outcome = MacroRunner.run("open(getArgument());\n" +
			"run(\"Panoptic Segmentation\", \"segment=[nuclei only] nuclei_model=[" + nucleiModel +
			"] tile_size=64\");\n", image.toString());
		assertTrue(outcome.succeeded(), outcome.message());
		ResultsTable macroTable = Analyzer.getResultsTable();
		List<String> macroClasses = classes(macroTable);

		List<String> commandClasses;
		try (Context context = new Context(CommandService.class)) {
			ImagePlus opened = IJ.openImage(image.toString());
			CommandModule module = context.service(CommandService.class).run(
				PanopticSegmentationCommand.class, true, Map.of("image", opened, "segment",
					"nuclei only", "nuclei_model", nucleiModel.toFile(), "tile_size", 64)).get();
			commandClasses = classes((ResultsTable) module.getOutput("nuclei"));
			assertEquals(cliClasses.size(), opened.getOverlay().size());
		}

		assertTrue(cliClasses.size() > 0, "no nuclei found");
		assertEquals(cliClasses, macroClasses);
		assertEquals(cliClasses, commandClasses);
	}

	private static List<String> classes(ResultsTable table) {
		return java.util.stream.IntStream.range(0, table.size()).mapToObj(row -> table
			.getStringValue("class", row)).toList();
	}
}
