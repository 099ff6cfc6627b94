"""Decode the benchmark nuclei maps with a scikit-image watershed pipeline and time it.

The scikit-image half of the decoding comparison of `pumaseg bench`. It reads the folder that
org.pumaseg.bench.SkimageComparison wrote (the maps as .npy, our label images and
params.json with our decoding parameters in pixels), runs the same two decodings with NumPy,
SciPy and scikit-image, and prints one JSON object on standard output: the library versions
and, per decoding, the median seconds with and without outlines, the instance count and the
number of our instances matched at IoU > 0.5.

Each pipeline mirrors NucleiDecoder step by step, with the same parameters in pixels. It
thresholds the foreground, labels the seeds and floods them with a 4-connected watershed
restricted to the foreground. Unseeded foreground components become instances of their own.
Then come per-instance hole filling, removal of small instances and relabelling. Each
instance gets its centroid and area (regionprops), a probability-weighted class vote and
an outline (find_contours).

Usage: python3 decode_skimage.py FOLDER WARM_UPS RUNS   (standard library, NumPy, SciPy and
scikit-image only)
"""

import json
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import scipy
import skimage
from scipy import ndimage
from skimage import measure, morphology, segmentation


def boundary_energy(horizontal, vertical):
    """Return the largest fall of each map along its own axis between a pixel and its neighbours.

    Inside a nucleus the maps rise, so the energy is 0 there and positive on boundaries. It is
    the energy of org.pumaseg.nuclei.BoundaryEnergy, written with array slices.
    """
    energy = np.zeros_like(horizontal)
    fall_x = horizontal[:, :-1] - horizontal[:, 1:]
    np.maximum(energy[:, :-1], fall_x, out=energy[:, :-1])
    np.maximum(energy[:, 1:], fall_x, out=energy[:, 1:])
    fall_y = vertical[:-1, :] - vertical[1:, :]
    np.maximum(energy[:-1, :], fall_y, out=energy[:-1, :])
    np.maximum(energy[1:, :], fall_y, out=energy[1:, :])
    return energy


def hovernet_seeds(maps, params, foreground):
    """Label the low-energy cores of the nuclei and drop the cores below the minimum seed area."""
    energy = boundary_energy(maps["horizontal"], maps["vertical"])
    cores = foreground & (energy < params["marker_energy_threshold"])
    markers = measure.label(cores, connectivity=1)
    markers = morphology.remove_small_objects(markers, min_size=params["min_marker_area_px"])
    return energy, markers


def foreground_seeds(params, foreground):
    """Label the h-maxima (8-connected) of the distance to the background, in micrometres."""
    um = params["um_per_pixel"]
    distance = ndimage.distance_transform_edt(foreground, sampling=(um, um))
    maxima = morphology.h_maxima(distance, params["h_maxima_um"]) > 0
    markers = measure.label(maxima & foreground, connectivity=2)
    return -distance, markers


def fill_holes_per_instance(labels):
    """Give each instance the background it encloses, as scipy's binary_fill_holes finds it.

    NOTE: unlike NucleiDecoder, an instance that encloses another instance fills the background
    around it too. The ideal benchmark maps have no holes, so the counts are not affected.
    """
    for index, box in enumerate(ndimage.find_objects(labels), start=1):
        if box is None:
            continue
        window = labels[box]
        filled = ndimage.binary_fill_holes(window == index)
        window[filled & (window == 0)] = index
    return labels


def class_vote(labels, count, class_planes, class_names):
    """Return the winning class index and its share of the class evidence for labels 1..count."""
    index = np.arange(1, count + 1)
    voting = [c for c, name in enumerate(class_names) if name != "background"]
    sums = np.stack([ndimage.sum_labels(class_planes[c], labels, index) for c in voting], axis=1)
    winner = np.argmax(sums, axis=1)
    total = sums.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = sums[np.arange(count), winner] / total
    return np.asarray(voting)[winner], share


def decode(maps, params, method, timings):
    """Decode with the 'hovernet' or 'foreground' seeds and return the labels and the nuclei.

    timings receives the seconds spent on outlines, so they can be reported apart.
    """
    foreground = maps["foreground"] >= params["foreground_threshold"]
    if method == "hovernet":
        relief, markers = hovernet_seeds(maps, params, foreground)
    else:
        relief, markers = foreground_seeds(params, foreground)
    labels = segmentation.watershed(relief, markers, mask=foreground, connectivity=1)

    unseeded = measure.label(foreground & (labels == 0), connectivity=1)
    labels[unseeded > 0] = unseeded[unseeded > 0] + labels.max()
    if params["fill_holes"]:
        labels = fill_holes_per_instance(labels)
    labels = morphology.remove_small_objects(labels, min_size=params["min_area_px"])
    labels, _, _ = segmentation.relabel_sequential(labels)

    regions = measure.regionprops(labels)
    classes, shares = class_vote(labels, len(regions), maps["classes"], params["class_names"])
    start = time.perf_counter()
    outlines = []
    for region in regions:
        padded = np.pad(region.image, 1).astype(np.uint8)
        outlines.append(measure.find_contours(padded, 0.5))
    timings["outlines"] = time.perf_counter() - start

    nuclei = [(region.label, region.centroid, region.area, classes[i], shares[i], outlines[i])
              for i, region in enumerate(regions)]
    return labels, nuclei


def timed_median(maps, params, method, warm_ups, runs):
    """Run warm_ups untimed decodings, then return the median total and outline seconds of runs."""
    for _ in range(warm_ups):
        decode(maps, params, method, {})
    totals = []
    outline_times = []
    for _ in range(runs):
        timings = {}
        start = time.perf_counter()
        decode(maps, params, method, timings)
        totals.append(time.perf_counter() - start)
        outline_times.append(timings["outlines"])
    return statistics.median(totals), statistics.median(outline_times)


def matched(ours, theirs):
    """Count the instances of ours that overlap one of theirs with an IoU above 0.5.

    Above 0.5 a match is unique, so the count is a one-to-one matching.
    """
    both = (ours > 0) & (theirs > 0)
    pairs, overlap = np.unique(np.stack([ours[both], theirs[both]]), axis=1, return_counts=True)
    area_ours = np.bincount(ours.ravel())
    area_theirs = np.bincount(theirs.ravel())
    union = area_ours[pairs[0]] + area_theirs[pairs[1]] - overlap
    return int(np.count_nonzero(overlap / union > 0.5))


def main():
    if len(sys.argv) != 4:
        sys.exit("Usage: decode_skimage.py FOLDER WARM_UPS RUNS")
    folder = Path(sys.argv[1])
    warm_ups = int(sys.argv[2])
    runs = int(sys.argv[3])
    params = json.loads((folder / "params.json").read_text(encoding="utf-8"))
    maps = {name: np.load(folder / f"{name}.npy")
            for name in ("foreground", "horizontal", "vertical", "classes")}

    result = {"versions": {"scikit-image": skimage.__version__, "scipy": scipy.__version__,
                           "numpy": np.__version__},
              "warm_ups": warm_ups, "runs": runs}
    for method in ("hovernet", "foreground"):
        theirs_labels, theirs_nuclei = decode(maps, params, method, {})
        seconds, outline_seconds = timed_median(maps, params, method, warm_ups, runs)
        ours_labels = np.load(folder / f"ours_{method}_labels.npy")
        result[method] = {"seconds": seconds,
                          "seconds_without_outlines": seconds - outline_seconds,
                          "count": len(theirs_nuclei),
                          "matched": matched(ours_labels, theirs_labels)}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
