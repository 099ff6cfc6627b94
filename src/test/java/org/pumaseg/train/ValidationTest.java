package org.pumaseg.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pumaseg.Progress;
import org.pumaseg.annotation.ClassifiedPolygon;
import org.pumaseg.annotation.GeoJsonFormat;
import org.pumaseg.annotation.Track;
import org.pumaseg.image.PixelSize;
import org.pumaseg.metrics.Evaluation;
import org.pumaseg.model.OfflineMode;
import org.pumaseg.nuclei.DecodedNuclei;
import org.pumaseg.nuclei.NucleiDecoder;
import org.pumaseg.nuclei.NucleiDecodingOptions;
import org.pumaseg.nuclei.NucleiMaps;
import org.pumaseg.nuclei.NucleusInstance;

class ValidationTest {

	@BeforeAll
	static void offline() {
		OfflineMode.enable();
	}

	@Test
	void cropsOverlapWithOneOwnerPerPixel() {
		List<Integer> starts = Validation.starts(1024, 256);
		assertEquals(List.of(0, 192, 384, 576, 768), starts);
		assertArrayEquals(new int[] { 0, 224, 416, 608, 800, 1024 }, Validation.owners(starts,
			1024, 256));

		assertEquals(List.of(0), Validation.starts(200, 256));
		assertArrayEquals(new int[] { 0, 200 }, Validation.owners(List.of(0), 200, 256));

		// The last crop ends at the border: 0, 36 and 52 for 100 px in crops of 48.
		List<Integer> uneven = Validation.starts(100, 48);
		assertEquals(List.of(0, 36, 52), uneven);
		assertArrayEquals(new int[] { 0, 42, 68, 100 }, Validation.owners(uneven, 100, 48));
	}

	/**
	 * The F1 validation reports equals what the evaluation code computes for the same maps
	 * decoded here by hand and read back from GeoJSON files, as {@code pumaseg evaluate} reads
	 * them.
	 */
	@Test
	void nucleiF1EqualsEvaluationOfFiles(@TempDir Path scratch) {
		TrainingData data = TrainerTest.discs();
		TrainingResult result = new Trainer(TrainerTest.options(8, null, false)).train(data,
			Progress.none());
		ValidationScores reported = result.bestValidation();
		assertEquals(Validation.TRACK1_F1, reported.criterion().name());

		TrainingImage image = data.validation().get(0);
		ClassWeights weights = ClassWeights.of(data.training(), 11, 0);
		Validation.Maps maps;
		try (TrainingGraph graph = new TrainingGraph(TrainerTest.TINY)) {
			maps = Validation.predict(graph, result.parameters(), image, 48, weights,
				new ArrayList<>(), new ArrayList<>());
		}
		List<ClassifiedPolygon> predicted = decodeByHand(image, maps);
		assertTrue(predicted.size() > 0, "no nuclei decoded");

		Path truthFile = scratch.resolve("truth_nuclei.geojson");
		Path predictionFile = scratch.resolve("prediction_nuclei.geojson");
		GeoJsonFormat.write(truthFile, image.nuclei());
		GeoJsonFormat.write(predictionFile, predicted);
		double track1 = Evaluation.run(truthFile, predictionFile, Track.TRACK1, Progress.none())
			.nuclei().macroF1();
		double track2 = Evaluation.run(truthFile, predictionFile, Track.TRACK2, Progress.none())
			.nuclei().macroF1();

		assertTrue(track1 > 0, "the trained network finds no disc: " + result.history());
		assertEquals(track1, reported.scores().get(Validation.TRACK1_F1), 1e-12);
		assertEquals(track2, reported.scores().get(Validation.TRACK2_F1), 1e-12);
	}

	private static List<ClassifiedPolygon> decodeByHand(TrainingImage image,
		Validation.Maps maps)
	{
		int pixels = image.width() * image.height();
		float[] horizontal = new float[pixels];
		float[] vertical = new float[pixels];
		List<float[]> planes = new ArrayList<>();
		for (int c = 0; c < 11; c++) {
			planes.add(new float[pixels]);
		}
		for (int p = 0; p < pixels; p++) {
			horizontal[p] = maps.distance()[2 * p];
			vertical[p] = maps.distance()[2 * p + 1];
			for (int c = 0; c < 11; c++) {
				planes.get(c)[p] = maps.nucleusClass()[11 * p + c];
			}
		}
		NucleiMaps nucleiMaps = new NucleiMaps(image.width(), image.height(), PixelSize
			.calibrated(0.25, "test"), maps.foreground(), horizontal, vertical, planes, ModelExport
				.nucleusClassSet().names());
		DecodedNuclei decoded = NucleiDecoder.decode(nucleiMaps, NucleiDecodingOptions
			.defaults(), Progress.none());
		List<ClassifiedPolygon> predicted = new ArrayList<>();
		for (NucleusInstance nucleus : decoded.nuclei()) {
			predicted.add(ClassifiedPolygon.detection(nucleus.className(), nucleus.outline(),
				nucleus.probability()));
		}
		return predicted;
	}

	@Test
	void imageWithoutNucleiSelectsByLoss() {
		List<TrainingImage> images = SyntheticNuclei.images(2, 64, 3, true);
		TrainingImage empty = new TrainingImage("empty", 64, 64, images.get(1).packedRgb(), images
			.get(1).targets(), List.of(), null);
		TrainingData data = new TrainingData(TrainingTask.NUCLEI, images.subList(0, 1), List.of(
			empty), "synthetic", 0.25, true);
		TrainingResult result = new Trainer(TrainerTest.options(1, null, false)).train(data,
			Progress.none());
		assertEquals("loss", result.bestValidation().criterion().name());
		assertTrue(!result.bestValidation().scores().containsKey(Validation.TRACK1_F1));
	}
}
