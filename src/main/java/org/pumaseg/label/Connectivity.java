package org.pumaseg.label;

/**
 * Which pixels of a 2-D grid are neighbours: the 4 that share an edge, or the 8 that share an
 * edge or a corner.
 */
public enum Connectivity {

	/** Left, right, up, down. */
	FOUR(new int[] { -1, 1, 0, 0 }, new int[] { 0, 0, -1, 1 }),

	/** The 4 edge neighbours and the 4 diagonal ones. */
	EIGHT(new int[] { -1, 1, 0, 0, -1, 1, -1, 1 }, new int[] { 0, 0, -1, 1, -1, -1, 1, 1 });

	private final int[] dx;
	private final int[] dy;

	Connectivity(int[] dx, int[] dy) {
		this.dx = dx;
		this.dy = dy;
	}

	/**
	 * The connectivity that background must have for topology to be consistent with this one
	 * for foreground: 8-connected objects have 4-connected holes and vice versa.
	 */
	public Connectivity complement() {
		return this == FOUR ? EIGHT : FOUR;
	}

	int count() {
		return dx.length;
	}

	int dx(int k) {
		return dx[k];
	}

	int dy(int k) {
		return dy[k];
	}

	/**
	 * Index offsets of the neighbours in a row-major image of the given width; valid only
	 * together with a bounds check such as {@link #hasNeighbour}.
	 */
	int[] offsets(int width) {
		int[] offsets = new int[dx.length];
		for (int k = 0; k < dx.length; k++) {
			offsets[k] = dx[k] + dy[k] * width;
		}
		return offsets;
	}

	/** Whether neighbour {@code k} of pixel (x, y) lies inside a width x height image. */
	boolean hasNeighbour(int k, int x, int y, int width, int height) {
		int nx = x + dx[k];
		int ny = y + dy[k];
		return nx >= 0 && nx < width && ny >= 0 && ny < height;
	}
}
