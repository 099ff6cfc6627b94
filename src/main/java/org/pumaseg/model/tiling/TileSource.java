package org.pumaseg.model.tiling;

/**
 * The pixels of an image to predict on, read rectangle by rectangle so that the image need not
 * be held as floats (or at all) in memory. Values are the raw model input before the
 * package's preprocessing: 0..255 for 8-bit RGB.
 * <p>
 * {@link TiledPredictor} calls {@link #read} from one thread at a time, but not always from
 * the thread that called {@code predict}: tiles are read on a worker thread.
 */
public interface TileSource {

	int width();

	int height();

	int channelCount();

	/**
	 * Copies the rectangle {@code [x, x + width) x [y, y + height)}, which lies inside the
	 * image, into {@code planes[c][row * width + column]}.
	 */
	void read(int x, int y, int width, int height, float[][] planes);
}
