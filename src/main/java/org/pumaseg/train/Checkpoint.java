package org.pumaseg.train;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.pumaseg.InvalidInputException;
import org.pumaseg.OutputFiles;

/**
 * Training state after an epoch: parameters, Adam moments, step and epoch counters, the best
 * parameters so far with their validation scores, and the per-epoch log. Stored as one binary file
 * ({@value #FILE_NAME}, big-endian, written atomically) so that a run can resume exactly
 * where it stopped. {@code bestLoss} is the cost of the best epoch's selection criterion
 * ({@link ValidationScores.Criterion#cost()}: the loss, or minus an F1 or Dice).
 */
record Checkpoint(NetworkConfig network, long seed, long step, int epoch,
	double bestLoss, int bestEpoch, int epochsWithoutImprovement, long elapsedNanos,
	float[][] parameters, float[][] firstMoments, float[][] secondMoments,
	float[][] bestParameters, List<String> history, ValidationScores bestValidation)
{

	static final String FILE_NAME = "checkpoint.bin";
	private static final String MAGIC = "PumaSeg training checkpoint";
	// Version 2: bestLoss is the cost of the selection criterion (ValidationScores.Criterion),
	// which may be minus an F1 or Dice. The best epoch's validation scores follow the history.
	private static final int VERSION = 2;

	void write(Path directory) throws IOException {
		Files.createDirectories(directory);
		OutputFiles.writeAtomically(directory.resolve(FILE_NAME), file -> {
			try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files
				.newOutputStream(file))))
			{
				out.writeUTF(MAGIC);
				out.writeInt(VERSION);
				out.writeInt(network.depth());
				out.writeInt(network.baseFilters());
				out.writeBoolean(network.nucleiMaps());
				out.writeInt(network.nucleusClasses());
				out.writeInt(network.tissueClasses());
				out.writeLong(seed);
				out.writeLong(step);
				out.writeInt(epoch);
				out.writeDouble(bestLoss);
				out.writeInt(bestEpoch);
				out.writeInt(epochsWithoutImprovement);
				out.writeLong(elapsedNanos);
				for (float[][] arrays : List.of(parameters, firstMoments, secondMoments,
					bestParameters))
				{
					writeArrays(out, arrays);
				}
				out.writeInt(history.size());
				for (String line : history) {
					out.writeUTF(line);
				}
				writeScores(out, bestValidation);
			}
		});
	}

	private static void writeScores(DataOutputStream out, ValidationScores scores)
		throws IOException
	{
		out.writeBoolean(scores != null);
		if (scores == null) {
			return;
		}
		out.writeDouble(scores.loss().total());
		writeMap(out, scores.loss().terms());
		writeMap(out, scores.scores());
	}

	private static void writeMap(DataOutputStream out, Map<String, Double> values)
		throws IOException
	{
		out.writeInt(values.size());
		for (Map.Entry<String, Double> entry : values.entrySet()) {
			out.writeUTF(entry.getKey());
			out.writeDouble(entry.getValue());
		}
	}

	private static ValidationScores readScores(DataInputStream in) throws IOException {
		if (!in.readBoolean()) {
			return null;
		}
		double total = in.readDouble();
		Map<String, Double> terms = readMap(in);
		return new ValidationScores(new LossValues(total, terms), readMap(in));
	}

	private static Map<String, Double> readMap(DataInputStream in) throws IOException {
		int count = in.readInt();
		if (count < 0 || count > 1000) {
			throw new IOException("invalid score count " + count);
		}
		Map<String, Double> values = new LinkedHashMap<>();
		for (int i = 0; i < count; i++) {
			values.put(in.readUTF(), in.readDouble());
		}
		return values;
	}

	private static void writeArrays(DataOutputStream out, float[][] arrays) throws IOException {
		out.writeInt(arrays.length);
		for (float[] array : arrays) {
			out.writeInt(array.length);
			for (float value : array) {
				out.writeFloat(value);
			}
		}
	}

	/** Reads the checkpoint in {@code directory}; a missing or foreign file is bad input. */
	static Checkpoint read(Path directory) {
		Path file = directory.resolve(FILE_NAME);
		if (!Files.isRegularFile(file)) {
			throw new InvalidInputException("No checkpoint to resume from: " + file +
				" not found. Train without resuming first, or give the checkpoint folder of " +
				"an earlier run.");
		}
		try (InputStream stream = Files.newInputStream(file);
			DataInputStream in = new DataInputStream(new BufferedInputStream(stream)))
		{
			if (!MAGIC.equals(in.readUTF()) || in.readInt() != VERSION) {
				throw new InvalidInputException(file + " is not a PumaSeg training checkpoint " +
					"of version " + VERSION + ". Start the training without resuming.");
			}
			NetworkConfig network = new NetworkConfig(in.readInt(), in.readInt(), in.readBoolean(),
				in.readInt(), in.readInt());
			long seed = in.readLong();
			long step = in.readLong();
			int epoch = in.readInt();
			double bestLoss = in.readDouble();
			int bestEpoch = in.readInt();
			int epochsWithoutImprovement = in.readInt();
			long elapsedNanos = in.readLong();
			float[][] parameters = readArrays(in);
			float[][] firstMoments = readArrays(in);
			float[][] secondMoments = readArrays(in);
			float[][] bestParameters = readArrays(in);
			int lines = in.readInt();
			List<String> history = new ArrayList<>();
			for (int i = 0; i < lines; i++) {
				history.add(in.readUTF());
			}
			ValidationScores bestValidation = readScores(in);
			return new Checkpoint(network, seed, step, epoch, bestLoss, bestEpoch,
				epochsWithoutImprovement, elapsedNanos, parameters, firstMoments, secondMoments,
				bestParameters, history, bestValidation);
		}
		catch (IOException | IllegalArgumentException e) {
			throw new InvalidInputException("Cannot read the checkpoint " + file + " (" + e
				.getMessage() + "). Start the training without resuming.", e);
		}
	}

	private static float[][] readArrays(DataInputStream in) throws IOException {
		int count = in.readInt();
		if (count < 0 || count > 10_000) {
			throw new IOException("invalid array count " + count);
		}
		float[][] arrays = new float[count][];
		for (int i = 0; i < count; i++) {
			int length = in.readInt();
			if (length < 0 || length > 1 << 28) {
				throw new IOException("invalid array length " + length);
			}
			arrays[i] = new float[length];
			for (int j = 0; j < length; j++) {
				arrays[i][j] = in.readFloat();
			}
		}
		return arrays;
	}
}
