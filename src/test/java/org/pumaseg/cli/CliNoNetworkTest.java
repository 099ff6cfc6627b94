package org.pumaseg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.pumaseg.annotation.ClassifiedPolygon;
import org.pumaseg.annotation.GeoJsonFormat;
import org.pumaseg.image.ImageFileWriter;
import org.pumaseg.model.ConnectTrace;
import org.pumaseg.testimages.SyntheticHeImage;

import picocli.CommandLine;

/**
 * Runs every {@code pumaseg} subcommand in a child JVM under strace and proves that it makes
 * no {@code AF_INET} or {@code AF_INET6} connection (see {@link ConnectTrace}; the loopback check
 * in {@code NoNetworkTest} shows that such a connection would be seen). Each subcommand has a
 * row in {@link #RUNS}: a new subcommand fails {@link #everySubcommandHasARun()} until a row
 * with a successful argument list is added there.
 */
class CliNoNetworkTest {

	/** Builds the argument list of one successful run, given a folder with the inputs. */
	private interface Arguments {
		List<String> of(Inputs inputs) throws IOException;
	}

	/** Input files shared by the runs, in a folder whose name has spaces and brackets. */
	record Inputs(Path folder, Path image, Path nuclei, Path trainingData, Path macro) {

		static Inputs create(Path parent) throws IOException {
			Path folder = Files.createDirectories(parent.resolve("slide 7 [H&E] (copy)"));
			Path image = folder.resolve("roi 1 [x4].tif");
			ImageFileWriter.write(SyntheticHeImage.render(64, 0.25, 21), image);
			Path nuclei = folder.resolve("roi 1 [x4]_nuclei.geojson");
			GeometryFactory geometry = new GeometryFactory();
			GeoJsonFormat.write(nuclei, List.of(ClassifiedPolygon.annotation("nuclei_tumor",
				geometry.toGeometry(new Envelope(10, 20, 10, 20))), ClassifiedPolygon.annotation(
					"nuclei_lymphocyte", geometry.toGeometry(new Envelope(40, 46, 40, 46)))));
			Path trainingData = Files.createDirectories(folder.resolve("training data"));
			Files.copy(image, trainingData.resolve("roi.tif"));
			Files.copy(nuclei, trainingData.resolve("roi_nuclei.geojson"));
			Path macro = Files.writeString(folder.resolve("note [1].ijm"),
				"File.saveString(\"done\", getArgument());\n");
			return new Inputs(folder, image, nuclei, trainingData, macro);
		}

		Path output(String name) {
			return folder.resolve(name);
		}
	}

	/** One successful run per subcommand name. */
	private static final Map<String, Arguments> RUNS = Map.of(
		"normalize", inputs -> List.of("normalize", inputs.image().toString(), "--method",
			"macenko", "--out", inputs.output("normalized [macenko].tif").toString()),
		"segment", inputs -> List.of("segment", inputs.image().toString(), "--out", inputs.output(
			"results").toString(), "--nuclei-model", model("nuclei-default"), "--tissue-model",
			model("tissue-default"), "--tile", "96"),
		"evaluate", inputs -> List.of("evaluate", "--truth", inputs.nuclei().toString(), "--pred",
			inputs.nuclei().toString(), "--json", inputs.output("scores.json").toString()),
		"til", inputs -> List.of("til", "--nuclei", inputs.nuclei().toString(), "--pixel-size",
			"0.25", "--out", inputs.output("til").toString()),
		"train", inputs -> List.of("train", "nuclei", "--data", inputs.trainingData().toString(),
			"--out", inputs.output("model").toString(), "--epochs", "1", "--steps-per-epoch", "1",
			"--depth", "2", "--base-filters", "4", "--crop-size", "32", "--batch-size", "1",
			"--split", "region"),
		"macro", inputs -> List.of("macro", inputs.macro().toString(), "--arg", inputs.output(
			"macro output.txt").toString()),
		"bench", inputs -> List.of("bench", "--quick", "--sizes", "256", "--out", inputs.output(
			"bench [quick].md").toString()));

	/** The bundled model packages, by absolute path: the child JVM has no models property. */
	private static String model(String name) {
		return Path.of("models", name).toAbsolutePath().toString();
	}

	static Stream<String> subcommands() {
		return RUNS.keySet().stream().sorted();
	}

	@Test
	void everySubcommandHasARun() {
		Set<String> registered = new TreeSet<>(new CommandLine(new PumaSegCli()).getSubcommands()
			.keySet());

		assertEquals(registered, new TreeSet<>(RUNS.keySet()),
			"add a row to CliNoNetworkTest.RUNS for each pumaseg subcommand");
	}

	@ParameterizedTest
	@MethodSource("subcommands")
	void subcommandMakesNoConnection(String subcommand, @TempDir Path folder) throws Exception {
		Inputs inputs = Inputs.create(folder);
		List<String> arguments = RUNS.get(subcommand).of(inputs);

		ConnectTrace.Traced run = ConnectTrace.main(folder, PumaSegCli.class.getName(), Map.of(),
			arguments.toArray(new String[0]));

		assertEquals(0, run.exitCode(), run.output());
		assertEquals(List.of(), run.networkConnects(), "network connections attempted by " +
			arguments);
		try (Stream<Path> files = Files.list(inputs.folder())) {
			assertTrue(files.count() > 1, "the run wrote no output: " + run.output());
		}
	}
}
