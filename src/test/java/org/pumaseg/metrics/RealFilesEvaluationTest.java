package org.pumaseg.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.pumaseg.annotation.AnnotationFiles;
import org.pumaseg.annotation.ClassifiedPolygon;
import org.pumaseg.annotation.SharedData;
import org.pumaseg.annotation.TissueMask;
import org.pumaseg.annotation.TissueMaskTiff;
import org.pumaseg.annotation.Track;
import org.pumaseg.annotation.Validation;

class RealFilesEvaluationTest {

	@Test
	void pumaGroundTruthAgainstItselfScoresOne() throws Exception {
		List<ImagePair> pairs = new ArrayList<>();
		for (Path file : SharedData.files("puma", "_nuclei.geojson")) {
			List<ClassifiedPolygon> objects = AnnotationFiles.read(file, Validation.EVALUATION)
				.objects();
			pairs.add(new ImagePair(file.getFileName().toString(), objects, objects));
		}
		assertEquals(9, pairs.size());
		for (Track track : Track.values()) {
			for (ImagePair pair : pairs) {
				NucleiScores scores = NucleiEvaluation.evaluate(List.of(pair), track);
				assertEquals(1.0, scores.macroF1(), track + " " + pair.name());
			}
		}
	}

	@Test
	void selfScoreOverImagesCountsClassPresence() throws Exception {
		// Over several images, a class missing from an image adds 0 even for a perfect
		// prediction, so each class scores (images containing it) / (all images).
		List<ImagePair> pairs = new ArrayList<>();
		for (Path file : SharedData.files("puma", "_nuclei.geojson")) {
			List<ClassifiedPolygon> objects = AnnotationFiles.read(file, Validation.EVALUATION)
				.objects();
			pairs.add(new ImagePair(file.getFileName().toString(), objects, objects));
		}
		NucleiScores scores = NucleiEvaluation.evaluate(pairs, Track.TRACK2);
		for (String className : Track.TRACK2.classNames()) {
			long present = pairs.stream().filter(pair -> pair.truth().stream().anyMatch(
				object -> object.className().equals(className))).count();
			assertEquals((double) present / pairs.size(), scores.classF1().get(className), 1e-15,
				className);
		}
		assertTrue(scores.macroF1() < 1.0);
		assertEquals(1.0, scores.pooledMacroF1(), "the pooled extra has no such penalty");
	}

	@Test
	void trackOnePredictionAgainstOtherImageScoresBelowOne() throws Exception {
		List<Path> files = SharedData.files("puma_eval_examples/track1", "-segmentation.json");
		List<ClassifiedPolygon> first = AnnotationFiles.read(files.get(0), Validation.EVALUATION)
			.objects();
		List<ClassifiedPolygon> second = AnnotationFiles.read(files.get(1), Validation.EVALUATION)
			.objects();
		NucleiScores scores = NucleiEvaluation.evaluate(List.of(new ImagePair("x", first, second)),
			Track.TRACK1);
		assertTrue(scores.macroF1() < 0.5, "different images should barely match: " + scores
			.macroF1());
	}

	@Test
	void exampleMasksAgainstThemselvesScoreOne() throws Exception {
		List<Path> masks;
		try (Stream<Path> walk = Files.walk(SharedData.folder("puma_eval_examples"))) {
			masks = walk.filter(path -> path.toString().endsWith(".tif")).sorted().collect(
				Collectors.toList());
		}
		assertEquals(5, masks.size());
		List<MaskPair> pairs = new ArrayList<>();
		for (Path mask : masks) {
			TissueMask read = TissueMaskTiff.read(mask);
			pairs.add(new MaskPair(mask.getFileName().toString(), read, read));
		}
		TissueScores scores = TissueEvaluation.evaluate(pairs);
		// Necrosis occurs in no example mask, so its micro Dice is 0 by the official rule.
		assertEquals(0.0, scores.microDice().get("tissue_necrosis"));
		assertEquals(1.0, scores.microDice().get("tissue_tumor"));
		assertEquals(1.0, scores.microDice().get("tissue_stroma"));
		assertEquals(1.0, scores.microDice().get("tissue_blood_vessel"));
		assertEquals(1.0, scores.microDice().get("tissue_epidermis"));
		for (TissueScores.ImageTissueScores image : scores.images()) {
			assertEquals(1.0, image.averageDice(), image.image());
		}
	}
}
