package org.pumaseg.model.tiling;

/**
 * Receives the output of a tiled prediction in blocks of finished rows. For each output the
 * blocks arrive top to bottom, each row exactly once. Blocks of
 * different outputs interleave.
 */
@FunctionalInterface
public interface OutputBlockConsumer {
	void accept(OutputBlock block);
}
