package org.pumaseg.nuclei;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.pumaseg.InvalidInputException;
import org.pumaseg.image.FloatImage;
import org.pumaseg.image.PixelSize;
import org.pumaseg.model.ClassSet;
import org.pumaseg.model.OutputMeaning;
import org.pumaseg.model.OutputRole;
import org.pumaseg.model.PumaSegConfig;

/**
 * The whole-image outputs of a nuclei model that decoding needs, one row-major {@code float[]}
 * plane per map, all of the same size.
 * <p>
 * Probabilities are expected after the sigmoid or softmax. The HoVer-Net distance maps hold,
 * for each nucleus pixel, its x (horizontal) or y (vertical) offset from the nucleus centre,
 * scaled to [-1, 1] per nucleus, and are null for models that predict the foreground only.
 * The planes are shared with the caller, not copied; decoding never modifies them.
 */
public final class NucleiMaps {

	private final int width;
	private final int height;
	private final PixelSize pixelSize;
	private final float[] foreground;
	private final float[] horizontal;
	private final float[] vertical;
	private final List<float[]> classProbabilities;
	private final List<String> classNames;

	/**
	 * @param foreground probability that each pixel belongs to a nucleus
	 * @param horizontal horizontal distance map, or null
	 * @param vertical vertical distance map, or null (exactly when {@code horizontal} is)
	 * @param classProbabilities one plane per nucleus class, or an empty list without classes
	 * @param classNames the class of each plane, e.g. {@code nuclei_tumor} or {@code background}
	 */
	public NucleiMaps(int width, int height, PixelSize pixelSize, float[] foreground,
		float[] horizontal, float[] vertical, List<float[]> classProbabilities,
		List<String> classNames)
	{
		this.width = width;
		this.height = height;
		this.pixelSize = Objects.requireNonNull(pixelSize, "pixelSize");
		this.foreground = Objects.requireNonNull(foreground, "foreground");
		this.horizontal = horizontal;
		this.vertical = vertical;
		this.classProbabilities = List.copyOf(classProbabilities);
		this.classNames = List.copyOf(classNames);
		if (width < 1 || height < 1) {
			throw new IllegalArgumentException("Nuclei maps of " + width + " x " + height +
				" pixels are empty.");
		}
		checkPlane(foreground, "foreground");
		if ((horizontal == null) != (vertical == null)) {
			throw new IllegalArgumentException("Give both HoVer-Net distance maps or neither.");
		}
		if (horizontal != null) {
			checkPlane(horizontal, "horizontal distance");
			checkPlane(vertical, "vertical distance");
		}
		if (this.classProbabilities.size() != this.classNames.size()) {
			throw new IllegalArgumentException(this.classProbabilities.size() +
				" class planes do not match " + this.classNames.size() + " class names.");
		}
		for (int c = 0; c < this.classProbabilities.size(); c++) {
			checkPlane(this.classProbabilities.get(c), "class " + this.classNames.get(c));
		}
	}

	/**
	 * Picks the nuclei maps out of a model's stitched outputs by the meanings that
	 * {@code config.pumaseg} gives them. A 2-channel foreground output is read as
	 * [background, nucleus].
	 *
	 * @param outputs whole-image outputs by tensor id, as probabilities (x, y, channel)
	 * @throws InvalidInputException when the configuration has no foreground output or an output
	 *         it names is missing or has other dimensions
	 */
	public static NucleiMaps fromModelOutputs(PumaSegConfig config,
		Map<String, FloatImage> outputs)
	{
		OutputRole foregroundRole = config.output(OutputMeaning.NUCLEI_FOREGROUND).orElseThrow(
			() -> new InvalidInputException("The model predicts no nuclei_foreground output, so " +
				"it cannot find nuclei. Use a nuclei model package."));
		FloatImage foregroundImage = output(outputs, foregroundRole);
		float[] foreground;
		if (foregroundRole.channel() != null) {
			foreground = foregroundImage.channel(foregroundRole.channel());
		}
		else {
			foreground = foregroundImage.channel(foregroundImage.numChannels() - 1);
		}

		float[] horizontal = null;
		float[] vertical = null;
		var horizontalRole = config.output(OutputMeaning.HORIZONTAL_DISTANCE);
		var verticalRole = config.output(OutputMeaning.VERTICAL_DISTANCE);
		if (horizontalRole.isPresent() && verticalRole.isPresent()) {
			horizontal = singleChannel(outputs, horizontalRole.get());
			vertical = singleChannel(outputs, verticalRole.get());
		}

		List<float[]> classPlanes = new ArrayList<>();
		List<String> classNames = new ArrayList<>();
		var classRole = config.output(OutputMeaning.NUCLEUS_CLASS_PROBABILITIES);
		ClassSet classes = config.nucleusClasses();
		if (classRole.isPresent() && classes != null) {
			FloatImage classImage = output(outputs, classRole.get());
			int first = classRole.get().channel() == null ? 0 : classRole.get().channel();
			if (first + classes.size() > classImage.numChannels()) {
				throw new InvalidInputException("Output " + classRole.get().tensorId() + " has " +
					classImage.numChannels() + " channels, fewer than the " + classes.size() +
					" nucleus classes. Check config.pumaseg.nucleus_classes of the model package.");
			}
			for (int c = 0; c < classes.size(); c++) {
				classPlanes.add(classImage.channel(first + c));
				classNames.add(classes.names().get(c));
			}
		}
		return new NucleiMaps(foregroundImage.width(), foregroundImage.height(), foregroundImage
			.pixelSize(), foreground, horizontal, vertical, classPlanes, classNames);
	}

	private static FloatImage output(Map<String, FloatImage> outputs, OutputRole role) {
		FloatImage image = outputs.get(role.tensorId());
		if (image == null) {
			throw new InvalidInputException("Model output " + role.tensorId() + " (" + role
				.meaning().yamlName() + ") is missing; the outputs are " + outputs.keySet() + ".");
		}
		if (role.channel() != null && role.channel() >= image.numChannels()) {
			throw new InvalidInputException("Model output " + role.tensorId() + " has " + image
				.numChannels() + " channels, so channel " + role.channel() + " (" + role.meaning()
					.yamlName() + ") does not exist. Check config.pumaseg.outputs.");
		}
		return image;
	}

	private static float[] singleChannel(Map<String, FloatImage> outputs, OutputRole role) {
		FloatImage image = output(outputs, role);
		return image.channel(role.channel() == null ? 0 : role.channel());
	}

	private void checkPlane(float[] plane, String description) {
		if (plane.length != (long) width * height) {
			throw new IllegalArgumentException("The " + description + " map has " + plane.length +
				" values, not " + width + " x " + height + ".");
		}
	}

	public int width() {
		return width;
	}

	public int height() {
		return height;
	}

	public PixelSize pixelSize() {
		return pixelSize;
	}

	/** Nucleus probability per pixel, row-major; shared, not a copy. */
	public float[] foreground() {
		return foreground;
	}

	/** Horizontal distance map, or null; shared, not a copy. */
	public float[] horizontal() {
		return horizontal;
	}

	/** Vertical distance map, or null; shared, not a copy. */
	public float[] vertical() {
		return vertical;
	}

	/** True when the HoVer-Net distance maps are present. */
	public boolean hasDistanceMaps() {
		return horizontal != null;
	}

	/** Returns one plane per class, in the order of {@link #classNames()}, or none without classes. */
	public List<float[]> classProbabilities() {
		return classProbabilities;
	}

	public List<String> classNames() {
		return classNames;
	}
}
