package org.pumaseg.metrics;

import java.util.List;
import java.util.Objects;

import org.pumaseg.annotation.Track;

/**
 * Everything one evaluation of prediction files against ground-truth files found.
 *
 * @param track the PUMA track whose nucleus classes were scored
 * @param files the file pairs, and the files left unpaired or ignored
 * @param nuclei official nuclei F1 with its extras, or null when no nuclei files were paired
 * @param panoptic panoptic quality (an extra), or null when no nuclei files were paired
 * @param tissue official tissue Dice, or null when no tissue files were paired
 * @param warnings what the user should know about the inputs, e.g. skipped polygons
 */
public record EvaluationReport(Track track, FilePairing files, NucleiScores nuclei,
	PanopticScores panoptic, TissueScores tissue, List<String> warnings)
{

	public EvaluationReport {
		Objects.requireNonNull(track);
		Objects.requireNonNull(files);
		warnings = List.copyOf(warnings);
	}
}
