package org.pumaseg.nuclei;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.pumaseg.Progress;
import org.pumaseg.annotation.AnnotationFiles;
import org.pumaseg.annotation.ClassifiedPolygon;
import org.pumaseg.annotation.NucleusClass;
import org.pumaseg.annotation.Rasterization;
import org.pumaseg.annotation.SharedData;
import org.pumaseg.annotation.Track;
import org.pumaseg.annotation.Validation;
import org.pumaseg.bench.SyntheticNucleiMaps;
import org.pumaseg.label.LabelImage;
import org.pumaseg.label.LabelPolygon;
import org.pumaseg.label.LabelPolygons;
import org.pumaseg.metrics.ImagePair;
import org.pumaseg.metrics.NucleiEvaluation;
import org.pumaseg.metrics.NucleiScores;

/**
 * Annotated PUMA nuclei rasterised into ideal maps and decoded again score F1 of about 1 against
 * the same annotations: decoding and outline export agree with the official evaluation.
 */
class RealNucleiDecodingTest {

	private static final String ROI = "training_set_metastatic_roi_094";
	private static final int SIZE = 1024;

	@Test
	void idealMapsOfAnnotatedRoiScoreOne() {
		Path file = SharedData.folder("puma/nuclei_geojson").resolve(ROI + "_nuclei.geojson");
		List<ClassifiedPolygon> truth = AnnotationFiles.read(file, Validation.EVALUATION)
			.objects();
		int[] labels = Rasterization.labelImage(truth, SIZE, SIZE).labels();
		List<String> names = new ArrayList<>();
		for (NucleusClass nucleusClass : NucleusClass.values()) {
			names.add(nucleusClass.className());
		}
		int[] classOfLabel = new int[truth.size() + 1];
		for (int i = 0; i < truth.size(); i++) {
			classOfLabel[i + 1] = names.indexOf(truth.get(i).className());
		}
		NucleiMaps maps = SyntheticNucleiMaps.hoverNet(labels, SIZE, SIZE, classOfLabel, names);

		DecodedNuclei decoded = NucleiDecoder.decode(maps, NucleiDecodingOptions.defaults(),
			Progress.none());

		List<ClassifiedPolygon> predictions = new ArrayList<>();
		for (NucleusInstance nucleus : decoded.nuclei()) {
			predictions.add(ClassifiedPolygon.detection(nucleus.className(), nucleus.outline(),
				nucleus.probability()));
		}
		for (Track track : Track.values()) {
			NucleiScores scores = NucleiEvaluation.evaluate(List.of(new ImagePair(ROI, truth,
				predictions)), track);
			assertTrue(scores.macroF1() > 0.99, track + " macro F1 " + scores.macroF1());
		}
		// Where annotations overlap, the later one wins, which can cut an earlier nucleus into
		// pieces; each piece of the minimum area or more should be one instance. Ideal maps
		// still leave a few contacts where the offsets barely change (a nucleus touching the
		// side of one mostly above it), so up to 1 % may merge or split.
		long minPixels = (long) Math.ceil(NucleiDecodingOptions.defaults().minAreaUm2() / (0.25 *
			0.25));
		long pieces = 0;
		for (LabelPolygon outline : LabelPolygons.toPolygons(LabelImage.wrap(labels, SIZE,
			SIZE)))
		{
			for (int i = 0; i < outline.geometry().getNumGeometries(); i++) {
				pieces += outline.geometry().getGeometryN(i).getArea() >= minPixels ? 1 : 0;
			}
		}
		assertTrue(Math.abs(pieces - decoded.count()) <= pieces / 100, decoded.count() +
			" instances for " + pieces + " rasterised pieces");
	}
}
