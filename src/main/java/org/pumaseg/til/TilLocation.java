package org.pumaseg.til;

/**
 * Location of one TIL, for tables and colours: the first of intratumoural, peritumoural band and
 * stroma that contains its centroid, else other (for example blood vessel beyond the band).
 */
public enum TilLocation {

	INTRATUMOURAL("intratumoural"), PERITUMOURAL("peritumoural"), STROMAL("stromal"),
	OTHER("other");

	private final String id;

	TilLocation(String id) {
		this.id = id;
	}

	public String id() {
		return id;
	}
}
