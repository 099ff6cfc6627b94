// Makes the README pictures from a segment result folder and a til output folder.
// Argument: "OVERLAY_PNG,TIL_PNG,OUTPUT_FOLDER". Run it with ./pumaseg macro (see README.md).
// Pixels are copied with macro functions, because ImageJ commands with a dialog (Scale...)
// do not run in a headless JVM without Fiji.
args = split(getArgument(), ",");
if (args.length != 3)
	exit("Give OVERLAY_PNG,TIL_PNG,OUTPUT_FOLDER as the argument.");
setBatchMode(true);

// Full-resolution crop of the overlay across the tumour-stroma border (x 512-1023, y 384-895).
open(args[0]);
source = getImageID();
newImage("roi094-overlay-crop", "RGB black", 512, 512, 1);
crop = getImageID();
for (y = 0; y < 512; y++) {
	selectImage(source);
	row = newArray(512);
	for (x = 0; x < 512; x++)
		row[x] = getPixel(512 + x, 384 + y);
	selectImage(crop);
	for (x = 0; x < 512; x++)
		setPixel(x, y, row[x]);
}
saveAs("PNG", args[2] + "/roi094-overlay-crop.png");
close("*");

// The TIL figure at half size (mean of each 2 x 2 block): the ROI with TIL dots, and the chart.
open(args[1]);
source = getImageID();
width = floor(getWidth() / 2);
height = floor(getHeight() / 2);
newImage("roi094-til", "RGB black", width, height, 1);
half = getImageID();
for (y = 0; y < height; y++) {
	selectImage(source);
	row = newArray(width);
	for (x = 0; x < width; x++) {
		r = 0; g = 0; b = 0;
		for (k = 0; k < 4; k++) {
			v = getPixel(2 * x + k % 2, 2 * y + floor(k / 2));
			r += (v >> 16) & 0xff; g += (v >> 8) & 0xff; b += v & 0xff;
		}
		row[x] = (round(r / 4) << 16) | (round(g / 4) << 8) | round(b / 4);
	}
	selectImage(half);
	for (x = 0; x < width; x++)
		setPixel(x, y, row[x]);
}
saveAs("PNG", args[2] + "/roi094-til.png");
close("*");
