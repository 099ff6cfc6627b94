package org.pumaseg.ij1;

import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.pumaseg.metrics.ConfusionMatrix;
import org.pumaseg.metrics.NucleiScores;

import ij.ImagePlus;
import ij.gui.Plot;
import ij.process.ColorProcessor;

/** Pictures of an evaluation: the confusion matrix as a heat map, and per-class F1 as bars. */
public final class EvaluationFigures {

	private static final int CELL = 56;
	private static final int LABEL_WIDTH = 150;
	private static final int MARGIN = 12;
	/** Minimum width, for the line that names the axes. */
	private static final int MIN_WIDTH = 420;
	/** Plot width per bar, so that every class name fits under its bar. */
	private static final int BAR_WIDTH = 120;
	private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
	private static final Font COUNT_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 13);

	private EvaluationFigures() {}

	/**
	 * Draws the confusion matrix of location-matched nuclei as a heat map, with class names
	 * along both axes. Each (truth, prediction) cell shows its count and is shaded by its
	 * fraction of the row; in the "none" row that is the fraction of unmatched predictions.
	 */
	public static ImagePlus confusionMatrix(ConfusionMatrix matrix) {
		List<String> names = new ArrayList<>();
		matrix.classes().forEach(name -> names.add(shortName(name)));
		names.add("none");
		int size = names.size();
		int top = MARGIN + 24 + LABEL_WIDTH;
		int width = Math.max(LABEL_WIDTH + size * CELL + MARGIN, MIN_WIDTH);
		int height = top + size * CELL + MARGIN;
		ColorProcessor image = new ColorProcessor(width, height);
		image.setColor(Color.WHITE);
		image.fill();
		image.setAntialiasedText(true);

		image.setColor(Color.BLACK);
		image.setFont(LABEL_FONT);
		image.drawString("rows: ground truth; columns: prediction", LABEL_WIDTH, MARGIN + 18);
		for (int row = 0; row < size; row++) {
			image.setJustification(ColorProcessor.RIGHT_JUSTIFY);
			image.drawString(names.get(row), LABEL_WIDTH - 8, top + row * CELL + CELL / 2 + 7);
		}
		drawColumnLabels(image, names, top);

		image.setFont(COUNT_FONT);
		image.setJustification(ColorProcessor.CENTER_JUSTIFY);
		long[][] counts = matrix.counts();
		for (int row = 0; row < size; row++) {
			long rowTotal = 0;
			for (long count : counts[row]) {
				rowTotal += count;
			}
			for (int column = 0; column < size; column++) {
				double fraction = rowTotal == 0 ? 0 : (double) counts[row][column] / rowTotal;
				int x = LABEL_WIDTH + column * CELL;
				int y = top + row * CELL;
				image.setColor(shade(fraction));
				image.setRoi(x, y, CELL - 1, CELL - 1);
				image.fill();
				image.resetRoi();
				image.setColor(fraction > 0.5 ? Color.WHITE : Color.BLACK);
				image.drawString(Long.toString(counts[row][column]), x + CELL / 2, y + CELL / 2 + 7);
			}
		}
		return new ImagePlus("Nuclei confusion matrix", image);
	}

	/** Plots the official F1 of each class as a bar chart, from 0 to 1. */
	public static ImagePlus classF1Plot(NucleiScores scores) {
		Map<String, Double> classF1 = scores.classF1();
		List<String> names = new ArrayList<>();
		double[] values = new double[classF1.size()];
		int i = 0;
		for (Map.Entry<String, Double> entry : classF1.entrySet()) {
			names.add(shortName(entry.getKey()));
			values[i++] = entry.getValue();
		}
		// Plot reads an x label in braces as one category name per bar.
		String title = String.format(Locale.ROOT, "Nuclei F1 per class, %s, macro F1 %.4f",
			scores.track().label(), scores.macroF1());
		Plot plot = new Plot(title, "{" + String.join(",", names) + "}", "F1 (official)");
		plot.setSize(Math.max(400, BAR_WIDTH * values.length), 300);
		plot.setColor(Color.BLACK, new Color(70, 110, 180));
		plot.add("separated bar", values);
		plot.setLimits(-0.5, Math.max(0.5, values.length - 0.5), 0, 1);
		return plot.getImagePlus();
	}

	private static void drawColumnLabels(ColorProcessor image, List<String> names, int top) {
		// Text is drawn horizontally, so column labels are drawn on a rotated strip.
		ColorProcessor strip = new ColorProcessor(LABEL_WIDTH, names.size() * CELL);
		strip.setColor(Color.WHITE);
		strip.fill();
		strip.setAntialiasedText(true);
		strip.setColor(Color.BLACK);
		strip.setFont(LABEL_FONT);
		strip.setJustification(ColorProcessor.RIGHT_JUSTIFY);
		for (int column = 0; column < names.size(); column++) {
			// After the rotation, strip row y becomes image column (strip height - 1 - y), and
			// the text runs downwards, ending just above the matrix.
			strip.drawString(names.get(column), LABEL_WIDTH - 8, (names.size() - 1 - column) *
				CELL + CELL / 2 + 7);
		}
		ColorProcessor rotated = (ColorProcessor) strip.rotateRight();
		image.insert(rotated, LABEL_WIDTH, top - LABEL_WIDTH);
	}

	/** White for 0 to dark blue for 1. */
	private static Color shade(double fraction) {
		int red = (int) Math.round(255 - fraction * (255 - 20));
		int green = (int) Math.round(255 - fraction * (255 - 60));
		int blue = (int) Math.round(255 - fraction * (255 - 140));
		return new Color(red, green, blue);
	}

	/** Returns a class name without the {@code nuclei_} prefix. */
	private static String shortName(String className) {
		return className.startsWith("nuclei_") ? className.substring("nuclei_".length())
			: className;
	}
}
