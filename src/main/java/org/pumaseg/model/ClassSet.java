package org.pumaseg.model;

import java.util.List;

/**
 * Class names and their display colours, in channel order of the class output.
 *
 * @param names PUMA class names ({@link PumaClassNames}), unique
 * @param colors one {@code #rrggbb} colour per name
 */
public record ClassSet(List<String> names, List<String> colors) {

	public ClassSet {
		names = List.copyOf(names);
		colors = List.copyOf(colors);
	}

	public int size() {
		return names.size();
	}

	/** The colour of class {@code index} as packed 0xRRGGBB. */
	public int rgb(int index) {
		return Integer.parseInt(colors.get(index).substring(1), 16);
	}
}
