package org.pumaseg.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Geometry;
import org.pumaseg.InvalidInputException;
import org.pumaseg.annotation.AnnotationFiles;
import org.pumaseg.annotation.ClassifiedPolygon;
import org.pumaseg.annotation.NucleusClass;
import org.pumaseg.annotation.Rasterization;
import org.pumaseg.annotation.TissueMask;
import org.pumaseg.annotation.TissueMaskTiff;
import org.pumaseg.annotation.Track;
import org.pumaseg.image.ImageFileReader;
import org.pumaseg.image.PixelSize;
import org.pumaseg.image.RgbImage;
import org.pumaseg.metrics.ImagePair;
import org.pumaseg.metrics.NucleiEvaluation;
import org.pumaseg.metrics.NucleiScores;
import org.pumaseg.result.DetectedNucleus;
import org.pumaseg.result.PanopticResult;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ij.IJ;
import ij.ImagePlus;

/** Writes the result folder of the real PUMA ROI built from its own annotations. */
class ResultFolderWriterTest {

	private static final Path PUMA = Paths.get("..", "shared", "data", "puma");
	private static final String ROI = "training_set_metastatic_roi_094";

	@Test
	void groundTruthRoundTripsThroughEveryFile(@TempDir Path output) throws Exception {
		Fixture fixture = pumaFixture();

		Path folder = ResultFolderWriter.write(output, fixture.image, fixture.result,
			Track.TRACK2, false, Map.of("seconds", 1.5));

		assertEquals(output.resolve(ROI), folder);
		List<ClassifiedPolygon> written = AnnotationFiles.read(folder.resolve("nuclei.geojson"))
			.objects();
		NucleiScores geojson = NucleiEvaluation.evaluate(List.of(new ImagePair(ROI, fixture.truth,
			written)), Track.TRACK2);
		assertEquals(1.0, geojson.macroF1(), 1e-12);
		List<ClassifiedPolygon> challenge = AnnotationFiles.read(folder.resolve(Track.TRACK2
			.outputSlug() + ".json")).objects();
		// The challenge format has no multi-polygons: each part is a polygon of its own.
		int parts = fixture.truth.stream().mapToInt(object -> object.parts().size()).sum();
		assertEquals(parts, challenge.size());

		List<String> csv = Files.readAllLines(folder.resolve("nuclei.csv"));
		assertEquals(fixture.truth.size() + 1, csv.size());
		assertEquals(String.join(",", NucleusTable.COLUMNS), csv.get(0));

		ImagePlus labels = IJ.openImage(folder.resolve("nuclei-labels.tif").toString());
		assertEquals(32, labels.getBitDepth());
		assertEquals(fixture.truth.size(), (int) labels.getStatistics().max);
		ImagePlus classes = IJ.openImage(folder.resolve("nuclei-classes.tif").toString());
		assertEquals(8, classes.getBitDepth());
		assertTrue(classes.getStatistics().max <= NucleusClass.values().length);

		TissueMask mask = TissueMaskTiff.read(folder.resolve("tissue-mask.tif"));
		assertEquals(fixture.result.tissue().codes().length, mask.codes().length);
		assertTrue(java.util.Arrays.equals(fixture.result.tissue().codes(), mask.codes()));
		TissueGeoJsonCheck.assertMatchesMask(folder);

		RgbImage overlay = new ImageFileReader().read(folder.resolve("overlay.png"));
		assertEquals(1024, overlay.width());

		JsonNode summary = new ObjectMapper().readTree(folder.resolve("summary.json").toFile());
		assertEquals(fixture.truth.size(), summary.get("nuclei").asInt());
		assertEquals(475, summary.get("nuclei_per_class").get("nuclei_lymphocyte").asInt());
		assertEquals(477, summary.get("nuclei_per_track1_class").get("nuclei_lymphocyte").asInt());
		assertEquals(1.5, summary.get("seconds").asDouble());
		assertTrue(summary.get("tissue_area").get("tissue_tumor").get("mm2").asDouble() > 0);
		assertEquals(List.of(folder), listing(output), "temporary folders left behind");
	}

