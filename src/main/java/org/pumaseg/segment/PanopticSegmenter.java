package org.pumaseg.segment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.pumaseg.InvalidInputException;
import org.pumaseg.Progress;
import org.pumaseg.PumaSegVersion;
import org.pumaseg.annotation.TissueMask;
import org.pumaseg.image.FloatImage;
import org.pumaseg.image.MemorySizes;
import org.pumaseg.image.PixelSize;
import org.pumaseg.image.RgbImage;
import org.pumaseg.label.LabelImage;
import org.pumaseg.model.ClassSet;
import org.pumaseg.model.LoadedModel;
import org.pumaseg.model.ModelPackage;
import org.pumaseg.model.OutputMeaning;
import org.pumaseg.model.OutputRole;
import org.pumaseg.model.PumaClassNames;
import org.pumaseg.model.PumaSegConfig;
import org.pumaseg.model.tiling.TiledPredictor;
import org.pumaseg.nuclei.DecodedNuclei;
import org.pumaseg.nuclei.NucleiDecoder;
import org.pumaseg.nuclei.NucleiMaps;
import org.pumaseg.preprocess.PreprocessingChain;
import org.pumaseg.result.PanopticAssembler;
import org.pumaseg.result.PanopticResult;
import org.pumaseg.tissue.TissueDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The panoptic segmentation pipeline: tiled prediction with a nuclei model and a tissue model
 * (either may be missing), decoding of nucleus instances and tissue classes, and assembly into
 * one {@link PanopticResult} on the input image's pixel grid.
 * <p>
 * Models load once, in the constructor, so one segmenter serves a whole batch. A segmenter
 * runs one image at a time; {@link #newWorker} gives another thread its own segmenter on the
 * same loaded models. An uncalibrated image is taken to have the nuclei model's pixel size (the
 * result records that the size was assumed).
 */
public final class PanopticSegmenter implements AutoCloseable {

	/** Durations of the steps for one image, in seconds. */
	public record Timings(double predictNuclei, double decodeNuclei, double predictTissue,
		double decodeTissue, double total) {}

	/** The result of one image and its timings. */
	public record Segmentation(PanopticResult result, Timings timings) {}

	private static final Logger LOG = LoggerFactory.getLogger(PanopticSegmenter.class);

	/**
	 * Estimated heap per pixel of one segmentation with both models: the image, the model
	 * outputs and the decoding buffers. Measured once with the default models on a 1024 x 1024
	 * PUMA ROI through {@code pumaseg segment}: it ran with -Xmx160m and ran out of memory with
	 * -Xmx128m, so the need was between 122 and 153 bytes per pixel.
	 */
	public static final long ESTIMATED_BYTES_PER_PIXEL = 150;

	/** Advice that ends the warning about an uncalibrated image in {@link #segment}. */
	public static final String CALIBRATION_ADVICE = "Set the image calibration for physical " +
		"units you can trust.";

	/**
	 * Bytes per pixel below the measured need, so an image is rejected before segmentation only
	 * when it would surely run out of memory. The measurement above includes the fixed heap of
	 * the JVM and the models, so the need per pixel of larger images may be lower.
	 */
	private static final long MIN_BYTES_PER_PIXEL = 100;

	/**
	 * Provenance key of the tile size that ran for the nuclei model, or for the tissue model
	 * when no nuclei model ran.
	 */
	static final String NUCLEI_TILE_KEY = "tile_size_px";
	/** Provenance key of the tissue model's tile size, when it differs from the nuclei model's. */
	static final String TISSUE_TILE_KEY = "tissue_tile_size_px";

	private final SegmentationOptions options;
	private final LoadedModel nucleiModel;
	private final LoadedModel tissueModel;
	private final Map<String, Object> provenance = new LinkedHashMap<>();

	/**
	 * Loads the models; either package may be null, not both.
	 *
	 * @throws InvalidInputException for a broken package or one that predicts the wrong thing
	 */
	public PanopticSegmenter(Path nucleiPackage, Path tissuePackage, SegmentationOptions options) {
		if (nucleiPackage == null && tissuePackage == null) {
			throw new InvalidInputException("No model given: give a nuclei model, a tissue " +
				"model, or both.");
		}
		this.options = options;
		LoadedModel nuclei = null;
		LoadedModel tissue = null;
		try {
			if (nucleiPackage != null) {
				nuclei = load(nucleiPackage, true);
				provenance.put("nuclei_model", nuclei.description().name());
				provenance.put("nuclei_model_package", nucleiPackage.toAbsolutePath().toString());
			}
			if (tissuePackage != null) {
				tissue = load(tissuePackage, false);
				provenance.put("tissue_model", tissue.description().name());
				provenance.put("tissue_model_package", tissuePackage.toAbsolutePath().toString());
			}
		}
		catch (RuntimeException e) {
			closeQuietly(nuclei);
			closeQuietly(tissue);
			throw e;
		}
		this.nucleiModel = nuclei;
		this.tissueModel = tissue;
		checkTileSizes();
		provenance.put("pumaseg_version", PumaSegVersion.get());
	}

