package org.pumaseg.annotation;

import java.util.Objects;

import org.pumaseg.image.PixelSize;

/**
 * A tissue class map coded as in the challenge tissue mask: 0 background, 1 stroma, 2 blood
 * vessel, 3 tumour, 4 epidermis, 5 necrosis. Pixels are row-major, one byte each.
 */
public final class TissueMask {

	private final int width;
	private final int height;
	private final byte[] codes;
	private final PixelSize pixelSize;

	/**
	 * Wraps codes without copying.
	 *
	 * @throws IllegalArgumentException when the array length does not match or a code is not in
	 *         0..5
	 */
	public TissueMask(int width, int height, byte[] codes, PixelSize pixelSize) {
		if (width <= 0 || height <= 0 || (long) width * height != codes.length) {
			throw new IllegalArgumentException("Mask of " + width + " x " + height +
				" pixels does not match " + codes.length + " codes.");
		}
		for (int i = 0; i < codes.length; i++) {
			if (codes[i] < TissueClass.BACKGROUND_CODE || codes[i] > TissueClass.MAX_CODE) {
				throw new IllegalArgumentException("Tissue code " + codes[i] + " at pixel (" + i %
					width + ", " + i / width + ") is not in 0.." + TissueClass.MAX_CODE + ".");
			}
		}
		this.width = width;
		this.height = height;
		this.codes = codes;
		this.pixelSize = Objects.requireNonNull(pixelSize);
	}

	/** An all-background mask. */
	public static TissueMask background(int width, int height, PixelSize pixelSize) {
		return new TissueMask(width, height, new byte[width * height], pixelSize);
	}

	public int width() {
		return width;
	}

	public int height() {
		return height;
	}

	/** Code of pixel (x, y). */
	public int code(int x, int y) {
		return codes[y * width + x];
	}

	/** The codes, row-major; shared with this mask, not a copy. */
	public byte[] codes() {
		return codes;
	}

	public PixelSize pixelSize() {
		return pixelSize;
	}

	/** Number of pixels with each code 0..5. */
	public long[] histogram() {
		long[] counts = new long[TissueClass.MAX_CODE + 1];
		for (byte code : codes) {
			counts[code]++;
		}
		return counts;
	}
}
