package org.pumaseg.train;

import org.pumaseg.label.LabelImage;

/**
 * Per-pixel training targets of one image, row-major {@code width * height}. Arrays a task does
 * not use are null.
 *
 * @param foreground 1 inside a nucleus, 0 outside
 * @param horizontal HoVer-Net horizontal map: x offset of a nucleus pixel from its nucleus'
 *        centroid, divided by the largest offset on that side, so in [-1, 1]; 0 outside nuclei
 * @param vertical the same for y
 * @param nucleusClass 0 background, 1 + {@link org.pumaseg.annotation.NucleusClass#ordinal()}
 *        inside a nucleus of known class, -1 inside a nucleus of unknown class
 * @param tissueClass tissue mask code (0 background, 1 to 5) or -1 where unknown
 */
public record Targets(int width, int height, byte[] foreground, float[] horizontal,
	float[] vertical, byte[] nucleusClass, byte[] tissueClass)
{

	/** Marks a pixel whose class is unknown: the class losses ignore it. */
	public static final byte UNKNOWN = -1;

	/**
	 * Foreground and distance maps of the instances of {@code labels}, and the class map when
	 * {@code classOfLabel} is given ({@code classOfLabel[label]} is the class index of that
	 * label, or {@link #UNKNOWN}).
	 * <p>
	 * The centroid is the mean of the pixel centres of a nucleus (not rounded). Positive and
	 * negative offsets are scaled separately, as HoVer-Net does (Graham et al., Medical Image
	 * Analysis 58, 2019), so each nucleus spans [-1, 1] on both axes; a nucleus one pixel wide
	 * has offset 0.
	 */
	public static Targets ofInstances(LabelImage labels, byte[] classOfLabel) {
		int width = labels.width();
		int height = labels.height();
		int[] label = labels.labels();
		int maxLabel = labels.maxLabel();

		double[] sumX = new double[maxLabel + 1];
		double[] sumY = new double[maxLabel + 1];
		long[] count = new long[maxLabel + 1];
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				int l = label[y * width + x];
				sumX[l] += x;
				sumY[l] += y;
				count[l]++;
			}
		}
		double[] centroidX = new double[maxLabel + 1];
		double[] centroidY = new double[maxLabel + 1];
		for (int l = 1; l <= maxLabel; l++) {
			if (count[l] > 0) {
				centroidX[l] = sumX[l] / count[l];
				centroidY[l] = sumY[l] / count[l];
			}
		}

		// Largest offset on each side of the centroid, per label.
		double[] minDx = new double[maxLabel + 1];
		double[] maxDx = new double[maxLabel + 1];
		double[] minDy = new double[maxLabel + 1];
		double[] maxDy = new double[maxLabel + 1];
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				int l = label[y * width + x];
				if (l > 0) {
					minDx[l] = Math.min(minDx[l], x - centroidX[l]);
					maxDx[l] = Math.max(maxDx[l], x - centroidX[l]);
					minDy[l] = Math.min(minDy[l], y - centroidY[l]);
					maxDy[l] = Math.max(maxDy[l], y - centroidY[l]);
				}
			}
		}

		byte[] foreground = new byte[width * height];
		float[] horizontal = new float[width * height];
		float[] vertical = new float[width * height];
		byte[] nucleusClass = classOfLabel == null ? null : new byte[width * height];
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				int i = y * width + x;
				int l = label[i];
				if (l == 0) {
					continue;
				}
				foreground[i] = 1;
				horizontal[i] = (float) scaled(x - centroidX[l], minDx[l], maxDx[l]);
				vertical[i] = (float) scaled(y - centroidY[l], minDy[l], maxDy[l]);
				if (nucleusClass != null) {
					nucleusClass[i] = l < classOfLabel.length ? classOfLabel[l] : UNKNOWN;
				}
			}
		}
		return new Targets(width, height, foreground, horizontal, vertical, nucleusClass, null);
	}

	private static double scaled(double offset, double min, double max) {
		if (offset < 0) {
			return min < 0 ? -offset / min : 0;
		}
		return max > 0 ? offset / max : 0;
	}

	/** These targets with the tissue map {@code codes} (mask codes, or -1 where unknown). */
	public Targets withTissue(byte[] codes) {
		if (codes.length != width * height) {
			throw new IllegalArgumentException("Tissue map has " + codes.length +
				" pixels, expected " + width * height + ".");
		}
		return new Targets(width, height, foreground, horizontal, vertical, nucleusClass, codes);
	}

	/** Targets with a tissue map only. */
	public static Targets ofTissue(int width, int height, byte[] codes) {
		return new Targets(width, height, null, null, null, null, codes.clone());
	}
}
