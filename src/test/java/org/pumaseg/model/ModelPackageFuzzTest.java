package org.pumaseg.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
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
