package org.pumaseg.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pumaseg.InvalidInputException;
import org.pumaseg.annotation.TissueMask;
import org.pumaseg.annotation.TissueMaskTiff;
import org.pumaseg.image.ImageFileWriter;
import org.pumaseg.image.PixelSize;
import org.pumaseg.metrics.FilePairing.FilePair;
import org.pumaseg.metrics.FilePairing.Kind;
import org.pumaseg.testimages.SyntheticHeImage;

class FilePairingTest {

	private static Path touch(Path folder, String name) throws Exception {
		Path file = folder.resolve(name);
		Files.createDirectories(file.getParent());
		return Files.writeString(file, "{}");
	}

	private static Path mask(Path folder, String name) throws Exception {
		Path file = folder.resolve(name);
		Files.createDirectories(file.getParent());
		TissueMaskTiff.write(file, TissueMask.background(4, 4, PixelSize.unknown("test")));
		return file;
	}

	@Test
	void imageNameDropsExtensionAndSuffix() {
		assertEquals("roi_094", FilePairing.imageName(Path.of("roi_094_nuclei.geojson")));
		assertEquals("roi_094", FilePairing.imageName(Path.of("roi_094_tissue.geojson")));
		assertEquals("roi_094", FilePairing.imageName(Path.of("roi_094.json")));
		assertEquals("roi_094", FilePairing.imageName(Path.of("roi_094.TIF")));
		assertEquals("roi_094_mask", FilePairing.imageName(Path.of("roi_094_mask.tiff")));
		assertEquals("_nuclei", FilePairing.imageName(Path.of("_nuclei.json")),
			"a name that is only a suffix stays");
	}

	@Test
	void segmentResultFoldersPairByFolderName(@TempDir Path root) throws Exception {
		Path truth = Files.createDirectories(root.resolve("truth"));
		touch(truth, "roi_1_nuclei.geojson");
		mask(truth, "roi_1_tissue.tif");
		touch(truth, "roi_2.xml");
		Path results = Files.createDirectories(root.resolve("results"));
		for (String image : List.of("roi_1", "roi_2")) {
			touch(results, image + "/summary.json");
			touch(results, image + "/nuclei.geojson");
			touch(results, image + "/melanoma-3-class-nuclei-segmentation.json");
			touch(results, image + "/tissue.geojson");
			mask(results, image + "/tissue-mask.tif");
			mask(results, image + "/nuclei-classes.tif");
		}
		// Without summary.json a folder is not a result folder: its files keep their own names.
		touch(results, "loose/nuclei.geojson");

		FilePairing pairing = FilePairing.of(truth, results);
		List<String> pairs = pairing.pairs().stream().map(pair -> pair.image() + ":" + pair.kind()
			.label() + ":" + pair.prediction().getFileName()).toList();
		assertEquals(List.of("roi_1:nuclei:nuclei.geojson", "roi_1:tissue:tissue-mask.tif",
			"roi_2:nuclei:nuclei.geojson"), pairs);
		assertEquals(List.of(results.resolve("loose/nuclei.geojson"), results.resolve(
			"roi_2/tissue-mask.tif")), pairing.unpairedPredictions().stream().sorted().toList());
		assertFalse(pairing.ignored().contains(results.resolve(
			"roi_1/melanoma-3-class-nuclei-segmentation.json")), pairing.ignored().toString());
		assertFalse(pairing.ignored().contains(results.resolve("roi_1/tissue.geojson")),
			pairing.ignored().toString());
		assertTrue(pairing.ignored().contains(results.resolve("roi_1/nuclei-classes.tif")),
			pairing.ignored().toString());
	}

	@Test
	void namedResultFolderFilesAreScored(@TempDir Path root) throws Exception {
		Path truthNuclei = touch(root, "truth/roi_1_nuclei.geojson");
		Path truthTissue = touch(root, "truth/roi_1_tissue.geojson");
		Path result = root.resolve("results/roi_1");
		touch(result, "summary.json");
		touch(result, "nuclei.geojson");
		Path challenge = touch(result, "melanoma-10-class-nuclei-segmentation.json");
		Path regions = touch(result, "tissue.geojson");
		Path classes = mask(result, "nuclei-classes.tif");

		assertEquals(List.of(new FilePair("roi_1", Kind.NUCLEI, truthNuclei, challenge)),
			FilePairing.of(truthNuclei, challenge).pairs());
		assertEquals(List.of(new FilePair("roi_1", Kind.TISSUE, truthTissue, regions)),
			FilePairing.of(truthTissue, regions).pairs());

		InvalidInputException error = assertThrows(InvalidInputException.class,
			() -> FilePairing.of(truthTissue, classes));
		assertTrue(error.getMessage().contains("result folder"), error.getMessage());
		assertTrue(error.getMessage().contains("tissue-mask.tif"), error.getMessage());
	}

