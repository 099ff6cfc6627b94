package org.pumaseg.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pumaseg.InvalidInputException;
import org.pumaseg.Progress;

class TrainingDatasetTest {

	private static final String NUCLEI = """
		{"type": "FeatureCollection", "features": [
		 {"type": "Feature", "geometry": {"type": "Polygon",
		  "coordinates": [[[4, 4], [12, 4], [12, 12], [4, 12], [4, 4]]]},
		  "properties": {"objectType": "annotation", "classification": {"name": "%s"}}},
		 {"type": "Feature", "geometry": {"type": "Polygon",
		  "coordinates": [[[20, 20], [28, 20], [28, 26], [20, 26], [20, 20]]]},
		  "properties": {"objectType": "annotation",
		   "classification": {"name": "nuclei_lymphocyte"}}}]}
		""";

	private static final String TISSUE = """
		{"type": "FeatureCollection", "features": [
		 {"type": "Feature", "geometry": {"type": "Polygon",
		  "coordinates": [[[0, 0], [32, 0], [32, 16], [0, 16], [0, 0]]]},
		  "properties": {"objectType": "annotation", "classification": {"name": "tissue_tumor"}}},
		 {"type": "Feature", "geometry": {"type": "Polygon",
		  "coordinates": [[[0, 16], [32, 16], [32, 32], [0, 32], [0, 16]]]},
		  "properties": {"objectType": "annotation", "classification": {"name": "tissue_stroma"}}}]}
		""";

	private static final String XML = """
		<?xml version="1.0" encoding="UTF-8"?>
		<Annotations MicronsPerPixel="0.25"><Annotation Id="1"><Regions>
		 <Region Id="1"><Vertices><Vertex X="4" Y="4"/><Vertex X="12" Y="4"/>
		  <Vertex X="12" Y="12"/><Vertex X="4" Y="12"/></Vertices></Region>
		 <Region Id="2"><Vertices><Vertex X="1" Y="1"/><Vertex X="2" Y="2"/></Vertices></Region>
		</Regions></Annotation></Annotations>
		""";

	static void writeImage(Path file) throws IOException {
		Files.createDirectories(file.getParent());
		BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
		for (int y = 0; y < 32; y++) {
			for (int x = 0; x < 32; x++) {
				image.setRGB(x, y, SyntheticNuclei.BACKGROUND);
			}
		}
		ImageIO.write(image, "png", file.toFile());
	}

	private static Path pumaFolder(Path root) throws IOException {
		writeImage(root.resolve("images/roi_1.png"));
		Files.createDirectories(root.resolve("nuclei"));
		Files.createDirectories(root.resolve("tissue"));
		Files.writeString(root.resolve("nuclei/roi_1_nuclei.geojson"), NUCLEI.formatted(
			"nuclei_tumor"));
		Files.writeString(root.resolve("tissue/roi_1_tissue.geojson"), TISSUE);
		return root;
	}

	private static InvalidInputException rejected(Path folder, TrainingTask task) {
		return assertThrows(InvalidInputException.class, () -> TrainingDataset.load(folder, task,
			0.25, TrainingDataset.Split.AUTO, 1, false, Progress.none()));
	}

	@Test
	void pumaFolderGivesClassTargetsAndRegionSplit(@TempDir Path root) throws IOException {
		TrainingData data = TrainingDataset.load(pumaFolder(root), TrainingTask.NUCLEI, 0.25,
			TrainingDataset.Split.AUTO, 1, false, Progress.none());
		assertEquals(1, data.training().size());
		assertEquals(24, data.training().get(0).width());
		assertEquals(8, data.validation().get(0).width());
		assertTrue(data.withNucleusClasses());
		Targets targets = data.training().get(0).targets();
		// Pixel (5, 5) is inside the tumour nucleus, (21, 21) inside the lymphocyte.
		assertEquals(1, targets.nucleusClass()[5 * 24 + 5]);
		assertEquals(2, targets.nucleusClass()[21 * 24 + 21]);
		assertEquals(0, targets.nucleusClass()[0]);
	}

