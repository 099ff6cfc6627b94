/**
 * Labelling algorithms on 2-D images, used by the nuclei and tissue decoders: connected
 * components, Euclidean distance transform, regional and h-maxima, seeded watershed, hole
 * filling, small-object removal, per-label measurements, and label image ↔ polygons.
 * <p>
 * <b>Data.</b> Label images are {@link org.pumaseg.label.LabelImage}: 32-bit ints in a
 * row-major {@code int[]} wrapped as an ImgLib2 {@code ArrayImg<IntType>}, 0 for background,
 * so more than 65,535 objects work. Masks are any {@code RandomAccessibleInterval} of a
 * {@code BooleanType} (a thresholding converter view works without a copy; an
 * {@code ArrayImgs.booleans} image is read fastest), landscapes any of a {@code RealType}
 * (an {@code ArrayImg<FloatType>} is used in place, anything else is copied to floats once).
 * Coordinates put pixel (x, y) on the square [x, x + 1) × [y, y + 1), centre (x + 0.5, y + 0.5),
 * the convention of QuPath and GeoJSON.
 * <p>
 * <b>Library or own code.</b> MorphoLibJ and imglib2-algorithm, which Fiji plugins normally use,
 * are not on Maven Central here. Of what is:
 * <ul>
 * <li>BoofCV ({@code boofcv-ip} 1.1.7) covers only connected components (Chang 2004, on an
 * 8-bit copy of the mask with a one-pixel frame) and contours through pixel centres; it has no
 * Euclidean distance transform or h-maxima, and its watershed is 8-bit and maskless. It would
 * add about 5 MB (boofcv-ip, boofcv-types, DDogleg, GeoRegression and eight EJML 0.43 jars),
 * and EJML 0.43 clashes with the EJML 0.41 that Fiji ships (pinned by pom-scijava).</li>
 * <li>OpenCV (bytedeco) has exact connected components, distance transform and contours, but
 * needs a native copy of every image, floods only 8-bit colour images in
 * {@code cv::watershed}, and weighs tens of MB of natives per platform.</li>
 * </ul>
 * So every algorithm here is our own, on plain arrays behind ImgLib2 types. Each is a textbook
 * method named in its class Javadoc, runs in linear or O(n log n) time, and is iterative: there
 * is no recursion, which a test on a 4000 × 4000 one-pixel-wide serpentine checks. Tests compare
 * results with tiny exact images and with brute force. Polygons use JTS, already a dependency. Only the distance transform runs on several
 * threads (independent rows); long steps take an {@link org.pumaseg.Progress} and stop with
 * {@link org.pumaseg.CanceledException} when canceled.
 */
package org.pumaseg.label;
