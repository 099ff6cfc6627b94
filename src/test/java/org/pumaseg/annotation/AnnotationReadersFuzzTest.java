package org.pumaseg.annotation;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pumaseg.InvalidInputException;
import org.pumaseg.fuzz.FuzzInputs;
import org.pumaseg.image.PixelSize;

import ij.ImagePlus;
import ij.io.TiffEncoder;
import ij.process.ByteProcessor;

/**
 * Fuzz tests of the annotation readers: GeoJSON, challenge JSON and the tissue mask TIFF. Only
 * {@link org.pumaseg.InvalidInputException} may escape a reader. Plain {@code mvn test} replays
 * the seeds below; {@code JAZZER_FUZZ=1} fuzzes one method (docs/fuzzing.md). The timeout
 * applies to each input, so a hang is a finding too.
 */
class AnnotationReadersFuzzTest {

	private static final Path SCRATCH = FuzzInputs.scratchFolder("pumaseg-fuzz-annotation");

	@MethodSource("geoJsonSeeds")
	@Timeout(FuzzInputs.TIMEOUT_SECONDS)
	@FuzzTest(maxDuration = FuzzInputs.MAX_DURATION, maxExecutions = FuzzInputs.MAX_EXECUTIONS)
	void geoJson(byte[] input) {
		Path file = SCRATCH.resolve("fuzz.geojson");
		for (Validation validation : Validation.values()) {
			FuzzInputs.readRejectingOnlyInvalidInput(input, file, path -> AnnotationFiles.read(
				path, validation));
		}
		FuzzInputs.readRejectingOnlyInvalidInput(input, file, GeoJsonFormat::read);
	}

	@MethodSource("challengeJsonSeeds")
	@Timeout(FuzzInputs.TIMEOUT_SECONDS)
	@FuzzTest(maxDuration = FuzzInputs.MAX_DURATION, maxExecutions = FuzzInputs.MAX_EXECUTIONS)
	void challengeJson(byte[] input) {
		Path file = SCRATCH.resolve("fuzz.json");
		for (Validation validation : Validation.values()) {
			FuzzInputs.readRejectingOnlyInvalidInput(input, file, path -> ChallengeJsonFormat
				.read(path, validation));
		}
	}

	@MethodSource("tissueMaskSeeds")
	@Timeout(FuzzInputs.TIMEOUT_SECONDS)
	@FuzzTest(maxDuration = FuzzInputs.MAX_DURATION, maxExecutions = FuzzInputs.MAX_EXECUTIONS)
	void tissueMaskTiff(byte[] input) {
		FuzzInputs.readRejectingOnlyInvalidInput(input, SCRATCH.resolve("fuzz-mask.tif"),
			TissueMaskTiff::read);
	}

	/**
	 * Fuzzer finding: a 350-byte mask whose damaged IFD makes ImageJ read a width of 84,148,994
	 * pixels. The reader allocated the 673 MB pixel array before any check (OutOfMemoryError
	 * with a 460 MB heap). Now the IFD check rejects it, because an entry points past the end
	 * of the file.
	 */
	@Test
	void maskWithDamagedWidthIsRejected() throws IOException {
		byte[] crash = HexFormat.of().parseHex(
		"49492a0008000000120000010400010000000c000000010104000100000008000000020103000100" +
		"00000800000003010300010000000100000006010300010000000100000011010400010000000301" +
		"03000100000001000000060103000100000001000000110104000100000086000000150103000100" +
		"00000100000016010400010000000800000017010400010000006000000000000000000102030405" +
		"00010203040500010203040500010203040500010203040500010203040500010203040500010203" +
		"04050001020304050001020304050001020304050001020304050001020304050001020304050001" +
		"02030405000102030405536567000001020304050001020304050001020304050001020304050001" +
		"02030405000102030405000102030405000102030405000102030405000102030405000102030405" +
		"000102030405000102030405000102030405000102030405000102030405");
		Path file = Files.write(SCRATCH.resolve("damaged-width.tif"), crash);

		InvalidInputException error = assertThrows(InvalidInputException.class,
			() -> TissueMaskTiff.read(file));

		assertTrue(error.getMessage().contains("damaged-width.tif is damaged"), error
			.getMessage());
	}

	@Test
	void maskClaimingTenGigapixelsIsRejected() throws IOException {
		byte[] bytes = TissueMaskTiff.encode(new TissueMask(3, 2, new byte[6], PixelSize.unknown(
			"test")));
		ByteBuffer header = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
		// The first two IFD entries are ImageWidth and ImageLength, each a LONG at entry + 8.
		header.putInt(8 + 2 + 8, 100_000);
		header.putInt(8 + 2 + 12 + 8, 100_000);
		Path file = Files.write(SCRATCH.resolve("ten-gigapixels.tif"), bytes);

		InvalidInputException error = assertThrows(InvalidInputException.class,
			() -> TissueMaskTiff.read(file));

		assertTrue(error.getMessage().contains("100000 x 100000 pixels"), error.getMessage());
		assertTrue(error.getMessage().contains("need 10000000"), error.getMessage());
	}

