package org.pumaseg.train;

import java.nio.file.Path;

import org.pumaseg.InvalidInputException;

/**
 * Settings of one training run.
 *
 * @param epochs maximum number of epochs
 * @param stepsPerEpoch optimiser steps per epoch; 0 to take as many crops per epoch as cover
 *        the training pixels once
 * @param batchSize crops per step
 * @param cropSize side of the square training crops in pixels; a multiple of the network's
 *        {@link NetworkConfig#sizeMultiple()}
 * @param learningRate Adam learning rate
 * @param seed seed of initialisation, crop positions and augmentation; the same seed and data
 *        give the same run
 * @param patience epochs without a better validation criterion
 *        ({@link ValidationScores#criterion()}) before training stops early; 0 never stops early
 * @param augmentation the augmentation of training crops
 * @param checkpointDirectory folder for checkpoints after each epoch, or null for none
 * @param resume continue from the checkpoint in {@code checkpointDirectory}
 */
public record TrainingOptions(NetworkConfig network, int epochs, int stepsPerEpoch,
	int batchSize, int cropSize, double learningRate, long seed, int patience,
	Augmentation augmentation, Path checkpointDirectory, boolean resume)
{

	public TrainingOptions {
		require(epochs >= 1, "epochs", epochs, "give at least 1 epoch");
		require(stepsPerEpoch >= 0, "steps per epoch", stepsPerEpoch, "give 0 (automatic) or more");
		require(batchSize >= 1 && batchSize <= 256, "batch size", batchSize, "use 1 to 256");
		require(cropSize >= network.sizeMultiple() && cropSize % network.sizeMultiple() == 0,
			"crop size", cropSize, "use a multiple of " + network.sizeMultiple() +
				" (2^(depth - 1))");
		require(learningRate > 0 && learningRate < 1, "learning rate", learningRate,
			"use a value in (0, 1), for example 0.001");
		require(patience >= 0, "patience", patience, "use 0 (never stop early) or more");
		if (resume && checkpointDirectory == null) {
			throw new InvalidInputException("Resuming needs a checkpoint folder; give one.");
		}
	}

	private static void require(boolean valid, String name, Object value, String fix) {
		if (!valid) {
			throw new InvalidInputException("Invalid " + name + " " + value + ": " + fix + ".");
		}
	}
}
