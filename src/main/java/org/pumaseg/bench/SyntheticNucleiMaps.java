package org.pumaseg.bench;

import java.util.ArrayList;
import java.util.List;

import org.pumaseg.image.PixelSize;
import org.pumaseg.nuclei.NucleiMaps;

/**
 * Ideal HoVer-Net maps made from a known label image: foreground 1 on objects, horizontal and
 * vertical maps as each pixel's offset from its object's centroid, negative offsets divided by
 * the largest negative one and positive by the largest positive one (so each object spans
 * [-1, 1]), and one-hot class planes with a background plane first.
 */
public final class SyntheticNucleiMaps {

	public static final PixelSize PIXEL_SIZE = PixelSize.calibrated(0.25, "synthetic maps");

	private SyntheticNucleiMaps() {}

	/** Offsets from each label's centroid, scaled per label; 0 on background. */
	public static float[][] distanceMaps(int[] labels, int width, int height) {
		int max = 0;
		for (int label : labels) {
			max = Math.max(max, label);
		}
		double[] sumX = new double[max + 1];
		double[] sumY = new double[max + 1];
		long[] area = new long[max + 1];
		for (int p = 0; p < labels.length; p++) {
			int label = labels[p];
			sumX[label] += p % width + 0.5;
			sumY[label] += p / width + 0.5;
			area[label]++;
		}
		double[] minX = new double[max + 1];
		double[] maxX = new double[max + 1];
		double[] minY = new double[max + 1];
		double[] maxY = new double[max + 1];
		for (int p = 0; p < labels.length; p++) {
			int label = labels[p];
			if (label > 0) {
				double dx = p % width + 0.5 - sumX[label] / area[label];
				double dy = p / width + 0.5 - sumY[label] / area[label];
				minX[label] = Math.min(minX[label], dx);
				maxX[label] = Math.max(maxX[label], dx);
				minY[label] = Math.min(minY[label], dy);
				maxY[label] = Math.max(maxY[label], dy);
			}
		}
		float[] horizontal = new float[labels.length];
		float[] vertical = new float[labels.length];
		for (int p = 0; p < labels.length; p++) {
			int label = labels[p];
			if (label > 0) {
				double dx = p % width + 0.5 - sumX[label] / area[label];
				double dy = p / width + 0.5 - sumY[label] / area[label];
				horizontal[p] = (float) scale(dx, minX[label], maxX[label]);
				vertical[p] = (float) scale(dy, minY[label], maxY[label]);
			}
		}
		return new float[][] { horizontal, vertical };
	}

	private static double scale(double offset, double min, double max) {
		if (offset < 0) {
			return -offset / min;
		}
		return offset > 0 ? offset / max : 0;
	}

	public static float[] foreground(int[] labels) {
		float[] foreground = new float[labels.length];
		for (int p = 0; p < labels.length; p++) {
			foreground[p] = labels[p] > 0 ? 1 : 0;
		}
		return foreground;
	}

	/**
	 * One-hot class planes: plane 0 is background, plane 1 + classOfLabel[label] is 1 on that
	 * label's pixels.
	 */
	public static List<float[]> classPlanes(int[] labels, int[] classOfLabel, int classes) {
		List<float[]> planes = new ArrayList<>();
		for (int c = 0; c <= classes; c++) {
			planes.add(new float[labels.length]);
		}
		for (int p = 0; p < labels.length; p++) {
			int label = labels[p];
			int plane = label == 0 ? 0 : 1 + classOfLabel[label];
			planes.get(plane)[p] = 1;
		}
		return planes;
	}

	/** HoVer-Net maps of {@code labels} without classes. */
	public static NucleiMaps hoverNet(int[] labels, int width, int height) {
		float[][] distance = distanceMaps(labels, width, height);
		return new NucleiMaps(width, height, PIXEL_SIZE, foreground(labels), distance[0],
			distance[1], List.of(), List.of());
	}

	/** HoVer-Net maps with classes {@code names} (background added first). */
	public static NucleiMaps hoverNet(int[] labels, int width, int height, int[] classOfLabel,
		List<String> names)
	{
		float[][] distance = distanceMaps(labels, width, height);
		List<String> allNames = new ArrayList<>();
		allNames.add("background");
		allNames.addAll(names);
		return new NucleiMaps(width, height, PIXEL_SIZE, foreground(labels), distance[0],
			distance[1], classPlanes(labels, classOfLabel, names.size()), allNames);
	}

	/** Foreground-only maps of {@code labels}. */
	public static NucleiMaps foregroundOnly(int[] labels, int width, int height) {
		return new NucleiMaps(width, height, PIXEL_SIZE, foreground(labels), null, null, List.of(),
			List.of());
	}

	/** Paints an ellipse of semi-axes a, b turned by {@code angle} radians, label {@code label}. */
	public static void ellipse(int[] labels, int width, int height, double cx, double cy, double a,
		double b, double angle, int label)
	{
		double cos = Math.cos(angle);
		double sin = Math.sin(angle);
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				double dx = x + 0.5 - cx;
				double dy = y + 0.5 - cy;
				double u = (dx * cos + dy * sin) / a;
				double v = (-dx * sin + dy * cos) / b;
				if (u * u + v * v <= 1) {
					labels[x + y * width] = label;
				}
			}
		}
	}

	/**
	 * Touching discs: every pixel within {@code radius} of a centre takes the label of the
	 * nearest centre (1-based, in list order), so discs closer than 2 radii share a straight
	 * contact line.
	 */
	public static int[] touchingDiscs(int width, int height, double radius, double[][] centres) {
		int[] labels = new int[width * height];
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				double best = radius * radius;
				for (int k = 0; k < centres.length; k++) {
					double dx = x + 0.5 - centres[k][0];
					double dy = y + 0.5 - centres[k][1];
					double d2 = dx * dx + dy * dy;
					if (d2 <= best) {
						best = d2;
						labels[x + y * width] = k + 1;
					}
				}
			}
		}
		return labels;
	}

	/**
	 * For each true label 1..n, the best intersection over union with any decoded label; NaN
	 * entry 0.
	 */
	public static double[] bestIou(int[] truth, int[] decoded) {
		int trueMax = 0;
		int decodedMax = 0;
		for (int p = 0; p < truth.length; p++) {
			trueMax = Math.max(trueMax, truth[p]);
			decodedMax = Math.max(decodedMax, decoded[p]);
		}
		java.util.Map<Long, Integer> overlap = new java.util.HashMap<>();
		long[] trueArea = new long[trueMax + 1];
		long[] decodedArea = new long[decodedMax + 1];
		for (int p = 0; p < truth.length; p++) {
			trueArea[truth[p]]++;
			decodedArea[decoded[p]]++;
			if (truth[p] > 0 && decoded[p] > 0) {
				overlap.merge((long) truth[p] << 32 | decoded[p], 1, Integer::sum);
			}
		}
		double[] best = new double[trueMax + 1];
		best[0] = Double.NaN;
		for (var entry : overlap.entrySet()) {
			int t = (int) (entry.getKey() >>> 32);
			int d = (int) (long) entry.getKey();
			double iou = entry.getValue() / (double) (trueArea[t] + decodedArea[d] - entry
				.getValue());
			best[t] = Math.max(best[t], iou);
		}
		return best;
	}
}
