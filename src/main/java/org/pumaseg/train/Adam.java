package org.pumaseg.train;

/**
 * The Adam optimiser (Kingma &amp; Ba, ICLR 2015) on Java arrays, with the bias-corrected step
 * size of the paper and TensorFlow's defaults (beta1 0.9, beta2 0.999, epsilon 1e-7). Its
 * state is plain arrays so that checkpoints can store and restore it exactly.
 */
final class Adam {

	static final double BETA1 = 0.9;
	static final double BETA2 = 0.999;
	static final double EPSILON = 1e-7;

	private final double learningRate;
	private final float[][] firstMoments;
	private final float[][] secondMoments;
	private long steps;

	Adam(double learningRate, float[][] parameters) {
		this.learningRate = learningRate;
		this.firstMoments = zerosLike(parameters);
		this.secondMoments = zerosLike(parameters);
	}

	/** Applies one update of {@code parameters} with {@code gradients}, in place. */
	void update(float[][] parameters, float[][] gradients) {
		steps++;
		double correction1 = 1 - Math.pow(BETA1, steps);
		double correction2 = 1 - Math.pow(BETA2, steps);
		double stepSize = learningRate * Math.sqrt(correction2) / correction1;
		for (int p = 0; p < parameters.length; p++) {
			float[] values = parameters[p];
			float[] gradient = gradients[p];
			float[] m = firstMoments[p];
			float[] v = secondMoments[p];
			for (int i = 0; i < values.length; i++) {
				double g = gradient[i];
				m[i] = (float) (BETA1 * m[i] + (1 - BETA1) * g);
				v[i] = (float) (BETA2 * v[i] + (1 - BETA2) * g * g);
				values[i] -= (float) (stepSize * m[i] / (Math.sqrt(v[i]) + EPSILON));
			}
		}
	}

	long steps() {
		return steps;
	}

	float[][] firstMoments() {
		return firstMoments;
	}

	float[][] secondMoments() {
		return secondMoments;
	}

	/** Restores the state saved in a checkpoint. */
	void restore(long savedSteps, float[][] savedFirst, float[][] savedSecond) {
		this.steps = savedSteps;
		for (int p = 0; p < firstMoments.length; p++) {
			System.arraycopy(savedFirst[p], 0, firstMoments[p], 0, firstMoments[p].length);
			System.arraycopy(savedSecond[p], 0, secondMoments[p], 0, secondMoments[p].length);
		}
	}

	static float[][] zerosLike(float[][] arrays) {
		float[][] zeros = new float[arrays.length][];
		for (int i = 0; i < arrays.length; i++) {
			zeros[i] = new float[arrays[i].length];
		}
		return zeros;
	}
}
