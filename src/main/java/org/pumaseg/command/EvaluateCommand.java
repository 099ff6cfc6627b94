package org.pumaseg.command;

import java.awt.GraphicsEnvironment;
import java.io.File;
import java.nio.file.Path;
import java.util.List;

import org.pumaseg.InvalidInputException;
import org.pumaseg.OutputFiles;
import org.pumaseg.Progress;
import org.pumaseg.annotation.Track;
import org.pumaseg.ij1.EvaluationFigures;
import org.pumaseg.ij1.EvaluationTables;
import org.pumaseg.metrics.Evaluation;
import org.pumaseg.metrics.EvaluationJson;
import org.pumaseg.metrics.EvaluationReport;
import org.pumaseg.metrics.EvaluationText;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

import ij.ImagePlus;
import ij.measure.ResultsTable;

/**
 * Scores predicted nuclei and tissue against ground truth with the PUMA challenge's rules,
 * plus extras; see {@link Evaluation} for the pairing of files and the scores.
 */
@Plugin(type = Command.class, label = "Evaluate", menuPath = "Plugins>PumaSeg>Evaluate")
public class EvaluateCommand extends PumaSegCommand {

	@Parameter(label = "Ground truth", style = FileWidget.OPEN_STYLE,
		description = "A ground-truth file or a folder of them: nuclei GeoJSON or challenge " +
			"JSON, tissue mask TIFF or *_tissue.geojson. Type a folder path to give a folder.")
	private File truth;

	@Parameter(label = "Prediction", style = FileWidget.OPEN_STYLE,
		description = "A prediction file or a folder of them, named after the images of the " +
			"ground truth (roi_1.json pairs with roi_1_nuclei.geojson).")
	private File prediction;

	@Parameter(label = "Track", choices = { "1", "2", "detection" },
		description = "1 (PUMA track 1): tumour, lymphocyte (with plasma cells) and other " +
			"nuclei. 2 (PUMA track 2): the 10 nucleus classes. detection: every nucleus one " +
			"class, for ground truth without classes such as MoNuSeg XML outlines.")
	private String track = "1";

	// Not persisted: a remembered file from an earlier run would be replaced unasked.
	@Parameter(label = "Save all scores as JSON", required = false, persist = false,
		style = FileWidget.SAVE_STYLE,
		description = "Optional JSON file for every per-image and per-class number.")
	private File json_file;

	@Parameter(type = ItemIO.OUTPUT, label = "Nuclei scores")
	private ResultsTable nuclei_scores;

	@Parameter(type = ItemIO.OUTPUT, label = "Tissue scores")
	private ResultsTable tissue_scores;

	@Parameter(type = ItemIO.OUTPUT, label = "Image scores")
	private ResultsTable image_scores;

	@Parameter(type = ItemIO.OUTPUT, label = "Confusion matrix")
	private ImagePlus confusion_matrix;

	@Parameter(type = ItemIO.OUTPUT, label = "F1 per class")
	private ImagePlus f1_plot;

	@Override
	protected void execute(Progress progress) {
		Track scoredTrack = scoredTrack();
		Path jsonPath = json_file == null || json_file.getPath().isBlank() ? null : json_file
			.toPath();
		if (jsonPath != null) {
			OutputFiles.checkTarget(jsonPath, true, List.of(truth.toPath(), prediction.toPath()),
				"scores.json");
		}

		EvaluationReport report = Evaluation.run(truth.toPath(), prediction.toPath(),
			scoredTrack, progress);
		if (jsonPath != null) {
			EvaluationJson.write(jsonPath, report);
		}

		image_scores = EvaluationTables.images(report);
		if (report.nuclei() != null) {
			nuclei_scores = EvaluationTables.nuclei(report.nuclei(), report.panoptic());
			confusion_matrix = EvaluationFigures.confusionMatrix(report.nuclei().confusion());
			f1_plot = EvaluationFigures.classF1Plot(report.nuclei());
		}
		if (report.tissue() != null) {
			tissue_scores = EvaluationTables.tissue(report.tissue());
		}
		show(nuclei_scores, "PumaSeg nuclei scores");
		show(tissue_scores, "PumaSeg tissue scores");
		show(image_scores, "PumaSeg image scores");
		log.info("Evaluate: " + truth + " against " + prediction + ", track " + track +
			(jsonPath == null ? "" : ", scores written to " + jsonPath) + ".\n" + EvaluationText
				.format(report));
	}

	private Track scoredTrack() {
		try {
			return Track.parse(track);
		}
		catch (IllegalArgumentException e) {
			throw new InvalidInputException(e.getMessage());
		}
	}

	/** ImageJ tables cannot open a window without a display; headless, they stay outputs. */
	private static void show(ResultsTable table, String title) {
		if (table != null && !GraphicsEnvironment.isHeadless()) {
			table.show(title);
		}
	}
}
