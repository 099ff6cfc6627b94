package org.pumaseg.annotation;

/**
 * PUMA tissue classes with their codes in the challenge tissue mask.
 * <p>
 * Mask codes: 0 background, 1 stroma, 2 blood vessel, 3 tumour, 4 epidermis, 5 necrosis.
 * White background (glass) has no class of its own in the mask and is written as 0. The
 * challenge calls class 4 epidermis, not epithelium.
 */
public enum TissueClass {

	STROMA("tissue_stroma", 1, 150, 200, 150),
	BLOOD_VESSEL("tissue_blood_vessel", 2, 0, 255, 0),
	TUMOR("tissue_tumor", 3, 200, 0, 0),
	EPIDERMIS("tissue_epidermis", 4, 99, 69, 160),
	NECROSIS("tissue_necrosis", 5, 51, 51, 51),
	WHITE_BACKGROUND("tissue_white_background", 0, 255, 255, 255);

	/** Mask code of pixels outside every tissue class. */
	public static final int BACKGROUND_CODE = 0;

	/** Highest code a tissue mask may contain. */
	public static final int MAX_CODE = 5;

	private final String className;
	private final int maskCode;
	private final int[] color;

	TissueClass(String className, int maskCode, int red, int green, int blue) {
		this.className = className;
		this.maskCode = maskCode;
		this.color = new int[] { red, green, blue };
	}

	/** The name used in PUMA files, e.g. {@code tissue_blood_vessel}. */
	public String className() {
		return className;
	}

	/** The value of this class in a challenge tissue mask (0 for white background). */
	public int maskCode() {
		return maskCode;
	}

	/** Default display colour as {r, g, b}, 0-255; a copy. */
	public int[] color() {
		return color.clone();
	}

	/** Returns the class with this PUMA name, or null. */
	public static TissueClass fromClassName(String name) {
		for (TissueClass tissueClass : values()) {
			if (tissueClass.className.equals(name)) {
				return tissueClass;
			}
		}
		return null;
	}

	/** Returns the scored class (stroma to necrosis) with this mask code; null for 0. */
	public static TissueClass fromMaskCode(int code) {
		for (TissueClass tissueClass : values()) {
			if (tissueClass.maskCode == code && code != BACKGROUND_CODE) {
				return tissueClass;
			}
		}
		return null;
	}
}
