package org.pumaseg.preprocess;

import java.util.Map;

import org.pumaseg.Progress;

/**
 * One step of a {@link PreprocessingChain}.
 * <p>
 * A step is fully described by its {@link #name()} and {@link #parameters()}: giving both to
 * {@link PreprocessOps#create(String, Map)} makes an equal step. Parameters hold only JSON and
 * YAML friendly values (numbers, booleans, strings, lists of them), with every default written
 * out, so a model package that stores them keeps its preprocessing even if a default changes.
 */
public interface PreprocessOp {

	/** The step's snake_case name, e.g. {@code macenko}. */
	String name();

	/** Every parameter of this step, defaults included, in a fixed order. */
	Map<String, Object> parameters();

	/** True if this step can take images of {@code kind}. */
	boolean accepts(StageImage.Kind kind);

	/** What this step gives for an input of {@code kind} (which it {@link #accepts}). */
	StageImage.Kind outputKind(StageImage.Kind kind);

	/**
	 * Runs this step. The input is never modified.
	 *
	 * @throws org.pumaseg.InvalidInputException if the image does not suit the step (e.g. a
	 *           blank image for stain estimation, a missing pixel size for resampling)
	 * @throws org.pumaseg.CanceledException if {@code progress} is canceled
	 */
	StageImage apply(StageImage input, Progress progress);
}
