package org.pumaseg.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.pumaseg.annotation.AnnotationFiles;
import org.pumaseg.annotation.ClassNames;
import org.pumaseg.annotation.ClassifiedPolygon;
import org.pumaseg.annotation.GeoJsonFormat;
import org.pumaseg.annotation.Track;
import org.pumaseg.cli.CliRun;
import org.pumaseg.image.ImageFileReader;
import org.pumaseg.image.ImageFileWriter;
import org.pumaseg.image.PixelSize;
import org.pumaseg.image.RgbImage;
import org.pumaseg.model.Author;
import org.pumaseg.model.Axis;
import org.pumaseg.model.AxisSize;
import org.pumaseg.model.ClassSet;
import org.pumaseg.model.DataType;
import org.pumaseg.model.FileRef;
import org.pumaseg.model.InputTensor;
import org.pumaseg.model.ModelDescription;
import org.pumaseg.model.ModelPackageWriter;
import org.pumaseg.model.NpyArray;
import org.pumaseg.model.OfflineMode;
import org.pumaseg.model.OutputMeaning;
import org.pumaseg.model.OutputRole;
import org.pumaseg.model.OutputTensor;
import org.pumaseg.model.OutputValues;
import org.pumaseg.model.PackageContents;
import org.pumaseg.model.ProcessingStep;
import org.pumaseg.model.PumaClassNames;
import org.pumaseg.model.PumaSegConfig;
import org.pumaseg.model.TensorflowWeights;
import org.pumaseg.model.TinySavedModels;
import org.pumaseg.model.Weights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ij.IJ;
import ij.ImagePlus;

/**
 * {@code pumaseg segment}, {@code evaluate --track 1} and {@code til} with a nuclei model whose
 * classes are the PUMA track-1 names: nuclei_tumor, nuclei_lymphocyte and nuclei_other.
 * <p>
 * The model is a real SavedModel that works per pixel, so its classes are known exactly: on an
 * image of flat discs, red discs are tumour, green discs lymphocytes and blue discs other
 * nuclei. The ground truth gives the same discs the 10 PUMA classes.
 */
class Track1NucleiTest {

	private static final int SIZE = 192;
	private static final int SPACING = 48;
	private static final int RADIUS = 9;
	private static final int BACKGROUND = 0xebe1e6;
	private static final Map<String, Integer> GROUP_COLOURS = Map.of(Track.TUMOR_NAME, 0x962828,
		Track.LYMPHOCYTE_NAME, 0x289628, Track.OTHER_NAME, 0x282896);

	/** The PUMA class of each disc, row by row: 6 tumour, 5 TILs (3 + 2) and 5 other. */
	private static final List<String> TRUTH = List.of("nuclei_tumor", "nuclei_lymphocyte",
		"nuclei_histiocyte", "nuclei_tumor", "nuclei_plasma_cell", "nuclei_tumor",
		"nuclei_stroma", "nuclei_lymphocyte", "nuclei_tumor", "nuclei_endothelium",
		"nuclei_plasma_cell", "nuclei_tumor", "nuclei_neutrophil", "nuclei_lymphocyte",
		"nuclei_tumor", "nuclei_melanophage");

	private static final ObjectMapper JSON = new ObjectMapper();

	@TempDir
	static Path shared;

	private static Path model;
	private static Path image;
	private static Path results;
	private static CliRun segment;

	@BeforeAll
	static void segmentWithTrack1Model() throws IOException {
		OfflineMode.enable();
		model = writeTrack1Package(shared.resolve("track-1 nuclei"));
		image = shared.resolve("roi.tif");
		ImageFileWriter.write(discImage(), image);
		results = shared.resolve("results");
		segment = CliRun.run("segment", image.toString(), "--out", results.toString(),
			"--nuclei-model", model.toString(), "--no-tissue", "--track", "1", "--tile", "64");
	}