	/**
	 * Checks the requested tile size against each model once, before any image, and logs the
	 * tile size each model runs when it differs from the requested one.
	 *
	 * @throws InvalidInputException when a model needs larger tiles, after closing the models
	 */
	private void checkTileSizes() {
		int requested = options.tiling().tileSize();
		try {
			Integer nucleiTile = nucleiModel == null ? null : TiledPredictor.tileSize(nucleiModel,
				requested);
			Integer tissueTile = tissueModel == null ? null : TiledPredictor.tileSize(tissueModel,
				requested);
			int main = nucleiTile != null ? nucleiTile : tissueTile;
			if (main != requested || (tissueTile != null && tissueTile != requested)) {
				LOG.info("Requested tiles of {} px; the models run tiles of {} px{}.", requested,
					main, tissueTile != null && tissueTile != main ? " (nuclei) and " + tissueTile +
						" px (tissue)" : "");
			}
		}
		catch (RuntimeException e) {
			close();
			throw e;
		}
	}

	private PanopticSegmenter(PanopticSegmenter shared) {
		this.options = shared.options;
		this.nucleiModel = shared.nucleiModel == null ? null : shared.nucleiModel.newWorker();
		this.tissueModel = shared.tissueModel == null ? null : shared.tissueModel.newWorker();
		this.provenance.putAll(shared.provenance);
	}

	/**
	 * Returns a segmenter for one more thread: it shares this segmenter's loaded models (one
	 * copy of the weights) through predictors of its own. Close it before this segmenter.
	 */
	public PanopticSegmenter newWorker() {
		return new PanopticSegmenter(this);
	}

	private LoadedModel load(Path packagePath, boolean nuclei) {
		LoadedModel model = LoadedModel.load(ModelPackage.open(packagePath), options.threads(),
			options.engine());
		PumaSegConfig config = model.description().pumaseg();
		if (nuclei && !config.predictsNuclei()) {
			model.close();
			throw new InvalidInputException("The model package " + packagePath + " ('" + model
				.description().name() + "') predicts no nuclei. Give a nuclei model package.");
		}
		if (!nuclei && !config.predictsTissue()) {
			model.close();
			throw new InvalidInputException("The model package " + packagePath + " ('" + model
				.description().name() + "') predicts no tissue classes. Give a tissue model " +
				"package.");
		}
		// A package whose weights, preprocessing or rdf.yaml were edited after export gives
		// other outputs on its own test input; it must not segment silently.
		long start = System.nanoTime();
		try {
			model.verify();
		}
		catch (InvalidInputException e) {
			model.close();
			throw new InvalidInputException("The model package " + packagePath + " ('" + model
				.description().name() + "') fails its own test: " + e.getMessage() + " Its " +
				"weights, preprocessing or rdf.yaml differ from what it was exported with; " +
				"install the package again from its source.", e);
		}
		LOG.info("Model '{}' reproduced its test outputs ({} ms).", model.description().name(),
			(System.nanoTime() - start) / 1_000_000);
		return model;
	}

	/**
	 * Returns the nucleus classes of the nuclei model, in its channel order and without
	 * background. The list is empty when the model predicts no classes or there is no nuclei
	 * model.
	 */
	public List<String> nucleusClasses() {
		if (nucleiModel == null) {
			return List.of();
		}
		ClassSet classes = nucleiModel.description().pumaseg().nucleusClasses();
		return classes == null ? List.of() : PumaClassNames.withoutBackground(classes.names());
	}

