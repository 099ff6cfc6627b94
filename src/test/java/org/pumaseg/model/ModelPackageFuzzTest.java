package org.pumaseg.model;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pumaseg.InvalidInputException;
import org.pumaseg.fuzz.FuzzInputs;

/**
 * Fuzz tests of the model package readers: the rdf.yaml parser and validator, and opening a
 * package .zip (listing, checks, unpacking into a cache, validation). Only
 * {@link org.pumaseg.InvalidInputException} may escape.
 */
class ModelPackageFuzzTest {

	private static final Path SCRATCH = FuzzInputs.scratchFolder("pumaseg-fuzz-model");

	/**
	 * Smaller than {@link ZipLimits#DEFAULT} so that a mutated size field makes the fuzzer
	 * test the limit checks, not fill the disk; the valid seed package fits.
	 */
	private static final ZipLimits LIMITS = new ZipLimits(200, 1 << 20, 4 << 20, 200, 64 << 10);

	@MethodSource("rdfYamlSeeds")
	@Timeout(FuzzInputs.TIMEOUT_SECONDS)
	@FuzzTest(maxDuration = FuzzInputs.MAX_DURATION, maxExecutions = FuzzInputs.MAX_EXECUTIONS)
	void rdfYaml(byte[] input) {
		FuzzInputs.readRejectingOnlyInvalidInput(input, SCRATCH.resolve("rdf.yaml"),
			file -> RdfYaml.read(Files.readString(file, StandardCharsets.ISO_8859_1), "fuzz"));
		FuzzInputs.readRejectingOnlyInvalidInput(input, SCRATCH.resolve("rdf.yaml"),
			file -> RdfYaml.read(new String(input, StandardCharsets.UTF_8), "fuzz"));
	}

	@MethodSource("zipSeeds")
	@Timeout(FuzzInputs.TIMEOUT_SECONDS)
	@FuzzTest(maxDuration = FuzzInputs.MAX_DURATION, maxExecutions = FuzzInputs.MAX_EXECUTIONS)
	void modelZip(byte[] input) {
		Path cache = SCRATCH.resolve("cache");
		FuzzInputs.readRejectingOnlyInvalidInput(input, SCRATCH.resolve("fuzz-model.zip"),
			file -> ModelPackage.open(file, cache, LIMITS));
	}

	/**
	 * Fuzzer finding: the test package's rdf.yaml with the key {@code data:} of an input
	 * mutated into {@code TRUE:}, which YAML reads as a boolean. The parser cast every mapping
	 * key to text and threw ClassCastException. Now every key must be text.
	 */
	@Test
	void nonTextKeyIsRejected() {
		byte[] crash = HexFormat.of().parseHex(
			"232062696f696d6167652e696f206d6f64656c206465736372697074696f6e207769746820612050756d6153" +
			"65672073656374696f6e2c2073656520646f63732f6d6f64656c2d7061636b6167652e6d640a747970653a20" +
			"6d6f64656c0a666f726d61745f76657273696f6e3a20302e352e350a6e616d653a2050756d61536567207465" +
			"7374206e75636c6569206d6f64656c0a6465736372697074696f6e3a20412074696e7920486f5665ff2d4e65" +
			"742d7374796c65206e75636c6569206d6f64656c20666f722074657374732e0a617574686f72733a0a20202d" +
			"206e616d653a20416461205465737465720a20202020616666696c696174696f6e3a2050756d615365670a20" +
			"2020206769746875625f757365723a206164610a202020206f726369643a20303030302d303030312d323334" +
			"352d363738390a6c6963656e73653a2043432d42592d342e300a646f63756d656e746174696f6e3a20524541" +
			"444d452e6d640a746167733a0a20202d206e75636c65690a20202d206d656c616e6f6d610a696e707574733a" +
			"0a20202d2069643a20696d6167650a202020206465736372697074696f6e3a20524742204826452074696c65" +
			"0a20202020617865733a0a2020202020202d20747970653a2062617463680a2020202020202d20747970653a" +
			"206368616e6e656c0a202020202020202069643a204f46460a20202020202020206368616e6e656c5f6e616d" +
			"65733a0a202020202020202020202d207265640a202020202020202020202d20677265656e0a202020202020" +
			"202020202d20626c75650a2020202020202d20747970653a2073706163650a202020202020202069643a2079" +
			"0a202020202020202073697a653a0a202020202020202020206d696e3a2036340a2020202020202020202073" +
			"7465703a2033320a20202020202020207363616c653a20302e32350a2020202020202020756e69743a206d69" +
			"63726f6d657465720a2020202020202d20747970653a2073706163650a202020202020202069643a20780a20" +
			"2020202020202073697a653a0a202020202020202020206d696e3a2036340a20202020202020202020737465" +
			"703a2033320a20202020202020207363616c653a20302e32350a2020202020202020756e69743a206d696372" +
			"6f6d657465720a20202020545255453a0a202020202020747970653a20666c6f617433320a20202020746573" +
			"745f74656e736f723a0a202020202020736f757263653a20746573745f696e7075742e6e70790a2020202070" +
			"726570726f63657373d66e673a0a2020202020202d2069643a207363616c655f6c696e6561720a2020202020" +
			"2020206b77617267733a0a202020202020202020206761696e3a20302e303033393231353638617665645f6d" +
			"6f64656c0a2020202074656e736f72666c6f775f76657273696f6e3a20322e31302e310a636f6e6669673a0a" +
			"202070756d617365673a0a2020202076657273696f6e3a20310a20202020706978656c5f73697a655f756d3a" +
			"20302e32350a202020206f7574707574733a0a2020202020202d2074656e736f725f69643a206e75636c6569" +
			"5f6d6170730a20202020202020206368616e6e656c3a20300a20202020202020206d65616e696e673a206e75" +
			"636c65695f666f726567726f756e640a202020202020202076616c7565733a2070726f626162696c6974790a" +
			"2020202020202d2074656e736f725f69643a206e75636c65695f6d6170730a20202020202020206368616e6e" +
			"656c3a20310a20202020202020206d65616e696e673a20686f72697a6f6e74616c5f64697374616e63650a20" +
			"20202020202d2074656e736f725f69643a206e75636c65695f6d6170730a20202020202020206368616e6e65" +
			"6c3a20320a20202020202020206d65616e696e673a20766572746963616c5f64697374616e63650a20202020" +
			"20202d2074656e736f725f69643a206e75636c6575735f636c61737365730a20202020202020206d65616e69" +
			"6e673a206e75636c6575735f636c6173735f70726f626162696c69746965730a202020202020202076616c75" +
			"65733a206c6f6769740a202020206e75636c6575735f636c61737365733a0a2020202020206e616d65733a0a" +
			"20202020202020202d206261636b67726f756e640a20202020202020202d206e75636c65695f74756d6f720a" +
			"20202020202020202d206e75636c65695f6c796d70686f637974650a20202020202020202d206e75636c6569" +
			"5f706c61736d615f63656c6c0a20202020202020202d206e75636c65695f68697374696f637974650a202020" +
			"20202020202d206e75636c65695f6d656c616e6f70686167650a20202020202020202d206e75636c65695f6e" +
			"657574726f7068696c0a20202020202020202d206e75636c65695f7374726f6d610a20202020202020202d20" +
			"6e75636c65695f6570697468656c69756d0a20202020202020202d206e75636c65695f656e646f7468656c69" +
			"756d0a20202020202020202d206e75636c65695f61706f70746f7369730a202020202020636f6c6f72733a0a" +
			"20202020202020202d202723303030303030270a20202020202020202d202723633830303030270a20202020" +
			"202020202d202723303063383030270a20202020202020202d202723303030306338270a2020202020202020" +
			"2d202723633863383030270a20202020202020202d202723633830306338270a20202020202020202d202723" +
			"303063386338270a20202020202020202d202723363436343634270a20202020202020202d20272363383634" +
			"3030270a20202020202020202d202723363430306338270a20202020202020202d202723303063383634270a" +
			"202062696f696d616765696f3a0a20202020726570726f6475636962696c6974795f746f6c6572616e63653a" +
			"0a2020202020202d2072656c61746976655f746f6c6572616e63653a20302e3030310a202020202020202061" +
			"62736f6c7574655f746f6c6572616e63653a20312e30452d340a20202020202020206d69736d617463686564" +
			"5f656c656d656e74735f7065725f6d696c6c696f6e3a203130300a636974653a0a20202d20746578743a2047" +
			"726168616d20657420616c2e20486f5665722d4e6574202832303139290a20202020646f693a2031302e3130" +
			"31362f6a2e6d656469612e323031392e3130313536330a");

		InvalidInputException error = assertThrows(InvalidInputException.class, () -> RdfYaml.read(
			new String(crash, StandardCharsets.ISO_8859_1), "fuzz"));

		assertTrue(error.getMessage().contains("field 'inputs[0].true'"), error.getMessage());
		assertTrue(error.getMessage().contains("YAML reads as boolean"), error.getMessage());
	}

