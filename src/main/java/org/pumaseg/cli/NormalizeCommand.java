package org.pumaseg.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.pumaseg.InvalidInputException;
import org.pumaseg.OutputFiles;
import org.pumaseg.Progress;
import org.pumaseg.image.ImageFileReader;
import org.pumaseg.image.ImageFileWriter;
import org.pumaseg.image.RgbImage;
import org.pumaseg.preprocess.PreprocessOp;
import org.pumaseg.preprocess.StageImage;
import org.pumaseg.preprocess.StainNormalizationMethod;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pumaseg normalize}: stain normalisation of one image. */
@Command(name = "normalize", mixinStandardHelpOptions = true,
	description = "Normalise the H&E stain colours of an image (Macenko or Reinhard) and " +
		"write the result as an RGB TIFF or PNG.")
final class NormalizeCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "IN", description = "Input image (TIFF, PNG or JPEG).")
	Path input;

	@Option(names = "--method", required = true, paramLabel = "METHOD",
		description = "Normalisation method: macenko or reinhard.")
	String method;

	@Option(names = "--reference", paramLabel = "IMG",
		description = "Reference image whose stains the result takes. Default: the built-in " +
			"reference of the method.")
	Path reference;

	@Option(names = "--out", required = true, paramLabel = "OUT",
		description = "Output image; its extension (.tif, .tiff or .png) sets the format.")
	Path output;

	@Option(names = "--overwrite", description = "Replace OUT if it exists (never the input).")
	boolean overwrite;

	private RgbImage readReference(ImageFileReader reader) {
		try {
			return reader.read(reference);
		}
		catch (InvalidInputException e) {
			throw new InvalidInputException("Reference image: " + e.getMessage(), e);
		}
	}

	/** Fits the normaliser, naming the reference image when it is what cannot be used. */
	private PreprocessOp createNormalizer(StainNormalizationMethod normalization,
		RgbImage referenceImage, Progress progress)
	{
		try {
			return normalization.createNormalizer(referenceImage, progress);
		}
		catch (InvalidInputException e) {
			if (referenceImage == null) {
				throw e;
			}
			throw new InvalidInputException("Reference image " + reference + ": " + e.getMessage() +
				" Give another --reference, or none for the built-in reference.", e);
		}
	}

	@Override
	public Integer call() throws Exception {
		StainNormalizationMethod normalization = StainNormalizationMethod.fromName(method);
		List<Path> inputs = new ArrayList<>(List.of(input));
		if (reference != null) {
			inputs.add(reference);
		}
		ImageFileWriter.extensionOf(output);
		// A missing output folder is created only once the result is ready, so a failed run
		// leaves nothing behind.
		Path folder = output.toAbsolutePath().normalize().getParent();
		boolean folderMissing = folder != null && !Files.exists(folder);
		if (folderMissing) {
			OutputFiles.checkFolderTarget(folder);
		}
		else {
			OutputFiles.checkTarget(output, overwrite, inputs);
		}

		ImageFileReader reader = new ImageFileReader();
		RgbImage image = reader.read(input);
		RgbImage referenceImage = reference == null ? null : readReference(reader);
		Progress progress = new ConsoleProgress("normalize").progress();
		PreprocessOp normalizer = createNormalizer(normalization, referenceImage, progress
			.subRange(0, 0.45));
		RgbImage normalized = normalizer.apply(StageImage.of(image), progress.subRange(0.45, 0.9))
			.rgb();
		progress.update(0.9, "Writing " + output.getFileName());
		if (folderMissing) {
			OutputFiles.createFolder(folder);
		}
		ImageFileWriter.write(normalized, output, overwrite);
		progress.update(1, "Done");

		System.out.println("Wrote " + output + " (" + normalization.id() + ", reference: " +
			(reference == null ? "built-in" : reference) + ").");
		return 0;
	}
}
