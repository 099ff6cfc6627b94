package org.pumaseg.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pumaseg.Progress;
import org.pumaseg.annotation.GeoJsonFormat;
import org.pumaseg.cli.CliRun;
import org.pumaseg.image.ImageFileWriter;
import org.pumaseg.image.PixelSize;
import org.pumaseg.image.RgbImage;
import org.pumaseg.label.LabelImage;
import org.pumaseg.model.OfflineMode;

/**
 * A model card's validation scores are those that its reproduce commands print: a tiny
 * nuclei model is trained on one synthetic PUMA-style image, and the commands of its card are
 * run through the command line.
 */
class PackageEvaluationTest {

	private static final Pattern MACRO_F1 = Pattern.compile("macro F1 \\(official\\)\\s+(\\S+)");

	@BeforeAll
	static void offline() {
		OfflineMode.enable();
	}

	/** Writes one 128 x 64 image of discs with its nuclei GeoJSON, laid out as PUMA data is. */
	static Path pumaStyleFolder(Path root) throws IOException {
		Files.createDirectories(root);
		Random random = new Random(11);
		LabelImage labels = SyntheticNuclei.discs(128, 64, 24, random);
		ImageFileWriter.write(RgbImage.wrap("roi_1", SyntheticNuclei.render(labels, random), 128,
			64, PixelSize.unknown("synthetic")), root.resolve("roi_1.png"));
		GeoJsonFormat.write(root.resolve("roi_1_nuclei.geojson"), SyntheticNuclei.polygons(
			labels));
		return root;
	}

	static TrainingRun.Request request(Path data, Path output) {
		return new TrainingRun.Request(TrainingTask.NUCLEI, data, output, 2, 8, 6, 10, 4, 48,
			0.01, 7, 0, 0.25, TrainingDataset.Split.REGION, false, false, null, false, Double.NaN,
			"pumaseg train nuclei (test)");
	}

	@Test
	void cardScoresEqualCommandOutput(@TempDir Path scratch) throws IOException {
		Path data = pumaStyleFolder(scratch.resolve("data"));
		Path model = scratch.resolve("model");
		TrainingRun.Outcome outcome = TrainingRun.run(request(data, model), Progress.none());
		assertEquals(1, outcome.packageScores().size());

		String card = Files.readString(model.resolve("README.md"), StandardCharsets.UTF_8);
		Path image = data.resolve("roi_1.png");
		Path truth = data.resolve("roi_1_nuclei.geojson");
		assertTrue(card.contains("pumaseg segment " + image + " --out /tmp/pumaseg-reproduce " +
			"--overwrite --nuclei-model " + model + " --no-tissue"), card);
		assertTrue(card.contains("pumaseg evaluate --truth " + truth + " --pred " +
			"/tmp/pumaseg-reproduce/roi_1/nuclei.geojson --track 1 --region 96,0,128,64"), card);

		// Run the commands, writing to the test's folder instead of /tmp/pumaseg-reproduce.
		Path results = scratch.resolve("reproduce");
		List<String> printed = new ArrayList<>();
		for (String command : commands(card)) {
			String[] words = command.replace("/tmp/pumaseg-reproduce", results.toString()).split(
				" ");
			assertEquals("pumaseg", words[0]);
			CliRun run = CliRun.run(java.util.Arrays.copyOfRange(words, 1, words.length));
			assertEquals(0, run.exitCode(), run.err());
			Matcher f1 = MACRO_F1.matcher(run.out());
			if (f1.find()) {
				printed.add(f1.group(1));
			}
		}
		// Held out track 1, track 2, then whole image track 1, track 2.
		assertEquals(4, printed.size(), printed.toString());
		assertTrue(card.contains("| track-1 macro F1 | " + printed.get(0) + " | " + printed.get(
			2) + " |"), printed + "\n" + card);
		assertTrue(card.contains("| track-2 macro F1 | " + printed.get(1) + " | " + printed.get(
			3) + " |"), printed + "\n" + card);
		assertTrue(card.contains("### During training"), card);
		assertFalse(card.contains("not by the PUMA nuclei F1"), card);

		// Validating the package again gives the same section, and the rest of the card stays.
		String revalidated = TrainingRun.revalidatedCard(TrainingTask.NUCLEI, data, 0.25,
			TrainingDataset.Split.REGION, 7, false, model, model.toString(), Progress.none());
		String packageSection = between(card, "### This package", "### During training");
		assertTrue(revalidated.contains(packageSection), revalidated);
		assertFalse(revalidated.contains("### During training"), revalidated);
		assertEquals(card.substring(card.indexOf("## Use")), revalidated.substring(revalidated
			.indexOf("## Use")));
		assertEquals(card.substring(0, card.indexOf(ModelCard.VALIDATION_HEADING)), revalidated
			.substring(0, revalidated.indexOf(ModelCard.VALIDATION_HEADING)));

		// The command line writes the same card to a new file.
		Path written = scratch.resolve("card.md");
		CliRun run = CliRun.run("train", "nuclei", "--data", data.toString(), "--split",
			"region", "--validation-fraction", "0.25", "--validate-only", model.toString(),
			"--out", written.toString());
		assertEquals(0, run.exitCode(), run.err());
		assertEquals(revalidated, Files.readString(written, StandardCharsets.UTF_8));
	}