	/** Writes a 32 x 32 background image calibrated at 0.5 µm per pixel as an ImageJ TIFF. */
	private static void writeCalibratedImage(Path file) throws IOException {
		Files.createDirectories(file.getParent());
		int[] pixels = new int[32 * 32];
		java.util.Arrays.fill(pixels, SyntheticNuclei.BACKGROUND);
		org.pumaseg.image.ImageFileWriter.write(org.pumaseg.image.RgbImage.wrap("roi_1", pixels, 32,
			32, org.pumaseg.image.PixelSize.calibrated(0.5, "test")), file);
	}

	@Test
	void pixelSizeResamplesImageAndPolygons(@TempDir Path root) throws IOException {
		writeCalibratedImage(root.resolve("roi_1.tif"));
		Files.writeString(root.resolve("roi_1_nuclei.geojson"), NUCLEI.formatted("nuclei_tumor"));
		TrainingData data = TrainingDataset.load(root, TrainingTask.NUCLEI, 0,
			TrainingDataset.Split.AUTO, 1, false, 0.25, Progress.none());

		TrainingImage image = data.training().get(0);
		assertEquals(64, image.width());
		assertEquals(64, image.height());
		assertEquals(0.25, data.umPerPixel());
		// File pixel (5, 5) is inside the tumour nucleus and (21, 21) inside the lymphocyte.
		assertEquals(1, image.targets().nucleusClass()[10 * 64 + 10]);
		assertEquals(2, image.targets().nucleusClass()[42 * 64 + 42]);
		assertEquals(0, image.targets().nucleusClass()[2 * 64 + 2]);
		assertEquals(24, image.nuclei().get(0).geometry().getEnvelopeInternal().getMaxX());
		assertEquals(null, image.source());
	}

	@Test
	void pixelSizeResamplesLabelImages(@TempDir Path root) throws IOException {
		writeCalibratedImage(root.resolve("roi_1.tif"));
		BufferedImage labels = new BufferedImage(32, 32, BufferedImage.TYPE_BYTE_GRAY);
		for (int y = 8; y < 16; y++) {
			for (int x = 4; x < 12; x++) {
				labels.getRaster().setSample(x, y, 0, 7);
			}
		}
		labels.getRaster().setSample(20, 20, 0, 9);
		ImageIO.write(labels, "png", root.resolve("roi_1_labels.png").toFile());
		TrainingData data = TrainingDataset.load(root, TrainingTask.NUCLEI, 0,
			TrainingDataset.Split.AUTO, 1, false, 0.25, Progress.none());

		Targets targets = data.training().get(0).targets();
		assertEquals(64 * 64, targets.foreground().length);
		// Label 7 covered file columns 4..11 and rows 8..15, so resampled 8..23 and 16..31.
		assertEquals(1, targets.foreground()[16 * 64 + 8]);
		assertEquals(1, targets.foreground()[31 * 64 + 23]);
		assertEquals(0, targets.foreground()[15 * 64 + 8]);
		assertEquals(0, targets.foreground()[16 * 64 + 24]);
		assertEquals(1, targets.foreground()[41 * 64 + 41]);
	}

	@Test
	void pixelSizeOutOfRangeIsRejected(@TempDir Path root) throws IOException {
		assertThrows(InvalidInputException.class, () -> TrainingDataset.load(pumaFolder(root),
			TrainingTask.NUCLEI, 0.25, TrainingDataset.Split.AUTO, 1, false, 500, Progress
				.none()));
	}

	@Test
	void tissueTargetsUseMaskCodes(@TempDir Path root) throws IOException {
		TrainingData data = TrainingDataset.load(pumaFolder(root), TrainingTask.TISSUE, 0,
			TrainingDataset.Split.AUTO, 1, false, Progress.none());
		byte[] tissue = data.training().get(0).targets().tissueClass();
		assertEquals(3, tissue[0]);
		assertEquals(1, tissue[31 * 32]);
	}

