package org.pumaseg.til;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.index.strtree.ItemDistance;
import org.locationtech.jts.index.strtree.STRtree;
import org.pumaseg.InvalidInputException;
import org.pumaseg.Progress;
import org.pumaseg.annotation.TissueClass;
import org.pumaseg.annotation.TissueMask;
import org.pumaseg.image.PixelSize;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quantifies tumour-infiltrating lymphocytes (lymphocytes and plasma cells) in one ROI.
 * <p>
 * A nucleus belongs to a compartment when the pixel holding its centroid does. The tumour
 * region is the tumour class of the tissue map, or is estimated from the tumour nuclei
 * ({@link TumourRegionEstimation}) when there is no tissue map. The peritumoural band is the
 * set of pixels outside the tumour whose centre lies within the band width of the centre of a
 * tumour pixel. Measured that way, a band along a straight border spans exactly band width /
 * pixel size pixels. The band is clipped to the ROI because the tissue beyond it is unknown.
 * <p>
 * Border distances come from Euclidean distance transforms of the tumour mask, between pixel
 * centres, less half a pixel so that they reach the pixel edge that forms the border: exact for
 * a border along pixel rows or columns and within half a pixel otherwise. The sign is negative
 * inside the tumour and positive outside. The ROI edge is never a tumour border.
 */
public final class TilQuantifier {

	private static final Logger LOG = LoggerFactory.getLogger(TilQuantifier.class);

	/** Tolerance on distances in pixels, so that a band edge on an exact distance is inside. */
	private static final double DISTANCE_TOLERANCE_PX = 1e-6;

	private TilQuantifier() {}

