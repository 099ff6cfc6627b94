package org.pumaseg.export;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.pumaseg.OutputFiles;
import org.pumaseg.annotation.TissueClass;
import org.pumaseg.annotation.Track;
import org.pumaseg.result.DetectedNucleus;
import org.pumaseg.result.PanopticResult;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The {@code summary.json} of a segmented image: image size and pixel size, nucleus counts per
 * class (the nuclei model's classes, and the track-1 groups), tissue areas per class, and what
 * produced the result.
 */
public final class ResultSummary {

	private static final ObjectMapper JSON = new ObjectMapper().enable(
		SerializationFeature.INDENT_OUTPUT);

	private ResultSummary() {}

	/** Returns the summary entries, in a fixed order. */
	public static Map<String, Object> of(PanopticResult result, Track track) {
		Map<String, Object> summary = new LinkedHashMap<>();
		summary.put("image", result.imageName());
		summary.put("width_px", result.width());
		summary.put("height_px", result.height());
		double um = result.pixelSize().umPerPixel();
		summary.put("pixel_size_um", Double.isNaN(um) ? null : um);
		summary.put("pixel_size_calibrated", result.pixelSize().calibrated());
		summary.put("pixel_size_origin", result.pixelSize().origin());
		summary.put("track", track.number());
		summary.put("nuclei", result.nuclei().size());

		// Start from the nuclei model's classes, so a track-1 model lists no track-2 class.
		Map<String, Integer> perClass = new LinkedHashMap<>();
		Map<String, Integer> perTrack1Class = new LinkedHashMap<>();
		for (String name : result.nucleusClasses()) {
			perClass.put(name, 0);
		}
		for (String name : Track.TRACK1.classNames()) {
			perTrack1Class.put(name, 0);
		}
		for (DetectedNucleus nucleus : result.nuclei()) {
			perClass.merge(nucleus.className(), 1, Integer::sum);
			perTrack1Class.merge(nucleus.track1ClassName(), 1, Integer::sum);
		}
		summary.put("nuclei_per_class", perClass);
		summary.put("nuclei_per_track1_class", perTrack1Class);

		if (result.tissue() != null) {
			long[] pixels = new long[TissueClass.MAX_CODE + 1];
			for (byte code : result.tissue().codes()) {
				pixels[code]++;
			}
			Map<String, Object> areas = new LinkedHashMap<>();
			for (int code = 1; code <= TissueClass.MAX_CODE; code++) {
				Map<String, Object> area = new LinkedHashMap<>();
				area.put("pixels", pixels[code]);
				area.put("mm2", Double.isNaN(um) ? null : pixels[code] * um * um * 1e-6);
				areas.put(TissueClass.fromMaskCode(code).className(), area);
			}
			summary.put("tissue_area", areas);
		}
		summary.put("provenance", new LinkedHashMap<>(result.provenance()));
		return summary;
	}

	/** Writes {@code summary} as indented JSON, atomically. */
	public static void write(Path file, Map<String, Object> summary) {
		OutputFiles.write(file, out -> JSON.writeValue(out, summary));
	}
}