	@Test
	void xmlOutlinesGiveClasslessNuclei(@TempDir Path root) throws IOException {
		writeImage(root.resolve("images/tcga.png"));
		Files.createDirectories(root.resolve("annotations"));
		Files.writeString(root.resolve("annotations/tcga.xml"), XML);
		TrainingData data = TrainingDataset.load(root, TrainingTask.NUCLEI, 0,
			TrainingDataset.Split.AUTO, 1, false, Progress.none());
		Targets targets = data.training().get(0).targets();
		assertEquals(1, targets.foreground()[5 * 32 + 5]);
		assertEquals(Targets.UNKNOWN, targets.nucleusClass()[5 * 32 + 5]);
		assertEquals(0, targets.nucleusClass()[0]);
		assertEquals(64, sum(targets.foreground()));
	}

	private static int sum(byte[] values) {
		int sum = 0;
		for (byte value : values) {
			sum += value;
		}
		return sum;
	}

	@Test
	void emptyFolderIsRejected(@TempDir Path root) {
		assertTrue(rejected(root, TrainingTask.NUCLEI).getMessage().contains("No images found"));
	}

	@Test
	void imageWithoutAnnotationIsRejected(@TempDir Path root) throws IOException {
		pumaFolder(root);
		writeImage(root.resolve("images/roi_2.png"));
		String message = rejected(root, TrainingTask.NUCLEI).getMessage();
		assertTrue(message.contains("roi_2.png has no"), message);
	}

	@Test
	void annotationWithoutImageIsRejected(@TempDir Path root) throws IOException {
		pumaFolder(root);
		Files.writeString(root.resolve("nuclei/roi_9_nuclei.geojson"), NUCLEI.formatted(
			"nuclei_tumor"));
		String message = rejected(root, TrainingTask.NUCLEI).getMessage();
		assertTrue(message.contains("roi_9_nuclei.geojson has no image"), message);
	}

	@Test
	void unmatchedFilesCanBeSkipped(@TempDir Path root) throws IOException {
		pumaFolder(root);
		Files.writeString(root.resolve("nuclei/roi_9_nuclei.geojson"), NUCLEI.formatted(
			"nuclei_tumor"));
		TrainingData data = TrainingDataset.load(root, TrainingTask.NUCLEI, 0,
			TrainingDataset.Split.AUTO, 1, true, Progress.none());
		assertEquals(1, data.training().size());
	}

	@Test
	void unmatchedFileMessageNamesOption(@TempDir Path root) throws IOException {
		pumaFolder(root);
		Files.writeString(root.resolve("nuclei/roi_9_nuclei.geojson"), NUCLEI.formatted(
			"nuclei_tumor"));

		String message = rejected(root, TrainingTask.NUCLEI).getMessage();

		assertTrue(message.contains("--allow-unmatched"), message);
	}

	@Test
	void unknownClassIsRejected(@TempDir Path root) throws IOException {
		pumaFolder(root);
		Files.writeString(root.resolve("nuclei/roi_1_nuclei.geojson"), NUCLEI.formatted(
			"nuclei_giant"));
		String message = rejected(root, TrainingTask.NUCLEI).getMessage();
		assertTrue(message.contains("nuclei_giant"), message);
	}

	@Test
	void malformedXmlIsRejected(@TempDir Path root) throws IOException {
		writeImage(root.resolve("images/tcga.png"));
		Files.writeString(root.resolve("tcga.xml"), "<Annotations><Region>");
		String message = rejected(root, TrainingTask.NUCLEI).getMessage();
		assertTrue(message.contains("not well-formed XML"), message);
	}

	@Test
	void xmlOfAnotherKindIsRejected(@TempDir Path root) throws IOException {
		writeImage(root.resolve("images/tcga.png"));
		Files.writeString(root.resolve("tcga.xml"), "<project/>");
		String message = rejected(root, TrainingTask.NUCLEI).getMessage();
		assertTrue(message.contains("not an Aperio ImageScope annotation file"), message);
	}
}
