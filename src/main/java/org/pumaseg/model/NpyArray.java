package org.pumaseg.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * An n-dimensional array as stored in a NumPy {@code .npy} file: element type, shape and the
 * elements in C (row-major) order.
 * <p>
 * Model packages use such arrays as test tensors. Instances are immutable: factories copy the
 * given elements and accessors return copies or single elements. {@link Npy} reads and writes
 * them; a file in Fortran order is turned into C order on reading.
 */
public final class NpyArray {

	/** Element types PumaSeg reads and writes, named as in NumPy and in rdf.yaml. */
	public enum DType {
		FLOAT32("float32", 'f', 4),
		FLOAT64("float64", 'f', 8),
		UINT8("uint8", 'u', 1),
		INT32("int32", 'i', 4);

		private final String numpyName;
		private final char kind;
		private final int bytes;

		DType(String numpyName, char kind, int bytes) {
			this.numpyName = numpyName;
			this.kind = kind;
			this.bytes = bytes;
		}

		/** The NumPy name, e.g. {@code float32}. */
		public String numpyName() {
			return numpyName;
		}

		/** NumPy's kind character: {@code f}, {@code u} or {@code i}. */
		char kind() {
			return kind;
		}

		/** Bytes per element. */
		public int bytes() {
			return bytes;
		}
	}

	private final DType dtype;
	private final int[] shape;
	private final Object data;

	private NpyArray(DType dtype, int[] shape, Object data) {
		this.dtype = dtype;
		this.shape = shape;
		this.data = data;
	}

	public static NpyArray ofFloat32(float[] elements, int... shape) {
		checkLength(elements.length, shape);
		return new NpyArray(DType.FLOAT32, shape.clone(), elements.clone());
	}

	public static NpyArray ofFloat64(double[] elements, int... shape) {
		checkLength(elements.length, shape);
		return new NpyArray(DType.FLOAT64, shape.clone(), elements.clone());
	}

	/** Unsigned bytes: element {@code b} stands for {@code b & 0xff}. */
	public static NpyArray ofUint8(byte[] elements, int... shape) {
		checkLength(elements.length, shape);
		return new NpyArray(DType.UINT8, shape.clone(), elements.clone());
	}

	public static NpyArray ofInt32(int[] elements, int... shape) {
		checkLength(elements.length, shape);
		return new NpyArray(DType.INT32, shape.clone(), elements.clone());
	}

	/** Wraps an element array that the caller hands over (no copy); used by the reader. */
	static NpyArray wrap(DType dtype, int[] shape, Object elements) {
		return new NpyArray(dtype, shape, elements);
	}

	/**
	 * Number of elements of an array of this shape, or -1 when it exceeds what a Java array
	 * can hold.
	 */
	static long elementCount(int[] shape) {
		long count = 1;
		for (int dimension : shape) {
			if (dimension < 0) {
				throw new IllegalArgumentException("Negative dimension in shape " + shapeText(
					shape) + ".");
			}
			count *= dimension;
			if (count > Integer.MAX_VALUE - 8) {
				return -1;
			}
		}
		return count;
	}

	private static void checkLength(int length, int[] shape) {
		long count = elementCount(shape);
		if (count != length) {
			throw new IllegalArgumentException(length + " elements do not fill shape " +
				shapeText(shape) + ".");
		}
	}

	public DType dtype() {
		return dtype;
	}

	/** The shape, outermost dimension first. */
	public int[] shape() {
		return shape.clone();
	}

	public int rank() {
		return shape.length;
	}

	/** Number of elements. */
	public int size() {
		return (int) elementCount(shape);
	}

	/** Element {@code index} in C order as a double (uint8 as 0..255). */
	public double getDouble(int index) {
		switch (dtype) {
			case FLOAT32:
				return ((float[]) data)[index];
			case FLOAT64:
				return ((double[]) data)[index];
			case UINT8:
				return ((byte[]) data)[index] & 0xff;
			case INT32:
				return ((int[]) data)[index];
			default:
				throw new AssertionError(dtype);
		}
	}

	/** A copy of the elements as float32, C order; float64 and int32 values are rounded. */
	public float[] toFloatArray() {
		float[] copy = new float[size()];
		for (int i = 0; i < copy.length; i++) {
			copy[i] = (float) getDouble(i);
		}
		return copy;
	}

	/** A copy of the elements as float64, C order. */
	public double[] toDoubleArray() {
		double[] copy = new double[size()];
		for (int i = 0; i < copy.length; i++) {
			copy[i] = getDouble(i);
		}
		return copy;
	}

	/** The element array itself, for the writer; never handed out. */
	Object elements() {
		return data;
	}

	/** True when any element is NaN or infinite; integer arrays never are. */
	public boolean hasNonFinite() {
		if (dtype != DType.FLOAT32 && dtype != DType.FLOAT64) {
			return false;
		}
		for (int i = 0; i < size(); i++) {
			if (!Double.isFinite(getDouble(i))) {
				return true;
			}
		}
		return false;
	}

	static String shapeText(int[] shape) {
		if (shape.length == 1) {
			return "(" + shape[0] + ",)";
		}
		StringBuilder text = new StringBuilder("(");
		for (int i = 0; i < shape.length; i++) {
			text.append(i == 0 ? "" : ", ").append(shape[i]);
		}
		return text.append(')').toString();
	}

	@Override
	public boolean equals(Object other) {
		if (!(other instanceof NpyArray)) {
			return false;
		}
		NpyArray that = (NpyArray) other;
		return dtype == that.dtype && Arrays.equals(shape, that.shape) && Objects.deepEquals(
			data, that.data);
	}

	@Override
	public int hashCode() {
		return Objects.hash(dtype, Arrays.hashCode(shape), Arrays.deepHashCode(new Object[] {
			data }));
	}

	@Override
	public String toString() {
		return String.format(Locale.ROOT, "%s array of shape %s", dtype.numpyName(), shapeText(
			shape));
	}
}
