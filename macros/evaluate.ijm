// Scores predictions against ground truth with the PUMA challenge rules and writes every
// number as JSON. Argument: "TRUTH|PREDICTION|JSON" (files or folders, paired by image name).
//   ./pumaseg macro macros/evaluate.ijm --arg "truth/|results/|/tmp/scores.json"
args = split(getArgument(), "|");
if (args.length < 3)
	exit("Give truth, prediction and JSON output as \"TRUTH|PREDICTION|JSON\".");
run("Evaluate", "truth=[" + args[0] + "] prediction=[" + args[1] + "] track=2 json_file=[" + args[2] + "]");
print("Nuclei scored per class: " + nResults);
