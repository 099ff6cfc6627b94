package org.pumaseg;

import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Progress and cancellation for long-running library steps.
 * <p>
 * A step reports its own progress as a fraction from 0 to 1. A caller that runs several
 * steps hands each one a {@link #subRange(double, double) sub-range}, which maps the step's
 * 0..1 into the caller's range, so progress nests to any depth. Steps call
 * {@link #checkCanceled()} between units of work (a tile, a row block, an image), which throws
 * {@link CanceledException} once the user has asked to stop.
 */
public final class Progress {

	/** Receives progress updates; {@code fraction} is in [0, 1]. */
	@FunctionalInterface
	public interface Listener {
		void update(double fraction, String message);
	}

	private static final Progress NONE = new Progress((fraction, message) -> {}, () -> false, 0,
		1);

	private final Listener listener;
	private final BooleanSupplier canceled;
	private final double start;
	private final double end;

	private Progress(Listener listener, BooleanSupplier canceled, double start, double end) {
		this.listener = listener;
		this.canceled = canceled;
		this.start = start;
		this.end = end;
	}

	/** Progress that goes nowhere and is never canceled. */
	public static Progress none() {
		return NONE;
	}

	/** Progress reported to {@code listener}; canceled once {@code canceled} returns true. */
	public static Progress of(Listener listener, BooleanSupplier canceled) {
		return new Progress(Objects.requireNonNull(listener), Objects.requireNonNull(canceled), 0,
			1);
	}

	/**
	 * Creates the progress of a sub-step that covers {@code [from, to]} of this step's range;
	 * both bounds are fractions of this step, in [0, 1].
	 */
	public Progress subRange(double from, double to) {
		if (!(0 <= from && from <= to && to <= 1)) {
			throw new IllegalArgumentException("Sub-range [" + from + ", " + to +
				"] is not inside [0, 1].");
		}
		double width = end - start;
		return new Progress(listener, canceled, start + from * width, start + to * width);
	}

	/** Reports that this step is {@code fraction} (clamped to [0, 1]) done. */
	public void update(double fraction, String message) {
		double clamped = Math.max(0, Math.min(1, fraction));
		listener.update(start + clamped * (end - start), message);
	}

	/** Returns true once the user has asked to stop. */
	public boolean isCanceled() {
		return canceled.getAsBoolean();
	}

	/** Throws {@link CanceledException} if the user has asked to stop. */
	public void checkCanceled() {
		if (canceled.getAsBoolean()) {
			throw new CanceledException();
		}
	}
}
