package org.pumaseg.segment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.pumaseg.annotation.Track;
import org.pumaseg.export.ResultFolderWriter;
import org.pumaseg.til.TilReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The numbers of a result folder that {@code --skip-existing} keeps, read from its
 * {@value ResultFolderWriter#SUMMARY}, so that the image's row in {@code batch-summary.csv}
 * gives the same counts and TIL measures as when it was segmented.
 *
 * @param nuclei the number of nuclei, or null when the summary cannot be read
 * @param track1Counts nuclei per track-1 class, or null when the nuclei have no classes or the
 *          summary cannot be read
 * @param til the TIL measures, or null when the nuclei have no classes or the summary cannot
 *          be read
 * @param seconds the segmentation time recorded in the summary (models and decoding, without
 *          reading and writing files), or NaN when it has none
 */
public record KeptResult(Integer nuclei, Map<String, Integer> track1Counts, TilReport til,
	double seconds)
{

	private static final Logger LOG = LoggerFactory.getLogger(KeptResult.class);

	private static final ObjectMapper JSON = new ObjectMapper().disable(
		DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

	/**
	 * Reads the summary of a complete result folder. A summary that cannot be read or lacks the
	 * counts gives empty cells and a warning, because the folder is kept either way.
	 */
	static KeptResult read(Path folder) {
		Path file = folder.resolve(ResultFolderWriter.SUMMARY);
		try {
			JsonNode summary = JSON.readTree(file.toFile());
			JsonNode nuclei = summary.path("nuclei");
			if (!nuclei.canConvertToInt()) {
				LOG.warn("{} has no nucleus count, so the row of its image in {} stays empty.",
					file, BatchSegmentation.BATCH_SUMMARY);
				return new KeptResult(null, null, null, Double.NaN);
			}
			JsonNode total = summary.path("timings_s").path("total");
			double seconds = total.isNumber() ? total.asDouble() : Double.NaN;
			JsonNode tilNode = summary.get("til");
			if (tilNode == null || tilNode.isNull()) {
				return new KeptResult(nuclei.asInt(), null, null, seconds);
			}
			TilReport til = JSON.treeToValue(tilNode, TilReport.class);
			return new KeptResult(nuclei.asInt(), track1Counts(summary), til, seconds);
		}
		catch (IOException | IllegalArgumentException e) {
			LOG.warn("Cannot read {}: {}. The row of its image in {} stays empty.", file, e
				.getMessage(), BatchSegmentation.BATCH_SUMMARY);
			return new KeptResult(null, null, null, Double.NaN);
		}
	}

	private static Map<String, Integer> track1Counts(JsonNode summary) {
		JsonNode perClass = summary.path("nuclei_per_track1_class");
		Map<String, Integer> counts = new LinkedHashMap<>();
		for (String name : Track.TRACK1.classNames()) {
			counts.put(name, perClass.path(name).asInt(0));
		}
		return counts;
	}
}
