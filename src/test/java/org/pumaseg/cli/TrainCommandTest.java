package org.pumaseg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pumaseg.model.ChildJvm;
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

	@Test
	void outputUnderFileRejectedBeforeTraining(@TempDir Path scratch) throws IOException {
		Path data = dataFolder(scratch.resolve("data"));
		Path file = Files.writeString(scratch.resolve("file"), "not a folder");
		CliRun run = CliRun.run("train", "nuclei", "--data", data.toString(), "--out", file
			.resolve("model").toString(), "--epochs", "1", "--steps-per-epoch", "1", "--depth", "2",
			"--base-filters", "4", "--crop-size", "32", "--batch-size", "2");

		assertEquals(PumaSegCli.EXIT_INVALID_INPUT, run.exitCode(), run.err());
		assertTrue(run.err().contains(file + " is a file"), run.err());
		assertFalse(run.err().contains("epoch 1"), "trained before the check:\n" + run.err());
	}

	@Test
	void checkpointFolderUnderFileRejected(@TempDir Path scratch) throws IOException {
		Path data = dataFolder(scratch.resolve("data"));
		Path file = Files.writeString(scratch.resolve("file"), "not a folder");
		Path out = scratch.resolve("model");
		CliRun run = CliRun.run("train", "nuclei", "--data", data.toString(), "--out", out
			.toString(), "--checkpoints", file.resolve("checkpoints").toString(), "--epochs", "1",
			"--steps-per-epoch", "1", "--depth", "2", "--base-filters", "4", "--crop-size", "32",
			"--batch-size", "2");

		assertEquals(PumaSegCli.EXIT_INVALID_INPUT, run.exitCode(), run.err());
		assertTrue(run.err().contains("Checkpoint folder"), run.err());
		assertTrue(run.err().contains("--checkpoints"), run.err());
		assertFalse(Files.exists(out));
	}

	@Test
	void resumeWritesPackageOfCompleteCheckpoint(@TempDir Path scratch) throws IOException {
		Path data = dataFolder(scratch.resolve("data"));
		Path checkpoints = scratch.resolve("checkpoints");
		String[] options = { "--checkpoints", checkpoints.toString(), "--epochs", "1",
			"--steps-per-epoch", "2", "--depth", "2", "--base-filters", "4", "--crop-size", "32",
			"--batch-size", "2" };
		List<String> first = new ArrayList<>(List.of("train", "nuclei", "--data", data.toString(),
			"--out", scratch.resolve("first").toString()));
		first.addAll(List.of(options));
		assertEquals(0, PumaSegCli.run(first.toArray(new String[0])));

		Path out = scratch.resolve("second");
		List<String> resumed = new ArrayList<>(List.of("train", "nuclei", "--data", data
			.toString(), "--out", out.toString(), "--resume"));
		resumed.addAll(List.of(options));
		CliRun run = CliRun.run(resumed.toArray(new String[0]));

		assertEquals(0, run.exitCode(), run.err());
		assertTrue(run.out().contains("1 epochs, 2 steps"), run.out());
		ModelPackage opened = ModelPackage.open(out);
		assertEquals(1, opened.description().outputs().size());
	}

	@Test
	void ctrlCSaysCheckpointIsKept(@TempDir Path scratch) throws Exception {
		Path data = dataFolder(scratch.resolve("data"));
		Path out = scratch.resolve("model");
		Path checkpoint = scratch.resolve("model.checkpoints/checkpoint.bin");
		Process child = ChildJvm.start(PumaSegCli.class.getName(), List.of("-Xmx512m"), "train",
			"nuclei", "--data", data.toString(), "--out", out.toString(), "--epochs", "100000",
			"--steps-per-epoch", "1", "--patience", "0", "--depth", "2", "--base-filters", "4",
			"--crop-size", "32", "--batch-size", "1");
		ByteArrayOutputStream log = new ByteArrayOutputStream();
		Thread reader = new Thread(() -> {
			try {
				child.getInputStream().transferTo(log);
			}
			catch (IOException e) {
				// The child stopped; what was read is kept.
			}
		}, "child-output");
		reader.start();
		int exitCode;
		try {
			long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
			while (!Files.exists(checkpoint) && child.isAlive() && System.nanoTime() < deadline) {
				Thread.sleep(10);
			}
			assertTrue(Files.exists(checkpoint), "no checkpoint was written");
			Process kill = new ProcessBuilder("kill", "-INT", Long.toString(child.pid()))
				.inheritIO().start();
			assertEquals(0, kill.waitFor());
			assertTrue(child.waitFor(2, TimeUnit.MINUTES), "the child did not stop on SIGINT");
			exitCode = child.exitValue();
		}
		finally {
			child.destroyForcibly();
			reader.join();
		}
		String text = log.toString(StandardCharsets.UTF_8);

		assertEquals(130, exitCode, text);
		assertTrue(text.contains("Interrupted: the checkpoint " + checkpoint + " is kept"), text);
		assertTrue(text.contains("--resume"), text);
		assertFalse(Files.exists(out), text);
	}
}
