package org.pumaseg.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pumaseg.image.FloatImage;
import org.pumaseg.InvalidInputException;
import org.pumaseg.Progress;
import org.pumaseg.image.PixelSize;
import org.pumaseg.image.RgbImage;

class PreprocessingChainTest {

	private static final String EVERY_STEP = """
		[{"name": "resample", "parameters": {"um_per_pixel": 0.5}},
		 {"name": "macenko", "parameters": {"alpha": 2, "beta": 0.1}},
		 {"name": "reinhard"},
		 {"name": "percentile", "parameters": {"low": 2, "high": 98, "clip": true}}]
		""";

	@Test
	void descriptionRoundTripsThroughJson() throws Exception {
		PreprocessingChain chain = PreprocessingChain.fromJson(EVERY_STEP);

		String json = chain.toJson();
		PreprocessingChain again = PreprocessingChain.fromJson(json);

		assertEquals(chain.toDescription(), again.toDescription());
		assertEquals(json, again.toJson());
		// Defaults are written out, given values kept.
		Map<String, Object> macenko = chain.toDescription().get(1);
		@SuppressWarnings("unchecked")
		Map<String, Object> parameters = (Map<String, Object>) macenko.get("parameters");
		assertEquals(2.0, parameters.get("alpha"));
		assertEquals(99.0, parameters.get("max_percentile"));
		assertEquals(List.of(0.5626, 0.7201, 0.4062), parameters.get("target_hematoxylin"));
		// The JSON is plain lists and maps that any reader (Jackson here, SnakeYAML for rdf.yaml)
		// gives back as the same description.
		List<Object> plain = new ObjectMapper().readValue(json, new TypeReference<>() {});
		assertEquals(chain.toDescription(), plain);
	}

	@Test
	void everyStepRoundTripsThroughItsParameters() {
		List<PreprocessOp> ops = List.of(new OpticalDensity(240, 0.5), new ColourDeconvolution(
			"hed", new OpticalDensity()), new ColourDeconvolution(StainMatrix.hematoxylinEosin(),
				new OpticalDensity()), new MacenkoNormalizer(), new ReinhardNormalizer(),
			new Resampling(0.25), new FixedScale(127.5, 1), new PercentileNormalization());
		for (PreprocessOp op : ops) {
			PreprocessOp again = PreprocessOps.create(op.name(), op.parameters());
			assertEquals(op.parameters(), again.parameters(), op.name());
		}
	}

	@Test
	void chainRunsFromRgbToModelInput() {
		RgbImage image = TestImages.twoStains(MacenkoStains.VETA_HEMATOXYLIN,
			MacenkoStains.VETA_EOSIN, 1, 1, 64, 48, 9);
		PreprocessingChain chain = PreprocessingChain.fromJson(EVERY_STEP);

		StageImage out = chain.apply(image, Progress.none());

		assertEquals(StageImage.Kind.FLOAT, out.kind());
		assertEquals(StageImage.Kind.FLOAT, chain.outputKind());
		FloatImage floats = out.floats();
		assertEquals(32, floats.width());
		assertEquals(24, floats.height());
		assertEquals(0.5, floats.pixelSize().umPerPixel());
		for (int c = 0; c < 3; c++) {
			for (float v : floats.channel(c)) {
				assertTrue(v >= 0 && v <= 1);
			}
		}
	}

	@Test
	void emptyChainGivesTheImage() {
		RgbImage image = TestImages.constant(2, 2, TestImages.rgb(1, 2, 3));
		assertEquals(image, PreprocessingChain.fromJson("[]").apply(image, Progress.none())
			.rgb());
	}

	@Test
	void unknownStepNamesTheValidOnes() {
		var e = assertThrows(InvalidInputException.class, () -> PreprocessingChain.fromJson(
			"[{\"name\": \"vahadane\"}]"));

		assertTrue(e.getMessage().contains("'vahadane'"), e.getMessage());
		assertTrue(e.getMessage().contains("macenko, reinhard"), e.getMessage());
	}

	@Test
	void unknownParameterNamesTheValidOnes() {
		var e = assertThrows(InvalidInputException.class, () -> PreprocessOps.create("macenko", Map
			.of("alhpa", 1)));

		assertTrue(e.getMessage().contains("'alhpa'"), e.getMessage());
		assertTrue(e.getMessage().contains("alpha, beta"), e.getMessage());
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { //
		"macenko | {\"alpha\": -1} | 'alpha' = -1", //
		"macenko | {\"alpha\": \"1\"} | 'alpha' = \"1\"", //
		"macenko | {\"beta\": 7} | 'beta' = 7", //
		"macenko | {\"target_eosin\": [1, 2]} | 'target_eosin' = [1, 2]", //
		"macenko | {\"target_eosin\": [0.5626, 0.7201, 0.4062]} | parallel", //
		"macenko | {\"target_max_concentrations\": [1, 0]} | positive", //
		"reinhard | {\"target_std\": [1, 0, 1]} | positive", //
		"resample | {} | needs the parameter 'um_per_pixel'", //
		"resample | {\"um_per_pixel\": 0} | 'um_per_pixel' = 0", //
		"scale | {\"divide_by\": 0} | 'divide_by' = 0", //
		"percentile | {\"low\": 90, \"high\": 10} | 'high' = 10", //
		"percentile | {\"clip\": \"yes\"} | true or false", //
		"optical_density | {\"floor\": 0} | 'floor' = 0", //
		"colour_deconvolution | {\"stains\": \"dab\"} | one of he, hed", //
		"colour_deconvolution | {\"stains\": [[1, 0, 0]]} | 'stains'" })
	void badParametersAreRejectedWithTheValue(String op, String parameters, String expected)
		throws Exception
	{
		Map<String, Object> map = new ObjectMapper().readValue(parameters,
			new TypeReference<>() {});

		var e = assertThrows(InvalidInputException.class, () -> PreprocessOps.create(op, map));

		assertTrue(e.getMessage().contains(expected), e.getMessage());
	}

	@Test
	void colourStepAfterFloatStepIsRejected() {
		var e = assertThrows(InvalidInputException.class, () -> PreprocessingChain.fromJson(
			"[{\"name\": \"scale\"}, {\"name\": \"macenko\"}]"));

		assertTrue(e.getMessage().contains("step 2 'macenko' needs an 8-bit RGB image"), e
			.getMessage());
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { //
		"{\"name\": \"scale\"} | not a JSON list", //
		"[{\"name\": \"scale\"} | not a JSON list", //
		"[\"scale\"] | not a map", //
		"[{\"parameters\": {}}] | has no name", //
		"[{\"name\": \"scale\", \"params\": {}}] | 'params'", //
		"[{\"name\": \"scale\", \"parameters\": 3}] | parameters must be a map" })
	void malformedDescriptionsAreRejected(String json, String expected) {
		var e = assertThrows(InvalidInputException.class, () -> PreprocessingChain.fromJson(
			json));

		assertTrue(e.getMessage().contains(expected), e.getMessage());
	}

	@Test
	void resamplingAnUncalibratedImageSaysWhy() {
		RgbImage image = TestImages.constant(4, 4, TestImages.rgb(1, 2, 3)).withPixelSize(
			PixelSize.unknown("dpi only"));
		PreprocessingChain chain = PreprocessingChain.of(new Resampling(0.5));

		var e = assertThrows(InvalidInputException.class, () -> chain.apply(image, Progress
			.none()));

		assertTrue(e.getMessage().contains("dpi only"), e.getMessage());
	}
}
