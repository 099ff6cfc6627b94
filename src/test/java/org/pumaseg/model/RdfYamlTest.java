package org.pumaseg.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.pumaseg.InvalidInputException;

class RdfYamlTest {

	@Test
	void descriptionRoundTrips() {
		ModelDescription model = TestPackages.nucleiModel();

		String yaml = RdfYaml.write(model);
		ModelDescription read = RdfYaml.read(yaml, "test");

		assertEquals(model, read);
		assertEquals(yaml, RdfYaml.write(read), "writing is stable");
	}

	@Test
	void writesTheBioimageioLayout() {
		String yaml = RdfYaml.write(TestPackages.nucleiModel());

		assertTrue(yaml.contains("format_version: " + ModelDescription.FORMAT_VERSION), yaml);
		assertTrue(yaml.contains("tensorflow_saved_model_bundle:"), yaml);
		assertTrue(yaml.contains("tensorflow_version: 2.10.1"), yaml);
		assertTrue(yaml.contains("size:\n          min: 64\n          step: 32"), yaml);
		assertTrue(yaml.contains("halo: 16"), yaml);
		assertTrue(yaml.contains("tensor_id: image"), yaml);
		assertTrue(yaml.contains("meaning: nuclei_foreground"), yaml);
		assertTrue(yaml.contains("- '#c80000'"), yaml);
	}

	/**
	 * A description in the style of the bioimage.io zoo (format 0.5.3, YAML 1.2 directive,
	 * documentation as {source: ...}, default axis ids, zoo fields PumaSeg does not use),
	 * plus our config section. Its unused fields must survive a write and read.
	 */
	@Test
	void readsZooStyleDescriptionsAndKeepsUnusedFields() {
		String yaml = String.join("\n", "%YAML 1.2", "---", "type: model",
			"format_version: 0.5.3", "name: Zoo style nuclei model",
			"description: Written the way bioimage.io writes descriptions.", "authors:",
			"  - {name: 'Zoe Zoo', orcid: 0000-0002-1825-0097}", "cite:",
			"  - {text: HoVer-Net, doi: 10.1016/j.media.2019.101563}", "license: MIT",
			"timestamp: 2024-05-01T10:00:00+00:00", "maintainers:", "  - {github_user: zoe}",
			"documentation:", "  source: README.md", "inputs:", "  - id: raw", "    axes:",
			"      - type: batch", "      - type: channel", "        channel_names: [r, g, b]",
			"      - {type: space, id: y, size: {min: 64, step: 16}}",
			"      - {type: space, size: {min: 64, step: 16}}",
			"    test_tensor: {source: test_input.npy}", "    preprocessing:",
			"      - id: zero_mean_unit_variance", "        kwargs: {axes: [y, x]}",
			"outputs:", "  - id: tissue", "    axes:", "      - type: batch",
			"      - type: channel", "        channel_names: [bg, stroma, vessel, tumor]",
			"      - {type: space, id: y, size: {tensor_id: raw, axis_id: y}, halo: 8}",
			"      - {type: space, size: {tensor_id: raw, axis_id: x}, halo: 8}",
			"    data: {type: float32, range: [0.0, 1.0]}",
			"    test_tensor: {source: test_output.npy, sha256: " + "ab".repeat(32) + "}",
			"weights:", "  tensorflow_saved_model_bundle:", "    source: tf_weights.zip",
			"    tensorflow_version: 2.10", "  pytorch_state_dict:", "    source: weights.pt",
			"    architecture: {source: unet.py, callable: UNet}", "    pytorch_version: 1.13",
			"config:", "  bioimageio:", "    reproducibility_tolerance:",
			"      - {absolute_tolerance: 0.001, output_ids: [tissue]}", "    thumbnails: {}",
			"  deepimagej: {pyramidal_model: false}", "  pumaseg:", "    version: 1",
			"    pixel_size_um: 0.5", "    outputs:",
			"      - {tensor_id: tissue, meaning: tissue_class_probabilities, values: probability}",
			"    tissue_classes:",
			"      names: [background, tissue_stroma, tissue_blood_vessel, tissue_tumor]",
			"      colors: ['#ffffff', '#96c896', '#00ff00', '#c80000']", "");

		ModelDescription model = RdfYaml.read(yaml, "zoo.zip");

		assertEquals("README.md", model.documentation());
		Axis.Space x = (Axis.Space) model.inputs().get(0).axes().get(3);
		assertEquals("x", x.id(), "a space axis without id is 'x'");
		assertEquals(8, model.outputs().get(0).halo("y"));
		assertEquals("2.1", model.weights().tensorflowSavedModelBundle().tensorflowVersion(),
			"an unquoted 2.10 is a number in YAML");
		assertTrue(model.weights().otherFormats().containsKey("pytorch_state_dict"));
		assertEquals("2024-05-01T10:00:00+00:00", model.otherFields().get("timestamp"));
		assertEquals(1e-3, model.tolerance("tissue",
			WeightsFormat.TENSORFLOW_SAVED_MODEL_BUNDLE).absoluteTolerance());
		assertEquals(ReproducibilityTolerance.DEFAULT, model.tolerance("other",
			WeightsFormat.ONNX));
		assertTrue(model.pumaseg().predictsTissue());
		assertFalse(model.pumaseg().predictsNuclei());

		assertEquals(model, RdfYaml.read(RdfYaml.write(model), "zoo.zip"));
	}

	@Test
	void yamlThatBuildsObjectsIsRejected() {
		String yaml = "!!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net" +
			".URL [\"http://localhost/\"]]]]\n";
		InvalidInputException error = assertThrows(InvalidInputException.class, () -> RdfYaml
			.read(yaml, "evil"));
		assertTrue(error.getMessage().contains("file 'rdf.yaml'"), error.getMessage());
	}

	@Test
	void aliasBombsAreRejected() {
		StringBuilder yaml = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
		for (char c = 'b'; c <= 'k'; c++) {
			char previous = (char) (c - 1);
			yaml.append(c).append(": &").append(c).append(" [*").append(previous).append(", *")
				.append(previous).append(", *").append(previous).append("]\n");
		}
		InvalidInputException error = assertThrows(InvalidInputException.class, () -> RdfYaml
			.read(yaml.toString(), "laughs"));
		assertTrue(error.getMessage().contains("rdf.yaml"), error.getMessage());
	}

	/** The complete example in docs/model-package.md must be a valid description. */
	@Test
	void documentedExampleIsValid() throws IOException {
		String markdown = Files.readString(Path.of("docs", "model-package.md"));
		Matcher block = Pattern.compile("```yaml\n(type: model\n.*?)```", Pattern.DOTALL).matcher(
			markdown);
		assertTrue(block.find(), "docs/model-package.md has a complete rdf.yaml example");

		ModelDescription model = RdfYaml.read(block.group(1), "docs example");

		assertTrue(model.pumaseg().predictsNuclei());
		assertEquals(List.of("background"), model.pumaseg().nucleusClasses().names().subList(0,
			1));
		assertEquals(Map.of(), model.otherConfig());
	}
}
