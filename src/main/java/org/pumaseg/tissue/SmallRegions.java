package org.pumaseg.tissue;

import java.util.Arrays;

import net.imglib2.img.array.ArrayImgs;

import org.pumaseg.annotation.TissueClass;
import org.pumaseg.label.ConnectedComponents;
import org.pumaseg.label.Connectivity;

/**
 * Merges connected regions of a code map that are smaller than a minimum area into their
 * surroundings: smallest first, each takes the code most common among the pixels just outside
 * it (4-neighbours), read after the earlier merges.
 */
final class SmallRegions {

	private SmallRegions() {}

	/**
	 * Merges in place.
	 *
	 * @return the number of regions merged
	 */
	static int merge(byte[] codes, int width, int height, long minPixels) {
		// Region ids over all codes: the components of each code, offset past the previous ones.
		int[] region = new int[codes.length];
		int regions = 0;
		for (int code = 0; code <= TissueClass.MAX_CODE; code++) {
			boolean[] inCode = new boolean[codes.length];
			for (int p = 0; p < codes.length; p++) {
				inCode[p] = codes[p] == code;
			}
			int[] labels = ConnectedComponents.label(ArrayImgs.booleans(inCode, width, height),
				Connectivity.FOUR).labels();
			int max = 0;
			for (int p = 0; p < codes.length; p++) {
				if (labels[p] > 0) {
					region[p] = regions + labels[p] - 1;
					max = Math.max(max, labels[p]);
				}
			}
			regions += max;
		}

		// Pixels grouped by region (counting sort), and the small regions by area.
		int[] start = new int[regions + 1];
		for (int id : region) {
			start[id + 1]++;
		}
		for (int r = 0; r < regions; r++) {
			start[r + 1] += start[r];
		}
		int[] pixels = new int[codes.length];
		int[] fill = Arrays.copyOf(start, regions);
		for (int p = 0; p < codes.length; p++) {
			pixels[fill[region[p]]++] = p;
		}
		long[] small = new long[regions];
		int smallCount = 0;
		for (int r = 0; r < regions; r++) {
			long area = start[r + 1] - start[r];
			if (area < minPixels) {
				small[smallCount++] = area << 32 | r;
			}
		}
		Arrays.sort(small, 0, smallCount);

		int merged = 0;
		long[] votes = new long[TissueClass.MAX_CODE + 1];
		for (int i = 0; i < smallCount; i++) {
			int r = (int) small[i];
			Arrays.fill(votes, 0);
			for (int k = start[r]; k < start[r + 1]; k++) {
				int p = pixels[k];
				int x = p % width;
				int y = p / width;
				vote(codes, region, r, x > 0 ? p - 1 : -1, votes);
				vote(codes, region, r, x + 1 < width ? p + 1 : -1, votes);
				vote(codes, region, r, y > 0 ? p - width : -1, votes);
				vote(codes, region, r, y + 1 < height ? p + width : -1, votes);
			}
			int best = -1;
			for (int code = 0; code < votes.length; code++) {
				if (votes[code] > 0 && (best < 0 || votes[code] > votes[best])) {
					best = code;
				}
			}
			if (best < 0) {
				continue; // the region fills the image
			}
			for (int k = start[r]; k < start[r + 1]; k++) {
				codes[pixels[k]] = (byte) best;
			}
			merged++;
		}
		return merged;
	}

	private static void vote(byte[] codes, int[] region, int self, int q, long[] votes) {
		if (q >= 0 && region[q] != self) {
			votes[codes[q]]++;
		}
	}
}
