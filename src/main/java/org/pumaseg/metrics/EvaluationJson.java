package org.pumaseg.metrics;

import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.pumaseg.OutputFiles;
import org.pumaseg.annotation.Track;
import org.pumaseg.metrics.FilePairing.FilePair;

/**
 * An {@link EvaluationReport} as JSON, with every per-image and per-class number. Official
 * scores are under {@code "official"} keys, everything else under {@code "extras"}. Values
 * that numpy would give as NaN (a mean of nothing) are written as null.
 */
public final class EvaluationJson {

	private static final ObjectMapper MAPPER = new ObjectMapper().enable(
		SerializationFeature.INDENT_OUTPUT);

	private EvaluationJson() {}

	/** Writes the report to {@code file}, replacing it atomically. */
	public static void write(Path file, EvaluationReport report) {
		ObjectNode json = toJson(report);
		OutputFiles.write(file, out -> MAPPER.writeValue(out, json));
	}

	public static ObjectNode toJson(EvaluationReport report) {
		ObjectNode root = MAPPER.createObjectNode();
		if (report.track() == Track.DETECTION) {
			root.put("track", report.track().optionValue());
		}
		else {
			root.put("track", report.track().number());
		}
		root.set("files", files(report.files()));
		ArrayNode warnings = root.putArray("warnings");
		report.warnings().forEach(warnings::add);
		if (report.nuclei() != null) {
			root.set("nuclei", nuclei(report.nuclei(), report.panoptic()));
		}
		if (report.tissue() != null) {
			root.set("tissue", tissue(report.tissue()));
		}
		return root;
	}

	private static ObjectNode files(FilePairing files) {
		ObjectNode node = MAPPER.createObjectNode();
		ArrayNode pairs = node.putArray("pairs");
		for (FilePair pair : files.pairs()) {
			ObjectNode entry = pairs.addObject();
			entry.put("image", pair.image());
			entry.put("kind", pair.kind().label());
			entry.put("truth", pair.truth().toString());
			entry.put("prediction", pair.prediction().toString());
		}
		paths(node.putArray("unpairedTruth"), files.unpairedTruth());
		paths(node.putArray("unpairedPredictions"), files.unpairedPredictions());
		paths(node.putArray("ignored"), files.ignored());
		return node;
	}

	private static void paths(ArrayNode array, List<Path> paths) {
		paths.forEach(path -> array.add(path.toString()));
	}

	private static ObjectNode nuclei(NucleiScores scores, PanopticScores panoptic) {
		ObjectNode node = MAPPER.createObjectNode();
		node.put("imageCount", scores.imageCount());
		ObjectNode official = node.putObject("official");
		number(official, "macroF1", scores.macroF1());
		ObjectNode classF1 = official.putObject("classF1");
		scores.classF1().forEach((name, f1) -> number(classF1, name, f1));

		ArrayNode images = node.putArray("images");
		for (ImageNucleiScores image : scores.images()) {
			ObjectNode entry = images.addObject();
			entry.put("image", image.image());
			entry.put("truthCount", image.truthCount());
			entry.put("predictionCount", image.predictionCount());
			number(entry, "macroF1", image.macroF1());
			entry.set("micro", counts(image.micro()));
			ObjectNode classes = entry.putObject("classes");
			image.classes().forEach((name, counts) -> classes.set(name, counts(counts)));
		}

		ObjectNode extras = node.putObject("extras");
		ObjectNode pooled = extras.putObject("pooled");
		number(pooled, "macroF1", scores.pooledMacroF1());
		pooled.set("all", counts(scores.pooledAll()));
		ObjectNode pooledClasses = pooled.putObject("classes");
		scores.pooledClasses().forEach((name, counts) -> pooledClasses.set(name, counts(counts)));
		extras.set("confusionMatrix", confusion(scores.confusion()));
		if (panoptic != null) {
			extras.set("panopticQuality", panoptic(panoptic));
		}
		return node;
	}