	/**
	 * Measures {@code input}.
	 *
	 * @throws InvalidInputException when the pixel size is unknown
	 */
	public static TilAnalysis quantify(TilInput input, TilParameters parameters,
		Progress progress)
	{
		long start = System.nanoTime();
		PixelSize pixelSize = input.pixelSize();
		if (!pixelSize.isKnown()) {
			throw new InvalidInputException("The pixel size of " + input.name() + " is unknown (" +
				pixelSize.origin() + "), so TIL densities cannot be given per mm². Give the pixel " +
				"size in µm (--pixel-size on the command line, pixel_size in Fiji and macros; " +
				"about 0.25 for PUMA ROIs). The report records it as assumed.");
		}
		int width = input.width();
		int height = input.height();
		double umPerPixel = pixelSize.umPerPixel();
		double pixelAreaMm2 = umPerPixel * umPerPixel / 1e6;
		TissueMask tissue = input.tissue();

		progress.update(0, "Tumour region");
		TumourRegion tumour = tissue != null ? tumourFromTissue(tissue) : parameters.estimation()
			.estimate(width, height, umPerPixel, input.nuclei());
		boolean[] stroma = tissue == null ? null : classMask(tissue, TissueClass.STROMA);
		long tumourPixels = tumour.pixelCount();
		boolean hasBorder = tumourPixels > 0 && tumourPixels < (long) width * height;
		progress.checkCanceled();

		progress.update(0.3, "Distance transforms");
		float[] outsideDistancePx = null;
		float[] insideDistancePx = null;
		boolean[] band = new boolean[width * height];
		if (hasBorder) {
			outsideDistancePx = TumourRegionEstimation.distanceToTrue(tumour.mask(), width, height);
			insideDistancePx = TumourRegionEstimation.distanceToFalse(tumour.mask(), width, height);
			double bandWidthPx = parameters.bandWidthUm() / umPerPixel;
			for (int i = 0; i < band.length; i++) {
				band[i] = !tumour.mask()[i] && outsideDistancePx[i] <= bandWidthPx +
					DISTANCE_TOLERANCE_PX;
			}
		}
		progress.checkCanceled();

		progress.update(0.6, "Counting nuclei");
		Counts counts = new Counts();
		STRtree tumourCells = tumourCellIndex(input.nuclei());
		List<TilMeasurement> tils = new ArrayList<>();
		for (NucleusPoint nucleus : input.nuclei()) {
			int index = TumourRegionEstimation.pixelIndex(nucleus, width, height);
			boolean inTumour = tumour.mask()[index];
			boolean inStroma = stroma != null && stroma[index];
			boolean inBand = band[index];
			boolean isTil = nucleus.type() == CellType.TIL;
			counts.add(Compartment.ROI, isTil);
			if (inTumour) {
				counts.add(Compartment.INTRATUMOURAL, isTil);
			}
			if (inStroma) {
				counts.add(Compartment.STROMAL, isTil);
			}
			if (inBand) {
				counts.add(Compartment.PERITUMOURAL, isTil);
			}
			if (nucleus.type() == CellType.TUMOUR) {
				counts.tumourCells++;
			}
			if (isTil) {
				Double borderDistance = null;
				if (hasBorder) {
					borderDistance = inTumour ? -(insideDistancePx[index] - 0.5) * umPerPixel
						: (outsideDistancePx[index] - 0.5) * umPerPixel;
				}
				tils.add(new TilMeasurement(nucleus.x(), nucleus.y(), nucleus.className(), location(
					inTumour, inBand, inStroma), inStroma, inBand, borderDistance,
					nearestTumourCellUm(tumourCells, nucleus, umPerPixel)));
			}
		}

		progress.update(0.9, "Report");
		String noTumour = "no tumour region in the ROI";
		long bandPixels = count(band);
		long stromaPixels = stroma == null ? 0 : count(stroma);
		List<CompartmentMeasures> compartments = new ArrayList<>();
		compartments.add(counts.measures(Compartment.INTRATUMOURAL, tumourPixels * pixelAreaMm2,
			noTumour));
		compartments.add(stroma == null ? CompartmentMeasures.undefined(Compartment.STROMAL,
			"no tissue map, so the stroma is not located") : counts.measures(Compartment.STROMAL,
				stromaPixels * pixelAreaMm2, "no stroma in the ROI"));
		compartments.add(counts.measures(Compartment.PERITUMOURAL, bandPixels * pixelAreaMm2,
			tumourPixels == 0 ? noTumour + ", so no peritumoural band"
				: "the tumour region covers the whole ROI, so the band has no area"));
		compartments.add(counts.measures(Compartment.ROI, (long) width * height * pixelAreaMm2,
			"the ROI has no area"));

		String borderReason = tumourPixels == 0 ? noTumour : !hasBorder
			? "the tumour region covers the whole ROI, so it has no border in the ROI"
			: "no TILs in the ROI";
		String tumourCellReason = counts.tumourCells == 0 ? "no tumour nuclei in the ROI"
			: "no TILs in the ROI";
		DistanceSummary borderDistance = DistanceSummary.of(tils.stream().filter(t -> t
			.borderDistanceUm() != null).mapToDouble(TilMeasurement::borderDistanceUm).toArray(),
			parameters.histogramBinUm(), borderReason);
		DistanceSummary tumourCellDistance = DistanceSummary.of(tils.stream().filter(t -> t
			.nearestTumourCellUm() != null).mapToDouble(TilMeasurement::nearestTumourCellUm)
			.toArray(), parameters.histogramBinUm(), tumourCellReason);

		List<String> notes = new ArrayList<>(input.notes());
		if (!pixelSize.calibrated()) {
			notes.add("Pixel size " + umPerPixel + " µm was assumed: the input carries no " +
				"calibration (" + pixelSize.origin() + ").");
		}
		if (tumour.estimated()) {
			notes.add("Tumour region " + tumour.method() + ".");
		}
		boolean bandClipped = touchesRoiEdge(band, width, height);
		if (bandClipped) {
			notes.add("The peritumoural band reaches the ROI border; its area is clipped to the " +
				"ROI.");
		}

		TilReport report = new TilReport(input.name(), width, height, umPerPixel, !pixelSize
			.calibrated(), pixelSize.origin(), (long) width * height * pixelAreaMm2, tissue != null,
			tumour.estimated(), tumour.method(), parameters.bandWidthUm(), bandClipped, counts
				.nuclei[Compartment.ROI.ordinal()], counts.tils[Compartment.ROI.ordinal()],
			counts.tumourCells, compartments, borderDistance, tumourCellDistance, notes, tils);
		LOG.info(String.format(Locale.ROOT, "TILs of %s: %d nuclei, %d TILs, %d tumour cells; " +
			"%.4g µm/px (%s); tumour region %s (%d px); band %.4g µm (%d px); %.0f ms", input.name(),
			report.nucleusCount(), report.tilCount(), report.tumourCellCount(), umPerPixel, pixelSize
				.calibrated() ? "calibrated" : "assumed", tumour.estimated() ? "estimated"
					: "from the tissue map", tumourPixels, parameters.bandWidthUm(), bandPixels, (System
						.nanoTime() - start) / 1e6));
		progress.update(1, "TIL quantification");
		return new TilAnalysis(report, tumour, band, stroma);
	}

