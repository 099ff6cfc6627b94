package org.pumaseg.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.pumaseg.InvalidInputException;

/**
 * Checks that the test tensors of a package fit the description: readable .npy files, one
 * dimension per axis, sizes that follow the axis sizes (fixed, {@code min + n * step}, or the
 * referenced axis), one batch size across tensors, element types that match, and no NaN or
 * infinite values (an output with NaN cannot verify anything).
 */
final class TestTensorCheck {

	private final ModelDescription model;
	private final Path root;
	private final PackageErrors errors;
	private final Map<String, int[]> shapes = new HashMap<>();

	TestTensorCheck(ModelDescription model, Path root, PackageErrors errors) {
		this.model = model;
		this.root = root;
		this.errors = errors;
	}

	void check() {
		List<TensorDescription> tensors = new ArrayList<>(model.inputs());
		tensors.addAll(model.outputs());
		for (TensorDescription tensor : tensors) {
			checkOwnSizes(tensor, read(tensor));
		}
		for (TensorDescription tensor : tensors) {
			checkReferences(tensor);
		}
		checkBatchSizes(tensors);
	}

	private NpyArray read(TensorDescription tensor) {
		String source = tensor.testTensor().source();
		NpyArray array;
		try {
			array = Npy.read(root.resolve(source));
		}
		catch (InvalidInputException e) {
			throw errors.inPackage(e);
		}

		DataType type = tensor.dataType();
		boolean typeMatches = type.isFloat() || array.dtype().numpyName().equals(type
			.yamlName());
		if (!typeMatches) {
			throw errors.file(source, "contains " + array.dtype().numpyName() + " values, but " +
				tensorName(tensor) + " is described as " + type.yamlName(), "save the test " +
					"tensor as " + type.yamlName() + " or correct data.type.");
		}
		if (array.hasNonFinite()) {
			throw errors.file(source, "contains NaN or infinite values", "save a test tensor " +
				"computed from a real image; a model that outputs NaN needs fixing first.");
		}
		if (array.rank() != tensor.axes().size()) {
			throw errors.file(source, "has " + array.rank() + " dimensions " + NpyArray
				.shapeText(array.shape()) + ", but " + tensorName(tensor) + " has " + tensor
					.axes().size() + " axes " + axisIds(tensor), "save the test tensor with one " +
						"dimension per axis, in the order of the axes.");
		}
		shapes.put(tensor.id(), array.shape());
		return array;
	}

	private void checkOwnSizes(TensorDescription tensor, NpyArray array) {
		int[] shape = array.shape();
		for (int a = 0; a < shape.length; a++) {
			Axis axis = tensor.axes().get(a);
			int size = shape[a];
			String expected = null;
			if (axis instanceof Axis.Batch) {
				if (((Axis.Batch) axis).sizeFixedToOne() && size != 1) {
					expected = "1";
				}
			}
			else if (axis instanceof Axis.Channel) {
				int channels = ((Axis.Channel) axis).size();
				if (size != channels) {
					expected = channels + " (one per channel name)";
				}
			}
			else {
				AxisSize axisSize = ((Axis.Space) axis).size();
				if (axisSize instanceof AxisSize.Fixed && size != ((AxisSize.Fixed) axisSize)
					.size())
				{
					expected = String.valueOf(((AxisSize.Fixed) axisSize).size());
				}
				if (axisSize instanceof AxisSize.Parameterized && !((AxisSize.Parameterized) axisSize)
					.isValid(size))
				{
					AxisSize.Parameterized series = (AxisSize.Parameterized) axisSize;
					expected = series.min() + " + n * " + series.step() + " (e.g. " + series.atLeast(
						size) + ")";
				}
			}
			if (expected != null) {
				throw sizeError(tensor, a, size, expected);
			}
		}
	}

	private void checkReferences(TensorDescription tensor) {
		int[] shape = shapes.get(tensor.id());
		for (int a = 0; a < shape.length; a++) {
			Axis axis = tensor.axes().get(a);
			if (!(axis instanceof Axis.Space) || !(((Axis.Space) axis)
				.size() instanceof AxisSize.Reference))
			{
				continue;
			}
			Axis.Space space = (Axis.Space) axis;
			AxisSize.Reference reference = (AxisSize.Reference) space.size();
			TensorDescription target = model.tensor(reference.tensorId()).get();
			int targetIndex = target.axes().indexOf(target.axis(reference.axisId()).get());
			Axis.Space targetAxis = (Axis.Space) target.axes().get(targetIndex);
			int targetSize = shapes.get(target.id())[targetIndex];

			double expected = targetSize * targetAxis.scale() / space.scale() + reference
				.offset();
			if (Math.abs(shape[a] - expected) > 1e-9) {
				throw sizeError(tensor, a, shape[a], formatSize(expected) + " (axis '" + target
					.id() + "." + targetAxis.id() + "' of " + targetSize + " px" + (reference
						.offset() == 0 ? "" : ", offset " + reference.offset()) + ")");
			}
		}
	}

	private void checkBatchSizes(List<TensorDescription> tensors) {
		int batch = 1;
		String batchTensor = null;
		for (TensorDescription tensor : tensors) {
			int index = tensor.axes().indexOf(tensor.axis(Axis.Batch.ID).orElse(null));
			if (index < 0) {
				continue;
			}
			int size = shapes.get(tensor.id())[index];
			if (size == 1 || size == batch) {
				continue;
			}
			if (batchTensor != null) {
				throw errors.file(tensor.testTensor().source(), "has a batch of " + size +
					", but the test tensor of '" + batchTensor + "' has a batch of " + batch,
					"save all test tensors with the same batch size.");
			}
			batch = size;
			batchTensor = tensor.id();
		}
	}

	private InvalidInputException sizeError(TensorDescription tensor, int axisIndex, int size,
		String expected)
	{
		Axis axis = tensor.axes().get(axisIndex);
		return errors.file(tensor.testTensor().source(), "has shape " + NpyArray.shapeText(
			shapes.getOrDefault(tensor.id(), new int[0])) + " whose axis '" + axis.id() +
			"' is " + size + ", but " + tensorName(tensor) + " needs " + expected,
			"save a test tensor of a valid shape, or correct the axis size in rdf.yaml.");
	}

	private String tensorName(TensorDescription tensor) {
		return (tensor instanceof InputTensor ? "input '" : "output '") + tensor.id() + "'";
	}

	private static String axisIds(TensorDescription tensor) {
		List<String> ids = new ArrayList<>();
		tensor.axes().forEach(axis -> ids.add(axis.id()));
		return "(" + String.join(", ", ids) + ")";
	}

	private static String formatSize(double size) {
		return size == Math.rint(size) ? String.valueOf((long) size) : String.valueOf(size);
	}
}