	static Stream<Arguments> geoJsonSeeds() {
		List<byte[]> seeds = new ArrayList<>();
		seeds.add(utf8("""
			{"type": "FeatureCollection", "features": [
			 {"type": "Feature", "id": "a1", "geometry": {"type": "Polygon", "coordinates":
			  [[[10, 10], [30, 10], [30, 28.5], [10, 30], [10, 10]],
			   [[15, 15], [20, 15], [20, 20], [15, 15]]]},
			  "properties": {"objectType": "detection", "classification":
			   {"name": "nuclei_tumor", "color": [200, 0, 0]},
			   "measurements": {"probability": 0.93, "score": 0.8, "area": 12.5}}},
			 {"type": "Feature", "geometry": {"type": "MultiPolygon", "coordinates":
			  [[[[40, 40], [48, 40], [44, 47], [40, 40]]], [[[50, 50], [55, 50], [55, 55]]]]},
			  "properties": {"classification": {"name": "nuclei_lymphocyte"},
			   "measurements": [{"name": "probability", "value": 0.5}]}}]}
			"""));
		seeds.add(utf8("""
			[{"type": "Feature", "geometry": {"type": "Polygon", "coordinates":
			 [[[0, 0], [100, 0], [100, 80], [0, 80], [0, 0]]]},
			 "properties": {"objectType": "annotation",
			  "classification": {"name": "tissue_stroma"}}}]
			"""));
		seeds.add(utf8("""
			{"type": "Feature", "geometry": {"type": "Polygon", "coordinates":
			 [[[1, 1, 0], [4, 1, 0], [4, 5, 0], [1, 1, 0]]]},
			 "properties": {"classification": {"name": "nuclei_endothelium"}}}
			"""));
		seeds.add(utf8("{\"type\": \"FeatureCollection\", \"features\": []}"));
		seeds.add(utf8("""
			{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry":
			 {"type": "Polygon", "coordinates": [[[0, 0], [10, 10], [10, 0], [0, 10], [0, 0]]]},
			 "properties": {"classification": {"name": "nuclei_tumor"},
			 "measurements": {"probability": NaN}}}]}
			"""));
		seeds.add(firstItems(Path.of("..", "shared", "data", "puma", "nuclei_geojson",
			"training_set_metastatic_roi_094_nuclei.geojson"), "features", 3));
		seeds.add(firstItems(Path.of("..", "shared", "data", "puma", "tissue_geojson",
			"training_set_metastatic_roi_094_tissue.geojson"), "features", 1));
		return FuzzInputs.arguments(seeds.stream().filter(seed -> seed.length > 0).toList());
	}

	static Stream<Arguments> challengeJsonSeeds() {
		List<byte[]> seeds = new ArrayList<>();
		seeds.add(utf8("""
			{"type": "Multiple polygons", "polygons": [
			 {"name": "nuclei_tumor", "seed_point": [12, 10, 0.5], "path_points":
			  [[12, 10, 0.5], [20, 10, 0.5], [20, 18, 0.5], [12, 18, 0.5]],
			  "sub_type": "", "groups": [], "probability": 1, "score": 0.75},
			 {"name": "nuclei_lymphocyte", "seed_point": [30, 30, 0.5], "path_points":
			  [[30, 30, 0.5], [34, 30, 0.5], [32, 33.5, 0.5]], "probability": 0.6}],
			 "version": {"major": 1, "minor": 0}}
			"""));
		seeds.add(utf8("{\"type\": \"Multiple polygons\", \"polygons\": [], " +
			"\"version\": {\"major\": 1, \"minor\": 0}}"));
		seeds.add(utf8("""
			{"polygons": [{"name": "nuclei_other", "path_points": [[0, 0], [5, 0], [5, 5],
			 [0, 5], [5, 0]], "probability": 0.5}]}
			"""));
		seeds.add(firstItems(Path.of("..", "shared", "data", "puma_eval_examples",
			"lsm_team_prediction", "test7.json"), "polygons", 2));
		return FuzzInputs.arguments(seeds.stream().filter(seed -> seed.length > 0).toList());
	}

	static Stream<Arguments> tissueMaskSeeds() {
		byte[] codes = new byte[12 * 8];
		for (int i = 0; i < codes.length; i++) {
			codes[i] = (byte) (i % (TissueClass.MAX_CODE + 1));
		}
		List<byte[]> seeds = new ArrayList<>();
		seeds.add(TissueMaskTiff.encode(new TissueMask(12, 8, codes, PixelSize.calibrated(0.25,
			"test"))));
		seeds.add(TissueMaskTiff.encode(new TissueMask(3, 2, new byte[6], PixelSize.unknown(
			"test"))));
		seeds.add(imageJTiff(new ImagePlus("mask", new ByteProcessor(12, 8, codes.clone()))));
		return FuzzInputs.arguments(seeds);
	}

	/** Returns a TIFF as ImageJ writes it (big-endian, ImageJ description tag). */
	static byte[] imageJTiff(ImagePlus image) {
		try {
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			new TiffEncoder(image.getFileInfo()).write(bytes);
			return bytes.toByteArray();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/**
	 * Returns the file at {@code path} cut down to the first {@code count} entries of its
	 * top-level array {@code field}, so that a real file makes a small seed; empty when the
	 * file is absent.
	 */
	private static byte[] firstItems(Path path, String field, int count) {
		if (!Files.isRegularFile(path)) {
			return new byte[0];
		}
		try {
			ObjectNode root = (ObjectNode) JsonInput.MAPPER.readTree(path.toFile());
			ArrayNode firstItems = JsonInput.MAPPER.createArrayNode();
			JsonNode items = root.get(field);
			for (int i = 0; i < Math.min(count, items.size()); i++) {
				firstItems.add(items.get(i));
			}
			root.set(field, firstItems);
			return JsonInput.MAPPER.writeValueAsBytes(root);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}
}
