package org.pumaseg.train;

import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/** Copies between Java float arrays and TensorFlow float tensors (row-major, NHWC). */
final class Tensors {

	private Tensors() {}

	static TFloat32 of(float[] values, long... shape) {
		return TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(values, true, false));
	}

	static float[] read(Tensor tensor) {
		TFloat32 floats = (TFloat32) tensor;
		float[] values = new float[(int) floats.size()];
		floats.read(DataBuffers.of(values, false, false));
		return values;
	}

	static float scalar(Tensor tensor) {
		return ((TFloat32) tensor).getFloat();
	}
}