	@Test
	void existingFolderNeedsOverwrite(@TempDir Path output) throws Exception {
		Fixture fixture = syntheticFixture();
		Path folder = ResultFolderWriter.write(output, fixture.image, fixture.result,
			Track.TRACK1, false, Map.of());
		Files.delete(folder.resolve(Track.TRACK1.outputSlug() + ".json"));

		InvalidInputException refused = assertThrows(InvalidInputException.class,
			() -> ResultFolderWriter.write(output, fixture.image, fixture.result, Track.TRACK1,
				false, Map.of()));
		assertTrue(refused.getMessage().contains("Replace it (--overwrite)"), refused
			.getMessage());
		assertTrue(refused.getMessage().contains("--skip-existing"), refused.getMessage());

		ResultFolderWriter.write(output, fixture.image, fixture.result, Track.TRACK1, true, Map
			.of());
		assertTrue(Files.exists(folder.resolve(Track.TRACK1.outputSlug() + ".json")),
			"old folder not replaced");
	}

	@Test
	void overwriteKeepsFilesPumaSegDidNotWrite(@TempDir Path output) throws Exception {
		Fixture fixture = syntheticFixture();
		Path folder = ResultFolderWriter.write(output, fixture.image, fixture.result,
			Track.TRACK1, false, Map.of());
		Files.writeString(folder.resolve("my-notes.txt"), "old run");
		Files.writeString(folder.resolve("til.json"), "{}");

		InvalidInputException plain = assertThrows(InvalidInputException.class,
			() -> ResultFolderWriter.write(output, fixture.image, fixture.result, Track.TRACK1,
				false, Map.of()));
		InvalidInputException overwrite = assertThrows(InvalidInputException.class,
			() -> ResultFolderWriter.write(output, fixture.image, fixture.result, Track.TRACK1,
				true, Map.of()));

		assertTrue(plain.getMessage().contains("(my-notes.txt, til.json)"), plain.getMessage());
		assertFalse(plain.getMessage().contains("Replace it"), plain.getMessage());
		assertTrue(overwrite.getMessage().contains(folder + " contains files PumaSeg does not " +
			"write (my-notes.txt, til.json), so --overwrite does not replace it"), overwrite
				.getMessage());
		assertEquals("old run", Files.readString(folder.resolve("my-notes.txt")));
		assertTrue(Files.exists(folder.resolve("til.json")));
		assertEquals(List.of(folder), listing(output), "temporary folders left behind");
	}

	@Test
	void foldersPumaSegDidNotWriteAreKept(@TempDir Path output) throws Exception {
		Fixture fixture = syntheticFixture();
		Path folder = Files.createDirectory(output.resolve(fixture.result.imageName()));
		Files.writeString(folder.resolve("synthetic_nuclei.geojson"), "{\"important\": 1}");
		Path file = Files.writeString(output.resolve("other"), "a file");
		RgbImage other = RgbImage.wrap("other", fixture.image.packedRgb(), 64, 64, fixture.image
			.pixelSize());

		for (boolean overwrite : List.of(false, true)) {
			InvalidInputException folderError = assertThrows(InvalidInputException.class,
				() -> ResultFolderWriter.write(output, fixture.image, fixture.result, Track.TRACK1,
					overwrite, Map.of()));
			InvalidInputException fileError = assertThrows(InvalidInputException.class,
				() -> ResultFolderWriter.checkTarget(output, other.name(), overwrite));

			assertTrue(folderError.getMessage().contains(folder + " is not a PumaSeg result " +
				"folder: summary.json and nuclei.geojson are missing, and it contains files PumaSeg " +
				"does not write (synthetic_nuclei.geojson)"), folderError.getMessage());
			assertTrue(fileError.getMessage().contains(file + " is a file, not a result folder"),
				fileError.getMessage());
		}
		assertEquals("{\"important\": 1}", Files.readString(folder.resolve(
			"synthetic_nuclei.geojson")));
		assertEquals("a file", Files.readString(file));
	}

	@Test
	void incompleteFolderIsNamedAndKept(@TempDir Path output) throws Exception {
		Fixture fixture = syntheticFixture();
		Path folder = ResultFolderWriter.write(output, fixture.image, fixture.result,
			Track.TRACK1, false, Map.of());
		Files.delete(folder.resolve(ResultFolderWriter.NUCLEI_GEOJSON));

		InvalidInputException error = assertThrows(InvalidInputException.class,
			() -> ResultFolderWriter.write(output, fixture.image, fixture.result, Track.TRACK1,
				true, Map.of()));

		assertTrue(error.getMessage().contains(folder + " is an incomplete result folder: " +
			"nuclei.geojson is missing."), error.getMessage());
		assertFalse(error.getMessage().contains("(--overwrite)"), error.getMessage());
		assertTrue(Files.exists(folder.resolve(ResultFolderWriter.SUMMARY)));
	}

