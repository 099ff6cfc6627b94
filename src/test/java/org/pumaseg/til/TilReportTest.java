package org.pumaseg.til;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.pumaseg.Progress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** JSON and CSV forms of the report. */
class TilReportTest {

	private static TilReport noTumourReport() {
		TilInput input = new TilInput("no, tumour", 50, 50, TilQuantifierTest.squareRoi()
			.pixelSize(), List.of(TilQuantifierTest.lymphocyte(10.5, 10.5)), TilQuantifierTest
				.squareTumour(50, 50, 0, 0, 0, 0), List.of());
		return TilQuantifier.quantify(input, TilParameters.defaults(), Progress.none()).report();
	}

	@Test
	void jsonGivesReasonsForUndefinedValues() throws Exception {
		String json = noTumourReport().toJson();

		JsonNode root = new ObjectMapper().readTree(json);
		JsonNode intratumoural = root.path("compartments").get(0);
		assertEquals("INTRATUMOURAL", intratumoural.path("compartment").asText());
		assertTrue(intratumoural.path("tilDensityPerMm2").path("value").isMissingNode(), json);
		assertTrue(intratumoural.path("tilDensityPerMm2").path("undefinedReason").asText()
			.contains("no tumour region"), json);
		assertEquals(0, intratumoural.path("tilCount").asInt(-1));
		assertTrue(root.path("borderDistance").path("undefinedReason").isTextual(), json);
		assertFalse(json.contains("NaN"), json);
		assertFalse(json.contains("Infinity"), json);
	}

	@Test
	void jsonOfSquareRoi() throws Exception {
		TilReport report = TilQuantifier.quantify(TilQuantifierTest.squareRoi(), TilParameters
			.defaults().withBandWidthUm(10), Progress.none()).report();

		JsonNode root = new ObjectMapper().readTree(report.toJson());

		assertEquals(9, root.path("tilCount").asInt());
		assertEquals(9, root.path("tils").size());
		assertEquals(report.compartment(Compartment.PERITUMOURAL).tilDensityPerMm2().value(), root
			.path("compartments").get(2).path("tilDensityPerMm2").path("value").asDouble());
		assertEquals(9, root.path("borderDistance").path("count").asInt());
		assertTrue(root.path("borderDistance").path("histogram").path("counts").isArray());
	}

	@Test
	void csvRowMatchesHeader() {
		TilReport report = noTumourReport();

		String[] header = TilReport.csvHeader().split(",");
		String row = report.toCsvRow();

		assertTrue(row.startsWith("\"no, tumour\","), row);
		String[] cells = row.substring("\"no, tumour\",".length()).split(",");
		assertEquals(header.length - 1, cells.length, row);
		int density = List.of(header).indexOf("intratumoural_til_density_per_mm2");
		assertEquals(Quantity.UNDEFINED_TEXT, cells[density - 1]);
		int stromal = List.of(header).indexOf("stromal_tils");
		assertEquals("1", cells[stromal - 1]);
		assertFalse(row.contains("NaN"), row);
	}

	@Test
	void tilsCsvHasOneLinePerTil() {
		TilReport report = TilQuantifier.quantify(TilQuantifierTest.squareRoi(), TilParameters
			.defaults().withBandWidthUm(10), Progress.none()).report();

		String[] lines = report.tilsCsv().split("\n");

		assertEquals(10, lines.length);
		assertTrue(lines[5].startsWith("150.500,100.500,nuclei_lymphocyte,peritumoural,true,true,"),
			lines[5]);
	}

	@Test
	void quantilesInterpolateLinearly() {
		double[] sorted = { 1, 2, 3, 4 };

		assertEquals(1.75, DistanceSummary.quantile(sorted, 0.25), 1e-12);
		assertEquals(2.5, DistanceSummary.quantile(sorted, 0.5), 1e-12);
		assertEquals(3.25, DistanceSummary.quantile(sorted, 0.75), 1e-12);
		assertEquals(4, DistanceSummary.quantile(sorted, 1), 1e-12);
	}

	@Test
	void histogramBinsAlignToWidth() {
		Histogram histogram = Histogram.of(new double[] { -12, -3, 0, 9.99, 10, 25 }, 10);

		assertEquals(-20, histogram.startUm());
		assertEquals(List.of(1, 1, 2, 1, 1), histogram.counts());
	}
}
