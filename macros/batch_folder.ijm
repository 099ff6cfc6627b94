// Segments every TIFF, PNG and JPEG image of a folder; one result folder per image and a
// batch-summary.csv go to the output folder. An output folder where a result folder would
// be or contain an input is rejected, such as OUT for the images in OUT/case1/case1.tif.
// Argument: "INPUT_FOLDER|OUTPUT_FOLDER", optionally followed by "|overwrite" (replace the
// result folders of an earlier run) or "|skip_existing" (keep them and segment the rest).
//   ./pumaseg macro macros/batch_folder.ijm --arg "test-images|/tmp/pumaseg-batch"
args = split(getArgument(), "|");
if (args.length < 2 || args.length > 3)
	exit("Give the input and output folders as \"INPUT_FOLDER|OUTPUT_FOLDER\", optionally followed by \"|overwrite\" or \"|skip_existing\".");
existing = "";
if (args.length == 3) {
	if (args[2] != "overwrite" && args[2] != "skip_existing")
		exit("Invalid third argument \"" + args[2] + "\": give overwrite or skip_existing.");
	existing = " " + args[2];
}
run("Batch Segmentation", "input_folder=[" + args[0] + "] output_folder=[" + args[1] + "] track=2 tile_size=256" + existing);
