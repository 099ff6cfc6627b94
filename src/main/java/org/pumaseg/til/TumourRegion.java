package org.pumaseg.til;

import java.util.Objects;

/**
 * The tumour region of a ROI as a pixel mask, and where it came from.
 *
 * @param width ROI width in pixels
 * @param height ROI height in pixels
 * @param mask true for tumour pixels, row-major; shared, not copied
 * @param estimated true when the region was estimated from tumour nuclei, false when it is
 *          the tumour class of a tissue map
 * @param method how the region was obtained, in words, for reports
 */
public record TumourRegion(int width, int height, boolean[] mask, boolean estimated,
	String method)
{

	public TumourRegion {
		Objects.requireNonNull(mask);
		Objects.requireNonNull(method);
		if ((long) width * height != mask.length) {
			throw new IllegalArgumentException("Mask of " + mask.length + " pixels does not match " +
				width + " x " + height + ".");
		}
	}

	/** Number of tumour pixels. */
	public long pixelCount() {
		long count = 0;
		for (boolean tumour : mask) {
			if (tumour) {
				count++;
			}
		}
		return count;
	}

	public boolean contains(int x, int y) {
		return mask[y * width + x];
	}
}