	/** Segments {@code image}; progress covers prediction and decoding of both models. */
	public Segmentation segment(RgbImage image, Progress progress) {
		long start = System.nanoTime();
		RgbImage input = withPixelSize(image, CALIBRATION_ADVICE);
		PixelSize pixelSize = input.pixelSize();
		checkMemory(input);
		// Share of the progress range for the nuclei model; the tissue model takes the rest.
		double nucleiShare = 0.7;
		if (nucleiModel == null) {
			nucleiShare = 0;
		}
		else if (tissueModel == null) {
			nucleiShare = 1;
		}

		// Tile sizes are recorded per image, because an image smaller than a tile runs smaller
		// tiles than the models' tile size.
		Map<String, Object> runProvenance = new LinkedHashMap<>(provenance);
		DecodedNuclei nuclei = null;
		double predictNuclei = 0;
		double decodeNuclei = 0;
		boolean singleColour = isSingleColour(input);
		if (nucleiModel != null && singleColour) {
			// A flat image is far from any training tile, so a model may call all of it one
			// nucleus (a small test model did so on black). No structure means no nuclei.
			LOG.warn("'{}' is a single colour (#{}), so it has no nuclei; the nuclei model was " +
				"not run.", input.name(), String.format("%06x", input.packedRgb()[0] & 0xffffff));
		}
		else if (nucleiModel != null) {
			Progress nucleiProgress = progress.subRange(0, nucleiShare);
			long t0 = System.nanoTime();
			Map<String, FloatImage> outputs = predict(nucleiModel, input, nucleiProgress.subRange(
				0, 0.8), runProvenance, NUCLEI_TILE_KEY);
			long t1 = System.nanoTime();
			NucleiMaps maps = NucleiMaps.fromModelOutputs(nucleiModel.description().pumaseg(),
				outputs);
			nuclei = NucleiDecoder.decode(maps, options.nuclei(), nucleiProgress.subRange(0.8, 1));
			predictNuclei = seconds(t1 - t0);
			decodeNuclei = seconds(System.nanoTime() - t1);
		}

		TissueMask tissue = null;
		double predictTissue = 0;
		double decodeTissue = 0;
		if (tissueModel != null) {
			Progress tissueProgress = progress.subRange(nucleiShare, 1);
			long t0 = System.nanoTime();
			Map<String, FloatImage> outputs = predict(tissueModel, input, tissueProgress.subRange(
				0, 0.9), runProvenance, runProvenance.containsKey(NUCLEI_TILE_KEY)
					? TISSUE_TILE_KEY : NUCLEI_TILE_KEY);
			long t1 = System.nanoTime();
			tissue = decodeTissue(outputs, input, pixelSize);
			tissueProgress.update(1, "Tissue decoded");
			predictTissue = seconds(t1 - t0);
			decodeTissue = seconds(System.nanoTime() - t1);
		}

		if (nuclei == null) {
			nuclei = new DecodedNuclei(LabelImage.create(input.width(), input.height()), List.of(),
				nucleusClasses(), pixelSize);
		}
		if (Objects.equals(runProvenance.get(NUCLEI_TILE_KEY), runProvenance.get(
			TISSUE_TILE_KEY)))
		{
			runProvenance.remove(TISSUE_TILE_KEY);
		}
		runProvenance.put("pixel_size_um", pixelSize.umPerPixel());
		runProvenance.put("pixel_size_origin", pixelSize.origin());
		PanopticResult result = PanopticAssembler.assemble(input.name(), nuclei, tissue,
			runProvenance);
		Timings timings = new Timings(predictNuclei, decodeNuclei, predictTissue, decodeTissue,
			seconds(System.nanoTime() - start));
		LOG.info("Segmented '{}' ({} x {} px at {} µm/px): {} nuclei{} in {} s.", input.name(),
			input.width(), input.height(), String.format(Locale.ROOT, "%.3f", pixelSize
				.umPerPixel()), result.nuclei().size(), tissue == null ? "" : " and tissue", String
					.format(Locale.ROOT, "%.1f", timings.total()));
		return new Segmentation(result, timings);
	}

	/**
	 * Estimates the heap that segmenting {@code image} takes, from
	 * {@link #ESTIMATED_BYTES_PER_PIXEL} at the larger of the image's pixel count and its pixel
	 * count after resampling to the model's pixel size.
	 */
	public long estimatedMemoryBytes(RgbImage image) {
		return ESTIMATED_BYTES_PER_PIXEL * segmentedPixels(image);
	}

	private long segmentedPixels(RgbImage image) {
		long pixels = (long) image.width() * image.height();
		LoadedModel reference = nucleiModel != null ? nucleiModel : tissueModel;
		double modelUm = reference.description().pumaseg().pixelSizeUm();
		double umPerPixel = image.pixelSize().umPerPixel();
		if (!image.pixelSize().isKnown() || umPerPixel <= modelUm) {
			return pixels;
		}
		double scale = umPerPixel / modelUm;
		return Math.round(pixels * scale * scale);
	}

	private void checkMemory(RgbImage image) {
		checkMemory(image, Runtime.getRuntime().maxMemory());
	}