	@Test
	void segmentWritesTrack1Classes() throws IOException {
		assertEquals(0, segment.exitCode(), segment.err());
		Path folder = results.resolve("roi");

		List<ClassifiedPolygon> geojson = AnnotationFiles.read(folder.resolve("nuclei.geojson"))
			.objects();
		assertEquals(TRUTH.size(), geojson.size());
		for (ClassifiedPolygon nucleus : geojson) {
			Point centroid = nucleus.geometry().getCentroid();
			String expected = Track.TRACK1.toTrackClass(TRUTH.get(discAt(centroid.getX(), centroid
				.getY())));
			assertEquals(expected, nucleus.className(), "nucleus at " + centroid);
		}
		JsonNode features = JSON.readTree(folder.resolve("nuclei.geojson").toFile()).get(
			"features");
		for (JsonNode feature : features) {
			JsonNode classification = feature.get("properties").get("classification");
			int[] colour = ClassNames.defaultColor(classification.get("name").asText());
			assertEquals(colour[0], classification.get("color").get(0).asInt());
			assertEquals(colour[2], classification.get("color").get(2).asInt());
		}

		List<String> csv = Files.readAllLines(folder.resolve("nuclei.csv"));
		long otherRows = csv.stream().filter(row -> row.contains(",nuclei_other,nuclei_other,"))
			.count();
		assertEquals(5, otherRows, String.join("\n", csv));

		ImagePlus classes = IJ.openImage(folder.resolve("nuclei-classes.tif").toString());
		ImagePlus labels = IJ.openImage(folder.resolve("nuclei-labels.tif").toString());
		RgbImage overlay = new ImageFileReader().read(folder.resolve("overlay.png"));
		for (int disc = 0; disc < TRUTH.size(); disc++) {
			int x = centreX(disc);
			int y = centreY(disc);
			String group = Track.TRACK1.toTrackClass(TRUTH.get(disc));
			int code = group.equals(Track.TUMOR_NAME) ? 1 : group.equals(Track.LYMPHOCYTE_NAME)
				? 2 : 11;
			assertEquals(code, classes.getProcessor().get(x, y), "class code of disc " + disc);
			assertTrue(labels.getProcessor().getf(x, y) > 0, "no label at disc " + disc);
			int[] colour = ClassNames.defaultColor(group);
			int outline = overlay.packedRgb()[(y - RADIUS) * SIZE + x] & 0xffffff;
			assertEquals(colour[0] << 16 | colour[1] << 8 | colour[2], outline,
				"overlay outline of disc " + disc);
		}

		JsonNode summary = JSON.readTree(folder.resolve("summary.json").toFile());
		assertEquals(1, summary.get("track").asInt());
		Map<String, Integer> expectedCounts = new LinkedHashMap<>();
		expectedCounts.put(Track.TUMOR_NAME, 6);
		expectedCounts.put(Track.LYMPHOCYTE_NAME, 5);
		expectedCounts.put(Track.OTHER_NAME, 5);
		assertEquals(expectedCounts, JSON.convertValue(summary.get("nuclei_per_class"),
			Map.class));
		assertEquals(expectedCounts, JSON.convertValue(summary.get("nuclei_per_track1_class"),
			Map.class));

		List<ClassifiedPolygon> challenge = AnnotationFiles.read(folder.resolve(Track.TRACK1
			.outputSlug() + ".json")).objects();
		assertEquals(5, challenge.stream().filter(nucleus -> nucleus.className().equals(
			Track.OTHER_NAME)).count());
	}

	@Test
	void evaluateScoresTrack1Output() throws IOException {
		assertEquals(0, segment.exitCode(), segment.err());
		Path truth = Files.createDirectories(shared.resolve("truth"));
		GeoJsonFormat.write(truth.resolve("roi_nuclei.geojson"), truthOutlines());
		Path scores = shared.resolve("scores.json");

		CliRun track1 = CliRun.run("evaluate", "--truth", truth.toString(), "--pred", results
			.toString(), "--track", "1", "--json", scores.toString());
		CliRun track2 = CliRun.run("evaluate", "--truth", truth.toString(), "--pred", results
			.toString(), "--track", "2");

		assertEquals(0, track1.exitCode(), track1.err());
		JsonNode official = JSON.readTree(scores.toFile()).get("nuclei").get("official");
		assertEquals(1.0, official.get("macroF1").asDouble(), 1e-12);
		for (String className : Track.TRACK1.classNames()) {
			assertEquals(1.0, official.get("classF1").get(className).asDouble(), 1e-12,
				className);
		}
		assertEquals(2, track2.exitCode(), track2.err());
		assertTrue(track2.err().contains("\"nuclei_other\""), track2.err());
	}

