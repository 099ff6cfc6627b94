// Runs inside the ImageJ 1.x that update-site/try-in-imagej.sh starts under Xvfb. Segments one
// image with PumaSeg's "Panoptic Segmentation" command, takes screenshots with ImageMagick's
// import and quits ImageJ. Facts for the report go to status.txt in the output folder.
// Argument: "IMAGE|OUTPUT_FOLDER|SEGMENT[|NUCLEI_MODEL]", where SEGMENT is a choice of the
// command's segment option, for example "nuclei and tissue", and NUCLEI_MODEL a model package
// that replaces the bundled nuclei model.
args = split(getArgument(), "|");
if (args.length < 3)
	exit("Give the argument as \"IMAGE|OUTPUT_FOLDER|SEGMENT[|NUCLEI_MODEL]\".");
image = args[0];
out = args[1];
segment = args[2];
options = "segment=[" + segment + "] tile_size=256";
if (args.length > 3)
	options = options + " nuclei_model=[" + args[3] + "]";
statusFile = out + "/status.txt";

// The menu entry shows whether ImageJ read the plugins.config of the PumaSeg jar.
List.setCommands;
status = "imagej_version=" + getVersion() + "\n";
status = status + "java_version=" + getInfo("java.version") + "\n";
status = status + "menu_entry=" + List.get("Panoptic Segmentation") + "\n";
status = status + "options=" + options + "\n";
File.saveString(status, statusFile);

open(image);
input = getTitle();
start = getTime();
run("Panoptic Segmentation", options);
status = status + "seconds=" + d2s((getTime() - start) / 1000, 1) + "\n";
status = status + "results_rows=" + nResults + "\n";
titles = getList("image.titles");
status = status + "open_images=" + String.join(titles, ";") + "\n";
// ImageJ shows an exception from a plug-in in a window and goes on with the macro, so the
// result images tell whether the command ran.
status = status + "command_ran=" + (titles.length > 1) + "\n";

// The input window goes to the top left, in front of the result images, for the screenshots.
selectImage(input);
status = status + "overlay_elements=" + Overlay.size + "\n";
setLocation(0, 0);
wait(2000);
getLocationAndSize(x, y, width, height);
exec("import", "-window", "root", out + "/screen.png");
exec("import", "-window", "root", "-crop", width + "x" + height + "+" + x + "+" + y, out + "/image-window.png");
File.saveString(status + "finished=yes\n", statusFile);

// An empty Results table lets ImageJ quit without asking to save the measurements.
run("Clear Results");
run("Quit");
