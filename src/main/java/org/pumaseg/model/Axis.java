package org.pumaseg.model;

import java.util.List;
import java.util.Objects;

/**
 * One axis of a model input or output tensor. PumaSeg models work on 2-D images, so the axis
 * types are batch, channel and space (ids {@code y} and {@code x}); the bioimage.io types
 * {@code index} and {@code time} are rejected by the reader.
 */
public sealed interface Axis {

	/** Unique id of the axis within its tensor. */
	String id();

	String description();

	/** The type name used in rdf.yaml. */
	String type();

	/**
	 * The batch axis; its id is always {@code batch}.
	 *
	 * @param sizeFixedToOne true when the model takes exactly one image per call
	 */
	record Batch(String description, boolean sizeFixedToOne) implements Axis {

		public static final String ID = "batch";

		public Batch {
			description = description == null ? "" : description;
		}

		@Override
		public String id() {
			return ID;
		}

		@Override
		public String type() {
			return "batch";
		}
	}

	/** A channel axis whose length is the number of channel names. */
	record Channel(String id, String description, List<String> channelNames) implements Axis {

		public static final String DEFAULT_ID = "channel";

		public Channel {
			Objects.requireNonNull(id, "id");
			description = description == null ? "" : description;
			channelNames = List.copyOf(channelNames);
		}

		public int size() {
			return channelNames.size();
		}

		@Override
		public String type() {
			return "channel";
		}
	}

	/**
	 * A spatial axis.
	 *
	 * @param size the length in pixels
	 * @param halo output axes only: pixels at each end that are unreliable and to be cropped
	 *          ({@code size after crop = size - 2 * halo}); 0 for inputs
	 * @param scale physical size of one pixel in {@code unit} (1 when not stated)
	 * @param unit a length unit such as {@code micrometer}, or null
	 */
	record Space(String id, String description, AxisSize size, int halo, double scale,
		String unit) implements Axis
	{

		public Space {
			Objects.requireNonNull(id, "id");
			Objects.requireNonNull(size, "size");
			description = description == null ? "" : description;
		}

		@Override
		public String type() {
			return "space";
		}
	}
}
