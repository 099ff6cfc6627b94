package org.pumaseg.model;

import java.util.List;
import java.util.Optional;

/** What model inputs and outputs have in common. */
public sealed interface TensorDescription permits InputTensor, OutputTensor {

	/** Unique among all inputs and outputs of the model. */
	String id();

	String description();

	/** The axes in the order of the tensor's dimensions. */
	List<Axis> axes();

	DataType dataType();

	/** A .npy file inside the package with an example of this tensor. */
	FileRef testTensor();

	/** An optional example image (e.g. PNG or TIFF) for people, or null. */
	FileRef sampleTensor();

	default Optional<Axis> axis(String axisId) {
		return axes().stream().filter(axis -> axis.id().equals(axisId)).findFirst();
	}

	/** The channel axis, if the tensor has one. */
	default Optional<Axis.Channel> channelAxis() {
		return axes().stream().filter(Axis.Channel.class::isInstance).map(
			Axis.Channel.class::cast).findFirst();
	}

	/** Number of channels: the channel axis length, or 1 without a channel axis. */
	default int channelCount() {
		return channelAxis().map(Axis.Channel::size).orElse(1);
	}
}
