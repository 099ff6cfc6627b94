package org.pumaseg.train;

/**
 * One annotated image: packed RGB pixels and their targets.
 *
 * @param name image name, used in logs and the model card
 * @param packedRgb ARGB ints (alpha ignored), row-major
 * @param targets per-pixel targets of the same size
 */
public record TrainingImage(String name, int width, int height, int[] packedRgb,
	Targets targets)
{

	public TrainingImage {
		if (packedRgb.length != width * height || targets.width() != width || targets
			.height() != height)
		{
			throw new IllegalArgumentException("Image " + name + " and its targets differ in size.");
		}
	}

	/** The columns {@code [fromX, toX)} of this image, as a new image named {@code name}. */
	public TrainingImage columns(int fromX, int toX, String newName) {
		int w = toX - fromX;
		int[] rgb = new int[w * height];
		byte[] foreground = targets.foreground() == null ? null : new byte[w * height];
		float[] horizontal = targets.horizontal() == null ? null : new float[w * height];
		float[] vertical = targets.vertical() == null ? null : new float[w * height];
		byte[] nucleusClass = targets.nucleusClass() == null ? null : new byte[w * height];
		byte[] tissueClass = targets.tissueClass() == null ? null : new byte[w * height];
		for (int y = 0; y < height; y++) {
			int from = y * width + fromX;
			int to = y * w;
			System.arraycopy(packedRgb, from, rgb, to, w);
			copyRow(targets.foreground(), foreground, from, to, w);
			copyRow(targets.horizontal(), horizontal, from, to, w);
			copyRow(targets.vertical(), vertical, from, to, w);
			copyRow(targets.nucleusClass(), nucleusClass, from, to, w);
			copyRow(targets.tissueClass(), tissueClass, from, to, w);
		}
		return new TrainingImage(newName, w, height, rgb, new Targets(w, height, foreground,
			horizontal, vertical, nucleusClass, tissueClass));
	}

	private static void copyRow(Object source, Object target, int from, int to, int length) {
		if (source != null) {
			System.arraycopy(source, from, target, to, length);
		}
	}
}