	@Test
	void namedColourImageRejectedWithReason(@TempDir Path folder) throws Exception {
		Path truth = mask(folder, "roi_1_tissue.tif");
		Path image = folder.resolve("roi_1.tif");
		ImageFileWriter.write(SyntheticHeImage.render(16, 0.25, 1), image);

		InvalidInputException error = assertThrows(InvalidInputException.class,
			() -> FilePairing.of(truth, image));
		assertTrue(error.getMessage().contains("colour image"), error.getMessage());
	}

	@Test
	void challengeLayoutTakesJobName(@TempDir Path folder) throws Exception {
		Path nuclei = touch(folder, "job-1/output/melanoma-3-class-nuclei-segmentation.json");
		Path tissue = mask(folder, "job-1/output/images/melanoma-tissue-mask-segmentation/x.tif");
		assertEquals("job-1", FilePairing.imageName(nuclei));
		assertEquals("job-1", FilePairing.imageName(tissue));

		Files.writeString(folder.resolve("predictions.json"), "[{\"pk\": \"job-1\", \"inputs\": " +
			"[{\"image\": {\"name\": \"roi_7.tif\"}}]}]");
		assertEquals("roi_7", FilePairing.imageName(nuclei));
		assertEquals("roi_7", FilePairing.imageName(tissue));
	}

	@Test
	void foldersPairByNameAndKind(@TempDir Path folder) throws Exception {
		Path truth = folder.resolve("truth");
		Path prediction = folder.resolve("prediction");
		Path truthNuclei = touch(truth, "roi_1_nuclei.geojson");
		Path truthTissue = touch(truth, "roi_1_tissue.geojson");
		Path lonelyTruth = touch(truth, "roi_2_nuclei.geojson");
		ImageFileWriter.write(SyntheticHeImage.render(16, 0.25, 1), truth.resolve("roi_1.tif"));
		Path predictedNuclei = touch(prediction, "sub/roi_1.json");
		Path predictedMask = mask(prediction, "roi_1.tif");
		Path lonelyPrediction = touch(prediction, "roi_3.json");
		Path jobList = touch(prediction, "predictions.json");

		FilePairing pairing = FilePairing.of(truth, prediction);

		assertEquals(List.of(new FilePair("roi_1", Kind.NUCLEI, truthNuclei, predictedNuclei),
			new FilePair("roi_1", Kind.TISSUE, truthTissue, predictedMask)), pairing.pairs());
		assertEquals(List.of(lonelyTruth), pairing.unpairedTruth());
		assertEquals(List.of(lonelyPrediction), pairing.unpairedPredictions());
		assertEquals(List.of(truth.resolve("roi_1.tif"), jobList), pairing.ignored(),
			"the RGB image and the job list are not scored");
	}

	@Test
	void twoFilesPairWhateverTheirNames(@TempDir Path folder) throws Exception {
		Path truth = touch(folder, "a_nuclei.geojson");
		Path prediction = touch(folder, "b.json");
		assertEquals(List.of(new FilePair("a", Kind.NUCLEI, truth, prediction)), FilePairing.of(
			truth, prediction).pairs());

		Path tissue = mask(folder, "b.tif");
		InvalidInputException error = assertThrows(InvalidInputException.class,
			() -> FilePairing.of(truth, tissue));
		assertTrue(error.getMessage().contains("contains nuclei"), error.getMessage());
	}

	@Test
	void twoFilesOfOneImageRejected(@TempDir Path folder) throws Exception {
		touch(folder, "truth/roi_1_nuclei.geojson");
		touch(folder, "truth/old/roi_1.json");
		touch(folder, "prediction/roi_1.json");
		InvalidInputException error = assertThrows(InvalidInputException.class,
			() -> FilePairing.of(folder.resolve("truth"), folder.resolve("prediction")));
		assertTrue(error.getMessage().contains("roi_1 (nuclei)"), error.getMessage());
		assertTrue(error.getMessage().contains("old"), error.getMessage());
	}

	@Test
	void filesInHiddenFoldersAreSkipped(@TempDir Path folder) throws Exception {
		Path truth = touch(folder, "truth/roi_1_nuclei.geojson");
		Path prediction = touch(folder, "prediction/roi_1.json");
		// A result folder still being written, or left by a killed run, contains the same names.
		touch(folder, "prediction/.roi_1.4711-k3.partial/roi_1.json");

		FilePairing pairing = FilePairing.of(folder.resolve("truth"), folder.resolve(
			"prediction"));

		assertEquals(List.of(new FilePair("roi_1", Kind.NUCLEI, truth, prediction)), pairing
			.pairs());
		assertEquals(List.of(), pairing.unpairedPredictions());
	}

	@Test
	void missingPathRejected(@TempDir Path folder) {
		InvalidInputException error = assertThrows(InvalidInputException.class,
			() -> FilePairing.of(folder.resolve("nope"), folder));
		assertTrue(error.getMessage().contains("nope"), error.getMessage());
	}
}