	@Test
	void tilCountsOtherAsNeitherTumourNorTil() throws IOException {
		assertEquals(0, segment.exitCode(), segment.err());
		Path tilFolder = shared.resolve("til");

		CliRun til = CliRun.run("til", "--nuclei", results.resolve("roi").toString(), "--out",
			tilFolder.toString());

		assertEquals(0, til.exitCode(), til.err());
		JsonNode fromSegment = JSON.readTree(results.resolve("roi/summary.json").toFile()).get(
			"til");
		JsonNode fromFolder = JSON.readTree(tilFolder.resolve("til.json").toFile());
		for (JsonNode report : List.of(fromSegment, fromFolder)) {
			assertEquals(16, report.get("nucleusCount").asInt(), report.toString());
			assertEquals(5, report.get("tilCount").asInt(), report.toString());
			assertEquals(6, report.get("tumourCellCount").asInt(), report.toString());
		}
	}

	@Test
	void track2RejectedBeforeAnyImage() {
		Path output = shared.resolve("track 2");

		CliRun run = CliRun.run("segment", image.toString(), "--out", output.toString(),
			"--nuclei-model", model.toString(), "--no-tissue", "--track", "2", "--tile", "64");

		assertEquals(2, run.exitCode(), run.err());
		assertTrue(run.err().contains("nuclei_other"), run.err());
		assertTrue(run.err().contains("--track 1"), run.err());
		assertFalse(Files.exists(output.resolve("roi")), "result folder written");
	}

	/** Flat discs on a flat background, coloured by the track-1 group of their PUMA class. */
	private static RgbImage discImage() {
		int[] pixels = new int[SIZE * SIZE];
		for (int y = 0; y < SIZE; y++) {
			for (int x = 0; x < SIZE; x++) {
				int disc = discAt(x + 0.5, y + 0.5);
				int dx = x - centreX(disc);
				int dy = y - centreY(disc);
				int rgb = dx * dx + dy * dy <= RADIUS * RADIUS ? GROUP_COLOURS.get(Track.TRACK1
					.toTrackClass(TRUTH.get(disc))) : BACKGROUND;
				pixels[y * SIZE + x] = 0xff000000 | rgb;
			}
		}
		return RgbImage.wrap("roi", pixels, SIZE, SIZE, PixelSize.calibrated(0.25, "test"));
	}

	/** Returns the ground truth: a 24-gon around each disc's pixels, with the disc's PUMA class. */
	private static List<ClassifiedPolygon> truthOutlines() {
		GeometryFactory factory = new GeometryFactory();
		List<ClassifiedPolygon> outlines = new ArrayList<>();
		for (int disc = 0; disc < TRUTH.size(); disc++) {
			Coordinate[] ring = new Coordinate[25];
			for (int k = 0; k < 24; k++) {
				double angle = 2 * Math.PI * k / 24;
				ring[k] = new Coordinate(centreX(disc) + 0.5 + RADIUS * Math.cos(angle), centreY(
					disc) + 0.5 + RADIUS * Math.sin(angle));
			}
			ring[24] = ring[0];
			outlines.add(ClassifiedPolygon.annotation(TRUTH.get(disc), factory.createPolygon(
				ring)));
		}
		return outlines;
	}

	/** Returns the disc whose grid cell contains the point (x, y), in pixel coordinates. */
	private static int discAt(double x, double y) {
		return (int) (y / SPACING) * (SIZE / SPACING) + (int) (x / SPACING);
	}

	private static int centreX(int disc) {
		return disc % (SIZE / SPACING) * SPACING + SPACING / 2;
	}

	private static int centreY(int disc) {
		return disc / (SIZE / SPACING) * SPACING + SPACING / 2;
	}

	/**
	 * Writes a nuclei package around {@link TinySavedModels#pixelAffine}: from the RGB values
	 * scaled to [0, 1], the foreground logit is 18 - 10 (r + g + b), the distance maps are 0 (so
	 * each disc is one nucleus), and the class logits are 10 (r + g + b) - 18 for background and
	 * 20 (2 c - r - g - b) for tumour (c = r), lymphocyte (c = g) and other (c = b).
	 */
	private static Path writeTrack1Package(Path folder) throws IOException {
		float[][] maps = { { -10, 0, 0 }, { -10, 0, 0 }, { -10, 0, 0 }, { 18, 0, 0 } };
		float[][] classes = { { 10, 20, -20, -20 }, { 10, -20, 20, -20 }, { 10, -20, -20, 20 }, {
			-18, 0, 0, 0 } };
		Map<String, float[][]> outputs = new LinkedHashMap<>();
		outputs.put("nuclei_maps", maps);
		outputs.put("nucleus_classes", classes);
		Path savedModel = TinySavedModels.pixelAffine(folder.resolveSibling("saved model"),
			outputs);

		int tile = 64;
		float[] input = new float[tile * tile * 3];
		int[] pixels = discImage().packedRgb();
		for (int y = 0; y < tile; y++) {
			for (int x = 0; x < tile; x++) {
				int rgb = pixels[y * SIZE + x];
				for (int c = 0; c < 3; c++) {
					input[(y * tile + x) * 3 + c] = rgb >> (16 - 8 * c) & 0xff;
				}
			}
		}
		PackageContents contents = new PackageContents().copy("tf_saved_model", savedModel).npy(
			"test_input.npy", NpyArray.ofFloat32(input, 1, tile, tile, 3)).npy(
				"test_output_nuclei_maps.npy", affine(input, maps, tile)).npy(
					"test_output_nucleus_classes.npy", affine(input, classes, tile));
		ModelPackageWriter.write(track1Description(tile), contents, folder);
		return folder;
	}