	/** Rejects an image whose segmentation would surely not fit into {@code heapBytes}. */
	void checkMemory(RgbImage image, long heapBytes) {
		if (MIN_BYTES_PER_PIXEL * segmentedPixels(image) > heapBytes) {
			throw new InvalidInputException(memoryMessage(image, "needs"));
		}
	}

	/**
	 * Describes the memory that segmenting {@code image} takes and how to get it; {@code verb}
	 * joins the image and the estimate ("needs", "ran out of memory; it needs").
	 */
	public String memoryMessage(RgbImage image, String verb) {
		return "Segmenting '" + image.name() + "' (" + image.width() + " x " + image.height() +
			" px) " + verb + " about " + MemorySizes.format(estimatedMemoryBytes(image)) +
			" of Java heap (an estimate), and the heap is " + MemorySizes.format(Runtime
				.getRuntime().maxMemory()) + ". Give Java more memory (command line: JAVA_OPTS=-Xmx" + suggestedHeap(image) +
			"; Fiji: Edit > Options > Memory & Threads), or crop the image into smaller regions.";
	}

	/** Returns an -Xmx value with room for the estimate and the JVM itself, in whole GB. */
	private String suggestedHeap(RgbImage image) {
		long gigabytes = (long) Math.ceil((estimatedMemoryBytes(image) * 1.5 + (256L << 20)) /
			(double) (1L << 30));
		return gigabytes + "g";
	}

	/** Returns true when every pixel has the same colour (alpha ignored). */
	private static boolean isSingleColour(RgbImage image) {
		int[] pixels = image.packedRgb();
		int first = pixels[0] & 0xffffff;
		for (int pixel : pixels) {
			if ((pixel & 0xffffff) != first) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Returns {@code image} if its pixel size is known, else {@code image} with the nuclei
	 * model's pixel size (the tissue model's without a nuclei model) marked as assumed, after a
	 * warning that ends with {@code calibrationAdvice}.
	 */
	public RgbImage withPixelSize(RgbImage image, String calibrationAdvice) {
		if (image.pixelSize().isKnown()) {
			return image;
		}
		LoadedModel reference = nucleiModel != null ? nucleiModel : tissueModel;
		double modelUm = reference.description().pumaseg().pixelSizeUm();
		LOG.warn("'{}' is uncalibrated ({}); assuming the model's pixel size, {} µm/px. {}",
			image.name(), image.pixelSize().origin(), modelUm, calibrationAdvice);
		return image.withPixelSize(image.pixelSize().orAssume(modelUm, "pixel size of model '" +
			reference.description().name() + "'"));
	}

	/**
	 * Predicts with one model: the image is resampled to the model's pixel size, then the
	 * package's PumaSeg preprocessing chain runs (so stain statistics are taken at the
	 * training pixel size), then the tiled prediction.
	 */
	/**
	 * Predicts with {@code model} and records under {@code tileKey} the tile size that ran:
	 * the longer side of its tiles, which given as the tile size reproduces the tiling.
	 */
	private Map<String, FloatImage> predict(LoadedModel model, RgbImage image, Progress progress,
		Map<String, Object> runProvenance, String tileKey)
	{
		TiledPredictor predictor = new TiledPredictor(model, options.tiling());
		PreprocessingChain chain = model.description().pumaseg().preprocessingChain();
		Map<String, FloatImage> outputs = predictor.predict(image, chain, progress);
		Probabilities.fromLogits(model.description().pumaseg(), outputs);
		int[] tile = predictor.lastTileSize();
		runProvenance.put(tileKey, Math.max(tile[0], tile[1]));
		return outputs;
	}

	private TissueMask decodeTissue(Map<String, FloatImage> outputs, RgbImage image,
		PixelSize pixelSize)
	{
		PumaSegConfig config = tissueModel.description().pumaseg();
		OutputRole role = config.output(OutputMeaning.TISSUE_CLASS_PROBABILITIES).orElseThrow();
		FloatImage probabilities = outputs.get(role.tensorId());
		List<float[]> planes = new ArrayList<>();
		for (int c = 0; c < probabilities.numChannels(); c++) {
			planes.add(probabilities.channel(c));
		}
		return TissueDecoder.decode(planes, config.tissueClasses().names(), image.width(), image
			.height(), pixelSize, options.tissue());
	}

	private static double seconds(long nanos) {
		return nanos / 1e9;
	}

	private static void closeQuietly(LoadedModel model) {
		if (model != null) {
			model.close();
		}
	}

	@Override
	public void close() {
		closeQuietly(nucleiModel);
		closeQuietly(tissueModel);
	}
}
