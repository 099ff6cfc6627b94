// Segments one H&E image with PumaSeg's bundled models and saves the nucleus table.
// Argument: "IMAGE|RESULTS_CSV", for example with
//   ./pumaseg macro macros/segment_image.ijm --arg "test-images/synthetic_he_512.tif|/tmp/nuclei.csv"
// In Fiji, replace the two paths below the split by your own, or pass them as the argument.
args = split(getArgument(), "|");
if (args.length < 2)
	exit("Give the image and the results file as \"IMAGE|RESULTS_CSV\".");
open(args[0]);
run("Panoptic Segmentation", "segment=[nuclei and tissue] tile_size=256");
print("Nuclei: " + nResults);
Table.save(args[1]);