	/** Computes the model's output on a 0..255 input tile: scaled by 1/255, then the affine map. */
	private static NpyArray affine(float[] input, float[][] rows, int tile) {
		int channels = rows[0].length;
		float[] output = new float[tile * tile * channels];
		for (int p = 0; p < tile * tile; p++) {
			for (int k = 0; k < channels; k++) {
				double value = rows[3][k];
				for (int c = 0; c < 3; c++) {
					value += (float) (input[p * 3 + c] * (1 / 255.0)) * rows[c][k];
				}
				output[p * channels + k] = (float) value;
			}
		}
		return NpyArray.ofFloat32(output, 1, tile, tile, channels);
	}

	private static ModelDescription track1Description(int tile) {
		List<Axis> inputAxes = List.of(new Axis.Batch("", false), space("y",
			new AxisSize.Parameterized(tile, 8)), space("x", new AxisSize.Parameterized(tile, 8)),
			new Axis.Channel("channel", "", List.of("red", "green", "blue")));
		InputTensor input = new InputTensor("image", "RGB image, 0..255", inputAxes,
			DataType.FLOAT32, FileRef.of("test_input.npy"), null, List.of(new ProcessingStep(
				"scale_linear", Map.of("gain", 1 / 255.0))));
		OutputTensor maps = output("nuclei_maps", List.of("foreground", "horizontal",
			"vertical"));
		OutputTensor classes = output("nucleus_classes", List.of("background", "tumor",
			"lymphocyte", "other"));
		List<String> names = new ArrayList<>(List.of(PumaClassNames.BACKGROUND));
		names.addAll(Track.TRACK1.classNames());
		PumaSegConfig pumaseg = new PumaSegConfig(PumaSegConfig.VERSION, 0.25, List.of(
			new OutputRole("nuclei_maps", 0, OutputMeaning.NUCLEI_FOREGROUND, OutputValues.LOGIT),
			new OutputRole("nuclei_maps", 1, OutputMeaning.HORIZONTAL_DISTANCE, null),
			new OutputRole("nuclei_maps", 2, OutputMeaning.VERTICAL_DISTANCE, null),
			new OutputRole("nucleus_classes", null, OutputMeaning.NUCLEUS_CLASS_PROBABILITIES,
				OutputValues.LOGIT)), new ClassSet(names, List.of("#000000", "#c80000", "#96c896",
					"#ffc800")), null);
		return new ModelDescription(ModelDescription.FORMAT_VERSION, "track-1 test nuclei model",
			"Per-pixel track-1 nucleus classes from disc colours, built in a test.", List.of(
				new Author("Ada Tester", null, null, null, null)), "CC-BY-4.0", null, List.of(),
			List.of(), List.of(input), List.of(maps, classes), Weights.of(TensorflowWeights.of(
				"tf_saved_model", "2.10.1")), List.of(), List.of(), pumaseg, Map.of(), Map.of());
	}

	private static OutputTensor output(String id, List<String> channels) {
		return new OutputTensor(id, "", List.of(new Axis.Batch("", false), space("y",
			new AxisSize.Reference("image", "y", 0)), space("x", new AxisSize.Reference("image",
				"x", 0)), new Axis.Channel("channel", "", channels)), DataType.FLOAT32, FileRef.of(
					"test_output_" + id + ".npy"), null, List.of());
	}

	private static Axis.Space space(String id, AxisSize size) {
		return new Axis.Space(id, "", size, 0, 0.25, "micrometer");
	}
}
