package org.pumaseg.model.tiling;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.pumaseg.CanceledException;
import org.pumaseg.Progress;

/**
 * Cuts the batches of a {@link TileCutter} on a worker thread, so that reading, padding and
 * preprocessing the next batch overlap with the model run and the blending of the current
 * one. Batches arrive in order, so the output does not depend on thread timing. At most one
 * finished batch waits in the queue and one more is being cut, which bounds the extra memory
 * to two batches of input tiles.
 * <p>
 * The worker is the only thread that reads the tile source while the prefetcher is open.
 * Cancellation is checked by the caller's thread, because a {@link Progress} need not be
 * safe to query from other threads; {@link #close()} stops the worker after the tile it is
 * cutting and waits for it.
 */
final class TilePrefetcher implements AutoCloseable {

	/** How often a waiting caller checks for cancellation, in milliseconds. */
	private static final long POLL_MILLISECONDS = 20;

	private final TileCutter cutter;
	private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(1);
	private final Thread worker;
	private volatile boolean stopped;

	/** A failure of the worker, handed to the caller in place of a batch. */
	private record Failure(Throwable error) {}

	TilePrefetcher(TileCutter cutter) {
		this.cutter = cutter;
		this.worker = new Thread(this::cutAll, "pumaseg-tile-cutter");
		worker.setDaemon(true);
		worker.start();
	}

	private void cutAll() {
		try {
			for (int b = 0; b < cutter.batchCount(); b++) {
				hand(cutter.cutBatch(b, () -> {
					if (stopped) {
						throw new CanceledException();
					}
				}));
			}
		}
		catch (RuntimeException | Error e) {
			hand(new Failure(e));
		}
	}

	/** Puts an item into the queue, giving up once the prefetcher is closed. */
	private void hand(Object item) {
		try {
			while (!stopped) {
				if (queue.offer(item, POLL_MILLISECONDS, TimeUnit.MILLISECONDS)) {
					return;
				}
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Returns the next batch, waiting for the worker while checking {@code progress} for
	 * cancellation.
	 *
	 * @throws CanceledException when {@code progress} is canceled or this thread is interrupted
	 * @throws RuntimeException the exception the worker threw while cutting (e.g. from the tile
	 *           source), unchanged
	 */
	TileBatch next(Progress progress) {
		try {
			while (true) {
				progress.checkCanceled();
				Object item = queue.poll(POLL_MILLISECONDS, TimeUnit.MILLISECONDS);
				if (item instanceof Failure failure) {
					throw rethrow(failure.error());
				}
				if (item != null) {
					return (TileBatch) item;
				}
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new CanceledException();
		}
	}

	private static RuntimeException rethrow(Throwable error) {
		if (error instanceof Error e) {
			throw e;
		}
		return (RuntimeException) error;
	}

	/** Stops the worker after its current tile and waits for it to end. */
	@Override
	public void close() {
		stopped = true;
		queue.clear();
		boolean interrupted = false;
		while (worker.isAlive()) {
			try {
				worker.join();
			}
			catch (InterruptedException e) {
				interrupted = true;
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}
}
