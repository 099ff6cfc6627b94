package org.pumaseg.preprocess;

import net.imglib2.FinalInterval;
import net.imglib2.Interval;

import org.pumaseg.Progress;

/**
 * Runs a long per-pixel step over an image in blocks of whole rows, so that a big image can be
 * canceled between blocks and reports its progress as it goes.
 * <p>
 * Each block is processed multi-threaded by the task itself (ImgLib2's {@code LoopBuilder});
 * the blocks run one after the other on the calling thread, which is the only thread that
 * touches {@link Progress}.
 */
final class RowBlocks {

	/** About 4 M pixels per block: long enough to amortise thread start-up, short enough to
	 * react to a cancel within a fraction of a second. */
	static final long PIXELS_PER_BLOCK = 1L << 22;

	@FunctionalInterface
	interface Task {
		/** Processes rows {@code [y0, y1)} of the image. */
		void run(long y0, long y1);
	}

	private RowBlocks() {}

	static long rowsPerBlock(long width) {
		return Math.max(1, PIXELS_PER_BLOCK / Math.max(1, width));
	}

	/** Calls {@code task} on consecutive row blocks covering {@code [0, height)}. */
	static void run(long width, long height, Progress progress, String message, Task task) {
		long rows = rowsPerBlock(width);
		for (long y0 = 0; y0 < height; y0 += rows) {
			progress.checkCanceled();
			long y1 = Math.min(height, y0 + rows);
			task.run(y0, y1);
			progress.update((double) y1 / height, message);
		}
	}

	/** The interval of rows {@code [y0, y1)} of a 2-D image {@code width} wide. */
	static Interval rows(long width, long y0, long y1) {
		return new FinalInterval(new long[] { 0, y0 }, new long[] { width - 1, y1 - 1 });
	}
}