	private static TumourRegion tumourFromTissue(TissueMask tissue) {
		return new TumourRegion(tissue.width(), tissue.height(), classMask(tissue,
			TissueClass.TUMOR), false, "tumour class of the tissue map");
	}

	private static boolean[] classMask(TissueMask tissue, TissueClass tissueClass) {
		byte[] codes = tissue.codes();
		boolean[] mask = new boolean[codes.length];
		for (int i = 0; i < codes.length; i++) {
			mask[i] = codes[i] == tissueClass.maskCode();
		}
		return mask;
	}

	private static TilLocation location(boolean inTumour, boolean inBand, boolean inStroma) {
		if (inTumour) {
			return TilLocation.INTRATUMOURAL;
		}
		if (inBand) {
			return TilLocation.PERITUMOURAL;
		}
		return inStroma ? TilLocation.STROMAL : TilLocation.OTHER;
	}

	private static STRtree tumourCellIndex(List<NucleusPoint> nuclei) {
		STRtree index = new STRtree();
		for (NucleusPoint nucleus : nuclei) {
			if (nucleus.type() == CellType.TUMOUR) {
				Coordinate point = new Coordinate(nucleus.x(), nucleus.y());
				index.insert(new Envelope(point), point);
			}
		}
		index.build();
		return index;
	}

	private static Double nearestTumourCellUm(STRtree tumourCells, NucleusPoint til,
		double umPerPixel)
	{
		if (tumourCells.isEmpty()) {
			return null;
		}
		Coordinate point = new Coordinate(til.x(), til.y());
		ItemDistance distance = (a, b) -> ((Coordinate) a.getItem()).distance((Coordinate) b
			.getItem());
		Coordinate nearest = (Coordinate) tumourCells.nearestNeighbour(new Envelope(point), point,
			distance);
		return nearest.distance(point) * umPerPixel;
	}

	private static long count(boolean[] mask) {
		long count = 0;
		for (boolean value : mask) {
			if (value) {
				count++;
			}
		}
		return count;
	}

	private static boolean touchesRoiEdge(boolean[] mask, int width, int height) {
		for (int x = 0; x < width; x++) {
			if (mask[x] || mask[(height - 1) * width + x]) {
				return true;
			}
		}
		for (int y = 0; y < height; y++) {
			if (mask[y * width] || mask[y * width + width - 1]) {
				return true;
			}
		}
		return false;
	}

	/** Nuclei and TILs per compartment. */
	private static final class Counts {

		final int[] nuclei = new int[Compartment.values().length];
		final int[] tils = new int[Compartment.values().length];
		int tumourCells;

		void add(Compartment compartment, boolean isTil) {
			nuclei[compartment.ordinal()]++;
			if (isTil) {
				tils[compartment.ordinal()]++;
			}
		}

		CompartmentMeasures measures(Compartment compartment, double areaMm2,
			String emptyReason)
		{
			return CompartmentMeasures.measured(compartment, areaMm2, tils[compartment.ordinal()],
				nuclei[compartment.ordinal()], emptyReason);
		}
	}
}
