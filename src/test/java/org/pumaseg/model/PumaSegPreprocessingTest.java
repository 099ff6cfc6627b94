package org.pumaseg.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pumaseg.InvalidInputException;
import org.pumaseg.preprocess.PreprocessOp;

/**
 * The PumaSeg preprocessing chain in config.pumaseg: read with every default written out,
 * checked step by step, written back unchanged.
 */
class PumaSegPreprocessingTest {

	@TempDir
	Path folder;

	/** Returns {@code model} with {@code chain} as its PumaSeg preprocessing. */
	static ModelDescription withChain(ModelDescription model, List<Map<String, Object>> chain) {
		PumaSegConfig c = model.pumaseg();
		PumaSegConfig config = new PumaSegConfig(c.version(), c.pixelSizeUm(), c.outputs(), c
			.nucleusClasses(), c.tissueClasses(), chain);
		return new ModelDescription(model.formatVersion(), model.name(), model.description(),
			model.authors(), model.license(), model.documentation(), model.covers(), model.tags(),
			model.inputs(), model.outputs(), model.weights(), model.attachments(), model
				.reproducibilityTolerances(), config, model.otherConfig(), model.otherFields());
	}

	/** Returns the rdf.yaml of the test nuclei model with {@code chainYaml} under config.pumaseg. */
	private static String yamlWithChain(String chainYaml) {
		String yaml = RdfYaml.write(TestPackages.nucleiModel());
		String anchor = "  pumaseg:\n";
		assertTrue(yaml.contains(anchor), yaml);
		return yaml.replace(anchor, anchor + "    preprocessing: " + chainYaml + "\n");
	}

	private static String rejection(String chainYaml) {
		return assertThrows(InvalidInputException.class, () -> RdfYaml.read(yamlWithChain(
			chainYaml), "chain.zip")).getMessage();
	}

	@Test
	void chainIsReadWithDefaults() {
		ModelDescription model = RdfYaml.read(yamlWithChain(
			"[{name: reinhard}, {name: scale, parameters: {divide_by: 100}}]"), "chain.zip");

		List<Map<String, Object>> chain = model.pumaseg().preprocessing();
		List<PreprocessOp> ops = model.pumaseg().preprocessingChain().ops();
		assertEquals(2, chain.size());
		assertEquals("reinhard", chain.get(0).get("name"));
		assertTrue(((Map<?, ?>) chain.get(0).get("parameters")).containsKey("target_mean"), chain
			.toString());
		assertEquals(100.0, ((Number) ((Map<?, ?>) chain.get(1).get("parameters")).get(
			"divide_by")).doubleValue());
		assertEquals(List.of("reinhard", "scale"), ops.stream().map(PreprocessOp::name).toList());
	}

	@Test
	void packageWithoutChainHasEmptyChain() {
		ModelDescription model = RdfYaml.read(RdfYaml.write(TestPackages.nucleiModel()), "plain");

		assertEquals(List.of(), model.pumaseg().preprocessing());
		assertTrue(model.pumaseg().preprocessingChain().ops().isEmpty());
		assertTrue(!RdfYaml.write(model).contains("preprocessing: ["), "no chain written");
	}

	@Test
	void unknownStepIsRejected() {
		String message = rejection("[{name: makenko}]");

		assertTrue(message.contains("Model package 'chain.zip'"), message);
		assertTrue(message.contains("field 'config.pumaseg.preprocessing'"), message);
		assertTrue(message.contains("Unknown preprocessing step 'makenko'"), message);
		assertTrue(message.contains("macenko, reinhard"), message);
		assertTrue(message.contains("Fix: "), message);
	}

	@Test
	void badParameterIsRejected() {
		String unknown = rejection("[{name: macenko, parameters: {alpah: 1}}]");
		String outOfRange = rejection("[{name: reinhard, parameters: {target_std: [1, 0, 1]}}]");

		assertTrue(unknown.contains("'macenko' has no parameter 'alpah'"), unknown);
		assertTrue(unknown.contains("alpha"), unknown);
		assertTrue(outOfRange.contains("target_std"), outOfRange);
		assertTrue(outOfRange.contains("config.pumaseg.preprocessing"), outOfRange);
	}

	@Test
	void chainThatIsNoListIsRejected() {
		String message = rejection("macenko");

		assertTrue(message.contains("config.pumaseg.preprocessing"), message);
		assertTrue(message.contains("not a list of steps"), message);
	}

	@Test
	void resampleStepIsRejected() {
		String message = rejection("[{name: resample, parameters: {um_per_pixel: 0.5}}]");

		assertTrue(message.contains("config.pumaseg.preprocessing[0]"), message);
		assertTrue(message.contains("resamples every image to config.pumaseg.pixel_size_um"),
			message);
	}

	@Test
	void floatStepBeforeColourStepIsRejected() {
		String message = rejection("[{name: scale}, {name: macenko}]");

		assertTrue(message.contains("'macenko' needs an 8-bit RGB image"), message);
	}

	@Test
	void chainRoundTripsThroughWriter() throws IOException {
		ModelDescription model = withChain(TestPackages.nucleiModel(), List.of(Map.of("name",
			"macenko", "parameters", Map.of("alpha", 2)), Map.of("name", "scale")));

		ModelPackage written = ModelPackageWriter.write(model, TestPackages.contents(folder
			.resolve("scratch")), folder.resolve("package"), folder.resolve("cache"));
		ModelPackage reopened = ModelPackage.open(folder.resolve("package"), folder.resolve(
			"cache"), ZipLimits.DEFAULT);

		assertEquals(model, written.description());
		assertEquals(model, reopened.description());
		assertEquals(model.pumaseg().preprocessingChain().toDescription(), reopened.description()
			.pumaseg().preprocessingChain().toDescription());
		String yaml = Files.readString(folder.resolve("package").resolve("rdf.yaml"));
		assertTrue(yaml.contains("    preprocessing:\n      - name: macenko"), yaml);
		assertEquals(2.0, ((Number) ((Map<?, ?>) reopened.description().pumaseg().preprocessing()
			.get(0).get("parameters")).get("alpha")).doubleValue());
	}
}
