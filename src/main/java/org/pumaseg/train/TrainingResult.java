package org.pumaseg.train;

import java.util.List;

/**
 * Outcome of a training run.
 *
 * @param parameters the parameters of the epoch with the best validation criterion
 *        ({@link ValidationScores#criterion()}; of the last epoch when there is no validation data)
 * @param steps optimiser steps done in total, including those before a resume
 * @param epochs epochs done in total
 * @param bestEpoch the epoch whose parameters are kept (1-based)
 * @param seconds training time in seconds, including the time before a resume
 * @param bestValidation validation scores of the best epoch, or null without validation data
 * @param lastTrainingLoss mean training loss of the last epoch, or null when a resumed run
 *        trained no epoch because its checkpoint already had the requested epochs ({@code
 *        history} still gives the loss of every epoch)
 * @param history one line per epoch: losses and scores
 * @param stoppedEarly whether training stopped before the last epoch for lack of improvement
 */
public record TrainingResult(NetworkConfig network, float[][] parameters, long steps,
	int epochs, int bestEpoch, double seconds, ValidationScores bestValidation,
	LossValues lastTrainingLoss, List<String> history, boolean stoppedEarly)
{}
