package org.pumaseg.nuclei;

import java.util.ArrayList;
import java.util.List;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.BooleanArray;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.logic.NativeBoolType;
import net.imglib2.type.numeric.real.FloatType;

import org.pumaseg.InvalidInputException;
import org.pumaseg.Progress;
import org.pumaseg.label.ConnectedComponents;
import org.pumaseg.label.Connectivity;
import org.pumaseg.label.DistanceTransform;
import org.pumaseg.label.FillHoles;
import org.pumaseg.label.LabelImage;
import org.pumaseg.label.LabelMeasurement;
import org.pumaseg.label.LabelMeasurements;
import org.pumaseg.label.LabelPolygon;
import org.pumaseg.label.LabelPolygons;
import org.pumaseg.label.Labels;
import org.pumaseg.label.Maxima;
import org.pumaseg.label.Watershed;
import org.pumaseg.model.PumaClassNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns nuclei maps into classified nucleus instances.
 * <p>
 * <b>With distance maps</b> (HoVer-Net; Graham et al., "HoVer-Net: Simultaneous segmentation and
 * classification of nuclei in multi-tissue histology images", Medical Image Analysis 58, 2019):
 * the horizontal and vertical maps rise from -1 to 1 across each nucleus, and fall steeply
 * where two touching nuclei meet, because there the offsets flip from one centre to the other.
 * HoVer-Net takes the Sobel gradient of the maps as an energy that is high on those boundaries.
 * Here the energy is how fast a map falls along its own axis ({@link BoundaryEnergy}): foreground
 * pixels with an energy below {@link NucleiDecodingOptions#markerEnergyThreshold()} form the
 * cores of the nuclei, and the cores, less those below
 * {@link NucleiDecodingOptions#minMarkerAreaUm2()}, seed a watershed of the energy restricted to
 * the foreground. The published post-processing takes the gradient magnitude and rescales it by
 * its image-wide maximum. This energy instead stays 0 inside thin nuclei, whose maps rise
 * steeply, and does not depend on the rest of the image, so a tile and the whole image give the
 * same seeds.
 * <p>
 * <b>Without distance maps</b>: the distance of each foreground pixel to the background (in
 * µm) is flooded from its {@link Maxima#hMaxima h-maxima}, so nuclei that touch through a neck
 * are split at the neck. Two exactly equal distance peaks keep a seed each, however shallow
 * the saddle between them, as h-maxima do.
 * <p>
 * Both ways, a foreground component that received no seed becomes one instance of its own,
 * holes enclosed by one instance join it (optional), and instances below
 * {@link NucleiDecodingOptions#minAreaUm2()} are removed. Each remaining instance gets its
 * class by {@link ClassVote a probability-weighted vote}, its centroid, area and pixel-exact
 * outline ({@link LabelPolygons}).
 */
public final class NucleiDecoder {

	private static final Logger LOG = LoggerFactory.getLogger(NucleiDecoder.class);

	private NucleiDecoder() {}

	/** Decodes with the distance maps when present, else from the foreground alone. */
	public static DecodedNuclei decode(NucleiMaps maps, NucleiDecodingOptions options,
		Progress progress)
	{
		if (maps.hasDistanceMaps()) {
			return decodeHoverNet(maps, options, progress);
		}
		return decodeForeground(maps, options, progress);
	}

	/** Decodes with seeds from the boundary energy of the HoVer-Net distance maps. */
	public static DecodedNuclei decodeHoverNet(NucleiMaps maps, NucleiDecodingOptions options,
		Progress progress)
	{
		if (!maps.hasDistanceMaps()) {
			throw new InvalidInputException("HoVer-Net decoding needs the horizontal and vertical " +
				"distance maps, which these nuclei maps lack. Decode from the foreground instead.");
		}
		long start = System.nanoTime();
		double umPerPixel = umPerPixel(maps);
		int width = maps.width();
		int height = maps.height();
		boolean[] foreground = foregroundMask(maps, options);

		progress.update(0, "Nuclei: boundary energy");
		float[] energy = BoundaryEnergy.compute(maps.horizontal(), maps.vertical(), width, height);
		boolean[] cores = new boolean[foreground.length];
		float threshold = (float) options.markerEnergyThreshold();
		for (int p = 0; p < cores.length; p++) {
			cores[p] = foreground[p] && energy[p] < threshold;
		}
		progress.checkCanceled();
		LabelImage markers = ConnectedComponents.label(mask(cores, width, height),
			Connectivity.FOUR, progress.subRange(0.05, 0.15));
		markers = Labels.removeSmall(markers, pixels(options.minMarkerAreaUm2(), umPerPixel));

		LabelImage labels = Watershed.seeded(ArrayImgs.floats(energy, width, height), markers, mask(
			foreground, width, height), Connectivity.FOUR, false, progress.subRange(0.15, 0.6));
		DecodedNuclei decoded = finish(labels, foreground, maps, options, umPerPixel, progress
			.subRange(0.6, 1));
		LOG.info("Decoded {} nuclei from {} x {} HoVer-Net maps ({} seeds, options {}) in {} ms",
			decoded.count(), width, height, Labels.count(markers), options, (System.nanoTime() -
				start) / 1_000_000);
		return decoded;
	}

	/** Decodes from the foreground alone, with h-maxima of the distance transform as seeds. */
	public static DecodedNuclei decodeForeground(NucleiMaps maps, NucleiDecodingOptions options,
		Progress progress)
	{
		long start = System.nanoTime();
		double umPerPixel = umPerPixel(maps);
		int width = maps.width();
		int height = maps.height();
		boolean[] foreground = foregroundMask(maps, options);
		ArrayImg<NativeBoolType, BooleanArray> mask = mask(foreground, width, height);

		ArrayImg<FloatType, FloatArray> distance = DistanceTransform.euclidean(mask, umPerPixel,
			umPerPixel, progress.subRange(0, 0.2));
		LabelImage markers = Maxima.hMaxima(distance, options.hMaximaUm(), mask,
			Connectivity.EIGHT, progress.subRange(0.2, 0.4));
		float[] depth = distance.update(null).getCurrentStorageArray();
		for (int p = 0; p < depth.length; p++) {
			depth[p] = -depth[p];
		}
		LabelImage labels = Watershed.seeded(distance, markers, mask, Connectivity.FOUR, false,
			progress.subRange(0.4, 0.6));
		DecodedNuclei decoded = finish(labels, foreground, maps, options, umPerPixel, progress
			.subRange(0.6, 1));
		LOG.info("Decoded {} nuclei from {} x {} foreground maps ({} seeds, options {}) in {} ms",
			decoded.count(), width, height, Labels.count(markers), options, (System.nanoTime() -
				start) / 1_000_000);
		return decoded;
	}

	private static double umPerPixel(NucleiMaps maps) {
		double umPerPixel = maps.pixelSize().umPerPixel();
		if (!(umPerPixel > 0) || Double.isInfinite(umPerPixel)) {
			throw new InvalidInputException("The nuclei maps have no valid pixel size (" + maps
				.pixelSize().origin() + "), so sizes in µm cannot be converted to pixels. Give the " +
				"maps the pixel size of the model that made them.");
		}
		return umPerPixel;
	}

	private static boolean[] foregroundMask(NucleiMaps maps, NucleiDecodingOptions options) {
		float[] probability = maps.foreground();
		float threshold = (float) options.foregroundThreshold();
		boolean[] foreground = new boolean[probability.length];
		for (int p = 0; p < probability.length; p++) {
			foreground[p] = probability[p] >= threshold;
		}
		return foreground;
	}

	private static ArrayImg<NativeBoolType, BooleanArray> mask(boolean[] values, int width,
		int height)
	{
		return ArrayImgs.booleans(values, width, height);
	}

	/** Pixels covering at least {@code areaUm2}, rounded up. */
	private static long pixels(double areaUm2, double umPerPixel) {
		return (long) Math.ceil(areaUm2 / (umPerPixel * umPerPixel) - 1e-9);
	}

	/** Unseeded components, hole filling, size filter, then measurements, outlines and votes. */
	private static DecodedNuclei finish(LabelImage labels, boolean[] foreground, NucleiMaps maps,
		NucleiDecodingOptions options, double umPerPixel, Progress progress)
	{
		addUnseededComponents(labels, foreground);
		if (options.fillHoles()) {
			labels = FillHoles.perLabel(labels, Connectivity.FOUR);
		}
		progress.checkCanceled();
		labels = Labels.removeSmall(labels, pixels(options.minAreaUm2(), umPerPixel));
		progress.update(0.2, "Nuclei: measuring");

		List<LabelMeasurement> measurements = LabelMeasurements.measure(labels);
		List<LabelPolygon> outlines = LabelPolygons.toPolygons(labels, progress.subRange(0.2,
			0.8));
		int count = measurements.size();
		ClassVote vote = ClassVote.vote(labels.labels(), count, maps.classProbabilities(), maps
			.classNames());

		List<NucleusInstance> nuclei = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			LabelMeasurement measurement = measurements.get(i);
			int label = measurement.label();
			int classIndex = vote.classIndex[label];
			String className = classIndex < 0 ? null : maps.classNames().get(classIndex);
			nuclei.add(new NucleusInstance(label, className, vote.probability[label], outlines.get(
				i).geometry(), measurement.centroidX(), measurement.centroidY(), measurement
					.area()));
		}
		progress.update(1, "Nuclei: " + count + " found");
		return new DecodedNuclei(labels, nuclei, PumaClassNames.withoutBackground(maps
			.classNames()), maps.pixelSize());
	}

	/**
	 * Labels, in place, each connected part of the foreground that no seed reached, after the
	 * existing labels.
	 */
	private static void addUnseededComponents(LabelImage labels, boolean[] foreground) {
		int[] values = labels.labels();
		boolean[] unseeded = new boolean[values.length];
		boolean any = false;
		for (int p = 0; p < values.length; p++) {
			unseeded[p] = foreground[p] && values[p] == 0;
			any |= unseeded[p];
		}
		if (!any) {
			return;
		}
		int offset = labels.maxLabel();
		LabelImage extra = ConnectedComponents.label(mask(unseeded, labels.width(), labels
			.height()), Connectivity.FOUR);
		int[] extraValues = extra.labels();
		for (int p = 0; p < values.length; p++) {
			if (extraValues[p] > 0) {
				values[p] = offset + extraValues[p];
			}
		}
	}
}
