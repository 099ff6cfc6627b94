package org.pumaseg.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.util.AffineTransformation;
import org.pumaseg.annotation.ClassifiedPolygon;

/**
 * One annotated image: packed RGB pixels and their targets.
 *
 * @param name image name, used in logs and the model card
 * @param packedRgb ARGB ints (alpha ignored), row-major
 * @param targets per-pixel targets of the same size
 * @param nuclei ground-truth nuclei with PUMA class names, in this image's pixels, in file
 *        order; null when the annotations have no classes (label images, outlines)
 * @param source the files this image was read from and where it lies in them, or null for
 *        images made in memory
 */
public record TrainingImage(String name, int width, int height, int[] packedRgb,
	Targets targets, List<ClassifiedPolygon> nuclei, Source source)
{

	/**
	 * The origin of an image (or of a column range of it), so that its scores can be
	 * reproduced from the files with {@code pumaseg segment} and {@code pumaseg evaluate}.
	 *
	 * @param image the image file
	 * @param nucleiAnnotations the nuclei GeoJSON, or null
	 * @param tissueAnnotations the tissue GeoJSON, or null
	 * @param fromX first column of this image in the file
	 * @param fileWidth width of the image file in pixels
	 * @param fileHeight height of the image file in pixels
	 */
	public record Source(Path image, Path nucleiAnnotations, Path tissueAnnotations, int fromX,
		int fileWidth, int fileHeight)
	{}

	public TrainingImage {
		if (packedRgb.length != width * height || targets.width() != width || targets
			.height() != height)
		{
			throw new IllegalArgumentException("Image " + name + " and its targets differ in size.");
		}
		nuclei = nuclei == null ? null : List.copyOf(nuclei);
	}

	/** Creates an image made in memory, without ground-truth polygons or source files. */
	public TrainingImage(String name, int width, int height, int[] packedRgb, Targets targets) {
		this(name, width, height, packedRgb, targets, null, null);
	}

	/**
	 * The columns {@code [fromX, toX)} of this image, as a new image named {@code name}. The
	 * ground-truth nuclei kept are those whose centroid (of the whole outline) lies in the
	 * columns, the rule {@code pumaseg evaluate --region} applies, shifted by {@code -fromX}.
	 */
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
		List<ClassifiedPolygon> kept = null;
		if (nuclei != null) {
			kept = new ArrayList<>();
			AffineTransformation shift = AffineTransformation.translationInstance(-fromX, 0);
			for (ClassifiedPolygon nucleus : nuclei) {
				Point centroid = nucleus.geometry().getCentroid();
				if (centroid.getX() >= fromX && centroid.getX() < toX) {
					kept.add(new ClassifiedPolygon(nucleus.id(), nucleus.className(), shift.transform(
						nucleus.geometry()), nucleus.objectType(), nucleus.probability(), nucleus.score(),
						nucleus.measurements()));
				}
			}
		}
		Source part = source == null ? null : new Source(source.image(), source
			.nucleiAnnotations(), source.tissueAnnotations(), source.fromX() + fromX, source
				.fileWidth(), source.fileHeight());
		return new TrainingImage(newName, w, height, rgb, new Targets(w, height, foreground,
			horizontal, vertical, nucleusClass, tissueClass), kept, part);
	}

	private static void copyRow(Object source, Object target, int from, int to, int length) {
		if (source != null) {
			System.arraycopy(source, from, target, to, length);
		}
	}
}