	@Test
	void emptyFolderIsReplacedWithoutOverwrite(@TempDir Path output) throws Exception {
		Fixture fixture = syntheticFixture();
		Path empty = Files.createDirectory(output.resolve(fixture.result.imageName()));

		Path folder = ResultFolderWriter.write(output, fixture.image, fixture.result,
			Track.TRACK1, false, Map.of());

		assertEquals(empty, folder);
		assertTrue(ResultFolderWriter.isResultFolder(folder));
	}

	@Test
	void failedWriteLeavesNothing(@TempDir Path output) throws Exception {
		Fixture fixture = syntheticFixture();
		RgbImage wrongSize = RgbImage.wrap("wrong", new int[4], 2, 2, fixture.image.pixelSize());

		assertThrows(IllegalArgumentException.class, () -> ResultFolderWriter.write(output,
			wrongSize, fixture.result, Track.TRACK1, false, Map.of()));

		try (var listing = Files.list(output)) {
			assertEquals(0, listing.count(), "partial output left behind");
		}
	}

	@Test
	void outputThatIsAFileIsRejected(@TempDir Path folder) throws Exception {
		Path file = Files.writeString(folder.resolve("results"), "");

		InvalidInputException error = assertThrows(InvalidInputException.class,
			() -> ResultFolderWriter.checkTarget(file, "roi", false));

		assertTrue(error.getMessage().contains("is a file"), error.getMessage());
	}

	private static List<Path> listing(Path folder) throws java.io.IOException {
		try (var entries = Files.list(folder)) {
			return entries.sorted().toList();
		}
	}

	private record Fixture(RgbImage image, PanopticResult result, List<ClassifiedPolygon> truth) {}

	private static Fixture pumaFixture() {
		Path imageFile = PUMA.resolve("images").resolve(ROI + ".tif");
		Path nucleiFile = PUMA.resolve("nuclei_geojson").resolve(ROI + "_nuclei.geojson");
		Path tissueFile = PUMA.resolve("tissue_geojson").resolve(ROI + "_tissue.geojson");
		assumeTrue(Files.exists(imageFile) && Files.exists(nucleiFile) && Files.exists(
			tissueFile), "PUMA sample data not present");
		PixelSize pixelSize = PixelSize.calibrated(0.25, "assumed for the test");
		RgbImage image = new ImageFileReader().read(imageFile).withPixelSize(pixelSize);
		List<ClassifiedPolygon> truth = AnnotationFiles.read(nucleiFile).objects();
		TissueMask tissue = Rasterization.tissueMask(AnnotationFiles.read(tissueFile).objects(),
			1024, 1024, pixelSize);
		return new Fixture(image, resultFrom(truth, image, tissue), truth);
	}

	private static Fixture syntheticFixture() {
		PixelSize pixelSize = PixelSize.calibrated(0.5, "test");
		RgbImage image = RgbImage.wrap("synthetic", new int[64 * 64], 64, 64, pixelSize);
		var factory = new org.locationtech.jts.geom.GeometryFactory();
		Geometry square = factory.toGeometry(new org.locationtech.jts.geom.Envelope(10, 20, 10,
			20));
		List<ClassifiedPolygon> truth = List.of(ClassifiedPolygon.annotation("nuclei_tumor",
			square));
		return new Fixture(image, resultFrom(truth, image, null), truth);
	}

	private static PanopticResult resultFrom(List<ClassifiedPolygon> objects, RgbImage image,
		TissueMask tissue)
	{
		List<DetectedNucleus> nuclei = new ArrayList<>();
		for (ClassifiedPolygon object : objects) {
			Geometry outline = object.geometry();
			int id = nuclei.size() + 1;
			nuclei.add(new DetectedNucleus(id, object.className(), 1.0,
				outline, outline.getCentroid().getX(), outline.getCentroid().getY(), Math.round(
					outline.getArea()), null));
		}
		PanopticResult result = new PanopticResult(image.name(), image.width(), image.height(),
			image.pixelSize(), nuclei, Track.TRACK2.classNames(), null, tissue, Map.of("model",
				"ground truth"));
		List<DetectedNucleus> placed = result.nuclei().stream().map(n -> n.withTissueClass(result
			.tissueAt((int) n.centroidX(), (int) n.centroidY()))).toList();
		return new PanopticResult(result.imageName(), result.width(), result.height(), result
			.pixelSize(), placed, result.nucleusClasses(), null, tissue, result.provenance());
	}
}