	private static ObjectNode counts(ClassCounts counts) {
		ObjectNode node = MAPPER.createObjectNode();
		node.put("tp", counts.truePositives());
		node.put("fp", counts.falsePositives());
		node.put("fn", counts.falseNegatives());
		number(node, "precision", counts.precision());
		number(node, "recall", counts.recall());
		number(node, "f1", counts.f1());
		return node;
	}

	private static ObjectNode confusion(ConfusionMatrix matrix) {
		ObjectNode node = MAPPER.createObjectNode();
		node.put("description", "Nuclei matched by location only (official 15 px greedy rule, " +
			"classes ignored); rows are ground-truth classes, columns predicted classes, and " +
			"\"none\" counts nuclei without a match.");
		ArrayNode classes = node.putArray("classes");
		matrix.classes().forEach(classes::add);
		classes.add("none");
		ArrayNode rows = node.putArray("counts");
		for (long[] row : matrix.counts()) {
			ArrayNode values = rows.addArray();
			for (long value : row) {
				values.add(value);
			}
		}
		return node;
	}

	private static ObjectNode panoptic(PanopticScores scores) {
		ObjectNode node = MAPPER.createObjectNode();
		node.put("description", "Panoptic quality: pixels whose centres are inside each " +
			"polygon, same-class matches with IoU > 0.5, counts summed over images; the means " +
			"are over classes.");
		number(node, "meanPQ", scores.meanPanopticQuality());
		number(node, "meanSQ", scores.meanSegmentationQuality());
		number(node, "meanRQ", scores.meanRecognitionQuality());
		node.set("classAgnostic", panoptic(scores.classAgnostic()));
		ObjectNode classes = node.putObject("classes");
		scores.classes().forEach((name, counts) -> classes.set(name, panoptic(counts)));
		ArrayNode images = node.putArray("images");
		for (PanopticScores.ImagePanopticScores image : scores.images()) {
			ObjectNode entry = images.addObject();
			entry.put("image", image.image());
			entry.put("truthSegments", image.truthCount());
			entry.put("predictedSegments", image.predictionCount());
			entry.put("emptyObjects", image.emptyObjects());
			entry.set("classAgnostic", panoptic(image.classAgnostic()));
			ObjectNode imageClasses = entry.putObject("classes");
			image.classes().forEach((name, counts) -> imageClasses.set(name, panoptic(counts)));
		}
		return node;
	}

	private static ObjectNode panoptic(PanopticCounts counts) {
		ObjectNode node = MAPPER.createObjectNode();
		node.put("tp", counts.truePositives());
		node.put("fp", counts.falsePositives());
		node.put("fn", counts.falseNegatives());
		number(node, "iouSum", counts.iouSum());
		number(node, "pq", counts.panopticQuality());
		number(node, "sq", counts.segmentationQuality());
		number(node, "rq", counts.recognitionQuality());
		return node;
	}

	private static ObjectNode tissue(TissueScores scores) {
		ObjectNode node = MAPPER.createObjectNode();
		node.put("imageCount", scores.imageCount());
		ObjectNode official = node.putObject("official");
		number(official, "microDiceMean", scores.microDiceMean());
		ObjectNode micro = official.putObject("microDice");
		scores.microDice().forEach((name, dice) -> number(micro, name, dice));
		ArrayNode images = node.putArray("images");
		for (TissueScores.ImageTissueScores image : scores.images()) {
			ObjectNode entry = images.addObject();
			entry.put("image", image.image());
			number(entry, "averageDice", image.averageDice());
			ObjectNode dice = entry.putObject("dice");
			image.dice().forEach((name, value) -> number(dice, name, value));
		}
		ObjectNode meanImage = node.putObject("meanImageDice");
		scores.meanImageDice().forEach((name, value) -> number(meanImage, name, value));
		return node;
	}

	private static void number(ObjectNode node, String field, double value) {
		if (Double.isFinite(value)) {
			node.put(field, value);
		}
		else {
			node.putNull(field);
		}
	}
}