	@Test
	void numberAndNullKeysAreRejected() {
		String valid = RdfYaml.write(TestPackages.nucleiModel());

		String numberKey = assertThrows(InvalidInputException.class, () -> RdfYaml.read(valid
			+ "1: one\n", "fuzz")).getMessage();
		String nullKey = assertThrows(InvalidInputException.class, () -> RdfYaml.read(valid
			+ "null: nothing\n", "fuzz")).getMessage();

		assertTrue(numberKey.contains("field '1'"), numberKey);
		assertTrue(numberKey.contains("YAML reads as integer"), numberKey);
		assertTrue(nullKey.contains("YAML reads as null"), nullKey);
	}

	static Stream<Arguments> rdfYamlSeeds() {
		List<byte[]> seeds = new ArrayList<>();
		seeds.add(RdfYaml.write(TestPackages.nucleiModel()).getBytes(StandardCharsets.UTF_8));
		seeds.add("""
			type: model
			format_version: 0.5.3
			name: minimal
			inputs: [{id: image, axes: [{type: batch}, {type: channel, channel_names: [r, g, b]},
			  {type: space, id: y, size: 64}, {type: space, id: x, size: 64}]}]
			outputs: []
			weights: {tensorflow_saved_model_bundle: {source: weights, tensorflow_version: 2.10.1}}
			config: {pumaseg: {version: 1, pixel_size_um: 0.5}}
			anchors: {a: &a [1, 2], b: *a}
			""".getBytes(StandardCharsets.UTF_8));
		return FuzzInputs.arguments(seeds);
	}

	static Stream<Arguments> zipSeeds() {
		try {
			Path folder = Files.createTempDirectory(SCRATCH, "seed-");
			Path valid = folder.resolve("valid");
			TestPackages.write(valid, folder.resolve("cache"));
			Path zip = folder.resolve("valid.zip");
			ModelPackageWriter.zip(valid, zip);

			Path descriptionOnly = folder.resolve("description-only.zip");
			try (ZipBuilder builder = new ZipBuilder(descriptionOnly)) {
				builder.add("rdf.yaml", Files.readAllBytes(valid.resolve("rdf.yaml")));
				builder.add("README.md", "# Model\n".getBytes(StandardCharsets.UTF_8));
			}
			return FuzzInputs.arguments(List.of(Files.readAllBytes(zip), Files.readAllBytes(
				descriptionOnly)));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