	@Test
	void tissueCardScoreEqualsCommandOutput(@TempDir Path scratch) throws IOException {
		Path data = scratch.resolve("data");
		Files.createDirectories(data);
		Random random = new Random(5);
		LabelImage labels = SyntheticNuclei.discs(96, 64, 12, random);
		ImageFileWriter.write(RgbImage.wrap("roi_2", SyntheticNuclei.render(labels, random), 96,
			64, PixelSize.unknown("synthetic")), data.resolve("roi_2.png"));
		Files.writeString(data.resolve("roi_2_tissue.geojson"), """
			{"type": "FeatureCollection", "features": [
			 {"type": "Feature", "geometry": {"type": "Polygon",
			  "coordinates": [[[0, 0], [96, 0], [96, 32], [0, 32], [0, 0]]]},
			  "properties": {"classification": {"name": "tissue_tumor"}}},
			 {"type": "Feature", "geometry": {"type": "Polygon",
			  "coordinates": [[[0, 32], [96, 32], [96, 64], [0, 64], [0, 32]]]},
			  "properties": {"classification": {"name": "tissue_stroma"}}}]}
			""");
		Path model = scratch.resolve("tissue-model");
		TrainingRun.run(new TrainingRun.Request(TrainingTask.TISSUE, data, model, 2, 4, 2, 5, 4,
			48, 0.01, 7, 0, 0.25, TrainingDataset.Split.REGION, false, false, null, false,
			Double.NaN, "pumaseg train tissue (test)"), Progress.none());

		String card = Files.readString(model.resolve("README.md"), StandardCharsets.UTF_8);
		Matcher inCard = Pattern.compile("Tissue micro Dice of the whole image \\(including the " +
			"part trained on\\): (\\S+)\\.").matcher(card);
		assertTrue(inCard.find(), card);
		List<String> commands = commands(card);
		assertEquals(2, commands.size(), card);
		assertTrue(commands.get(1).startsWith("pumaseg evaluate --truth " + data.resolve(
			"roi_2_tissue.geojson")), commands.get(1));

		Path results = scratch.resolve("reproduce");
		String printed = null;
		for (String command : commands) {
			String[] words = command.replace("/tmp/pumaseg-reproduce", results.toString()).split(
				" ");
			CliRun run = CliRun.run(java.util.Arrays.copyOfRange(words, 1, words.length));
			assertEquals(0, run.exitCode(), run.err());
			Matcher mean = Pattern.compile("mean \\(official\\)\\s+(\\S+)").matcher(run.out());
			if (mean.find()) {
				printed = mean.group(1);
			}
		}
		assertEquals(printed, inCard.group(1));
	}

	private static List<String> commands(String card) {
		List<String> commands = new ArrayList<>();
		for (String line : card.split("\n")) {
			if (line.startsWith("pumaseg ")) {
				commands.add(line);
			}
		}
		return commands;
	}

	private static String between(String text, String from, String to) {
		int start = text.indexOf(from);
		return text.substring(start, text.indexOf(to, start));
	}
}
