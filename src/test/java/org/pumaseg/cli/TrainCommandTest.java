package org.pumaseg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pumaseg.model.ModelPackage;

class TrainCommandTest {

	/** Two 64 x 64 images, each with four dark squares and a label image of them. */
	private static Path dataFolder(Path root) throws IOException {
		Files.createDirectories(root);
		for (int n = 0; n < 2; n++) {
			BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
			BufferedImage labels = new BufferedImage(64, 64, BufferedImage.TYPE_BYTE_GRAY);
			for (int y = 0; y < 64; y++) {
				for (int x = 0; x < 64; x++) {
					int label = x % 32 >= 8 + n && x % 32 < 20 && y % 32 >= 10 && y % 32 < 22 ? 1 + x /
						32 + 2 * (y / 32) : 0;
					image.setRGB(x, y, label > 0 ? 0x503c8c : 0xf0c8dc);
					labels.getRaster().setSample(x, y, 0, label);
				}
			}
			ImageIO.write(image, "png", root.resolve("tile" + n + ".png").toFile());
			ImageIO.write(labels, "png", root.resolve("tile" + n + "_labels.png").toFile());
		}
		return root;
	}

	@Test
	void trainsAndWritesPackage(@TempDir Path scratch) throws IOException {
		Path data = dataFolder(scratch.resolve("data"));
		Path out = scratch.resolve("model");
		int status = PumaSegCli.run("train", "nuclei", "--data", data.toString(), "--out", out
			.toString(), "--epochs", "2", "--steps-per-epoch", "2", "--depth", "2",
			"--base-filters", "4", "--crop-size", "32", "--batch-size", "2");
		assertEquals(0, status);
		ModelPackage opened = ModelPackage.open(out);
		assertEquals(1, opened.description().outputs().size());
		assertTrue(Files.exists(scratch.resolve("model.checkpoints/checkpoint.bin")));
	}

	@Test
	void existingOutputIsBadInput(@TempDir Path scratch) throws IOException {
		Path data = dataFolder(scratch.resolve("data"));
		Path out = Files.createDirectories(scratch.resolve("model"));
		assertEquals(PumaSegCli.EXIT_INVALID_INPUT, PumaSegCli.run("train", "nuclei", "--data",
			data.toString(), "--out", out.toString()));
		assertFalse(Files.exists(scratch.resolve("model.checkpoints")));
	}

	@Test
	void emptyDataFolderIsBadInput(@TempDir Path scratch) throws IOException {
		Path data = Files.createDirectories(scratch.resolve("empty"));
		assertEquals(PumaSegCli.EXIT_INVALID_INPUT, PumaSegCli.run("train", "tissue", "--data",
			data.toString(), "--out", scratch.resolve("model").toString()));
	}

	@Test
	void unknownTaskIsBadInput(@TempDir Path scratch) throws IOException {
		Path data = dataFolder(scratch.resolve("data"));
		assertEquals(PumaSegCli.EXIT_INVALID_INPUT, PumaSegCli.run("train", "cells", "--data",
			data.toString(), "--out", scratch.resolve("model").toString()));
	}
}
