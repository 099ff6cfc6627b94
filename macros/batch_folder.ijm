// Segments every TIFF, PNG and JPEG image of a folder; one result folder per image and a
// batch-summary.csv go to the output folder. Argument: "INPUT_FOLDER|OUTPUT_FOLDER".
//   ./pumaseg macro macros/batch_folder.ijm --arg "test-images|/tmp/pumaseg-batch"
args = split(getArgument(), "|");
if (args.length < 2)
	exit("Give the input and output folders as \"INPUT_FOLDER|OUTPUT_FOLDER\".");
run("Batch Segmentation", "input_folder=[" + args[0] + "] output_folder=[" + args[1] + "] track=2 tile_size=256 overwrite");
