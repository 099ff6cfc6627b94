package org.pumaseg.train;

import java.util.List;

/**
 * Images for one run, split into training and validation.
 *
 * @param task what the targets hold
 * @param training images the network learns from
 * @param validation held-out images (or parts of images) scored after each epoch
 * @param splitDescription how the split was made, for the model card
 * @param umPerPixel pixel size of the images in micrometres, or NaN when unknown
 * @param withNucleusClasses whether nucleus class targets exist
 */
public record TrainingData(TrainingTask task, List<TrainingImage> training,
	List<TrainingImage> validation, String splitDescription, double umPerPixel,
	boolean withNucleusClasses)
{

	public TrainingData {
		training = List.copyOf(training);
		validation = List.copyOf(validation);
	}

	long trainingPixels() {
		long pixels = 0;
		for (TrainingImage image : training) {
			pixels += (long) image.width() * image.height();
		}
		return pixels;
	}
}
