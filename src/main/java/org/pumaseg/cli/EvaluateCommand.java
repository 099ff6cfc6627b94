package org.pumaseg.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.pumaseg.InvalidInputException;
import org.pumaseg.OutputFiles;
import org.pumaseg.annotation.Track;
import org.pumaseg.metrics.Evaluation;
import org.pumaseg.metrics.EvaluationJson;
import org.pumaseg.metrics.EvaluationReport;
import org.pumaseg.metrics.EvaluationText;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pumaseg evaluate}: PUMA scores of predictions against ground truth. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
	description = { "Score predicted nuclei and tissue against ground truth with the PUMA " +
		"challenge's official rules (nuclei F1, tissue micro Dice), plus extras that are not " +
		"part of the official score (pooled F1, confusion matrix, panoptic quality).", "",
		"Files are paired by image name: the file name without extension and without a " +
			"trailing _nuclei or _tissue (roi_1_nuclei.geojson pairs with roi_1.json). Files " +
			"in the challenge output layout take the name of their job, or of its input image " +
			"when the challenge's predictions.json is present. Two files are paired whatever " +
			"their names. Nuclei: GeoJSON or challenge JSON; tissue: 8-bit mask TIFF or " +
			"*_tissue.geojson.", "",
		"Files without a partner are listed and not scored. Exit status: 0 when at least one " +
			"pair was scored, 2 when nothing pairs up or an input is invalid." })
final class EvaluateCommand implements Callable<Integer> {

	@Option(names = "--truth", required = true, paramLabel = "T",
		description = "Ground-truth file or folder (searched recursively).")
	Path truth;

	@Option(names = { "--pred", "--prediction" }, required = true, paramLabel = "P",
		description = "Prediction file or folder (searched recursively).")
	Path prediction;

	@Option(names = "--track", paramLabel = "1|2|detection", defaultValue = "1",
		description = "PUMA track: 1 scores tumour, lymphocyte (with plasma cells) and other " +
			"nuclei; 2 scores the 10 nucleus classes; detection ignores classes and scores " +
			"every nucleus as one class (for ground truth without classes, such as MoNuSeg " +
			"XML outlines). Default: ${DEFAULT-VALUE}.")
	String track;

	@Option(names = "--json", paramLabel = "FILE",
		description = "Also write every per-image and per-class number to this JSON file.")
	Path json;

	@Option(names = "--region", paramLabel = "X0,Y0,X1,Y1",
		description = "Score only nuclei whose centroid lies in this rectangle (pixels; X1 and " +
			"Y1 excluded), e.g. the part of an image held out from training. Tissue is scored " +
			"whole.")
	String region;

	@Option(names = "--overwrite", description = "Replace the JSON file if it exists.")
	boolean overwrite;

	@Override
	public Integer call() {
		Track scoredTrack = scoredTrack();
		if (json != null) {
			OutputFiles.checkTarget(json, overwrite, List.of(truth, prediction), "scores.json");
		}

		ConsoleProgress progress = new ConsoleProgress("evaluate");
		EvaluationReport report = Evaluation.run(truth, prediction, scoredTrack, parseRegion(),
			progress.progress());

		System.out.print(EvaluationText.format(report));
		if (json != null) {
			EvaluationJson.write(json, report);
			System.out.println("Wrote " + json + ".");
		}
		return 0;
	}

	private Track scoredTrack() {
		try {
			return Track.parse(track);
		}
		catch (IllegalArgumentException e) {
			throw new InvalidInputException("Invalid --track: " + e.getMessage());
		}
	}

	private double[] parseRegion() {
		if (region == null) {
			return null;
		}
		String[] parts = region.split(",");
		double[] values = new double[4];
		try {
			if (parts.length != 4) {
				throw new NumberFormatException();
			}
			for (int i = 0; i < 4; i++) {
				values[i] = Double.parseDouble(parts[i].trim());
			}
		}
		catch (NumberFormatException e) {
			throw new InvalidInputException("Invalid --region '" + region + "': give four " +
				"numbers X0,Y0,X1,Y1 in pixels, e.g. 819,0,1024,1024.");
		}
		if (!(values[0] < values[2] && values[1] < values[3])) {
			throw new InvalidInputException("Invalid --region '" + region + "': X0 must be " +
				"below X1 and Y0 below Y1.");
		}
		return values;
	}
}
