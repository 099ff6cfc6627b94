package org.pumaseg.train;

/**
 * Training examples and their targets, NHWC row-major. Arrays of heads the network lacks may
 * be null.
 *
 * @param image RGB in [0, 1], {@code n * height * width * 3}
 * @param foreground 1 inside nuclei, 0 outside, {@code n * height * width}
 * @param distance horizontal then vertical distance per pixel, {@code n * height * width * 2}
 * @param nucleusClass class index per pixel (0 background), -1 where unknown
 * @param nucleusWeight loss weight per pixel for {@code nucleusClass}, 0 where unknown
 * @param tissueClass tissue class code per pixel (0 background), -1 where unknown
 * @param tissueWeight loss weight per pixel for {@code tissueClass}, 0 where unknown
 */
record Batch(int n, int height, int width, float[] image, float[] foreground,
	float[] distance, int[] nucleusClass, float[] nucleusWeight, int[] tissueClass,
	float[] tissueWeight)
{

	int pixels() {
		return n * height * width;
	}
}
