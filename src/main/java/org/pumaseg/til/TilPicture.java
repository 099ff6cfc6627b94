package org.pumaseg.til;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.pumaseg.image.PixelSize;
import org.pumaseg.image.RgbImage;

/**
 * Draws the TIL picture of a ROI: the H&E image (or white), the tumour region tinted red with
 * its border, the peritumoural band tinted yellow, every TIL as a dot coloured by its
 * {@link TilLocation}, and at the right a bar chart of the TIL densities per compartment.
 * <p>
 * Uses Java 2D on an off-screen image, which works in headless JVMs.
 */
public final class TilPicture {

	/** Dot colours of the TIL locations, as packed RGB. */
	public static final int INTRATUMOURAL_RGB = 0x00dcff;
	public static final int PERITUMOURAL_RGB = 0xff8000;
	public static final int STROMAL_RGB = 0x0064ff;
	public static final int OTHER_RGB = 0x6e6e6e;

	/** Region tints, as packed RGB, and their opacity. */
	public static final int TUMOUR_TINT_RGB = 0xc80000;
	public static final int BAND_TINT_RGB = 0xffd200;
	public static final double TINT_OPACITY = 0.3;

	private static final int TUMOUR_BORDER_RGB = 0xb40000;
	private static final int MIN_PANEL_WIDTH = 380;
	private static final int MIN_HEIGHT = 380;

	private TilPicture() {}

	/** Dot colour of {@code location}, packed RGB. */
	public static int colour(TilLocation location) {
		return switch (location) {
			case INTRATUMOURAL -> INTRATUMOURAL_RGB;
			case PERITUMOURAL -> PERITUMOURAL_RGB;
			case STROMAL -> STROMAL_RGB;
			case OTHER -> OTHER_RGB;
		};
	}

	/**
	 * Renders the picture. The ROI occupies the top-left {@code width x height} pixels at its
	 * own scale; the chart panel lies to its right.
	 *
	 * @param background the H&E image of the ROI, or null for white
	 */
	public static RgbImage render(TilAnalysis analysis, RgbImage background) {
		TilReport report = analysis.report();
		int width = report.widthPx();
		int height = report.heightPx();
		if (background != null && (background.width() != width || background.height() != height)) {
			throw new IllegalArgumentException("Background of " + background.width() + " x " +
				background.height() + " does not match the ROI, " + width + " x " + height + ".");
		}
		int[] roi = new int[width * height];
		if (background != null) {
			int[] source = background.packedRgb();
			for (int i = 0; i < roi.length; i++) {
				roi[i] = source[i] & 0xffffff;
			}
		}
		else {
			Arrays.fill(roi, 0xffffff);
		}
		boolean[] tumour = analysis.tumour().mask();
		for (int i = 0; i < roi.length; i++) {
			if (tumour[i]) {
				roi[i] = blend(roi[i], TUMOUR_TINT_RGB, TINT_OPACITY);
			}
			else if (analysis.band()[i]) {
				roi[i] = blend(roi[i], BAND_TINT_RGB, TINT_OPACITY);
			}
		}
		drawBorder(roi, tumour, width, height);

		int panelWidth = Math.max(MIN_PANEL_WIDTH, height / 2);
		int canvasHeight = Math.max(height, MIN_HEIGHT);
		BufferedImage canvas = new BufferedImage(width + panelWidth, canvasHeight,
			BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = canvas.createGraphics();
		try {
			graphics.setColor(Color.WHITE);
			graphics.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
			canvas.setRGB(0, 0, width, height, roi, 0, width);
			drawNuclei(graphics, report, analysis, width, height);
			drawChart(graphics, report, width, panelWidth, canvasHeight);
		}
		finally {
			graphics.dispose();
		}
		int[] pixels = canvas.getRGB(0, 0, canvas.getWidth(), canvas.getHeight(), null, 0, canvas
			.getWidth());
		PixelSize pixelSize = PixelSize.calibrated(report.umPerPixel(), "TIL picture of " + report
			.imageName());
		if (report.pixelSizeAssumed()) {
			pixelSize = new PixelSize(report.umPerPixel(), false, report.pixelSizeOrigin());
		}
		return RgbImage.wrap(report.imageName() + " TILs", pixels, canvas.getWidth(), canvas
			.getHeight(), pixelSize);
	}

	/** Dot radius in pixels: visible on a 1024 px ROI without hiding neighbouring nuclei. */
	static int dotRadius(int width, int height) {
		return Math.max(2, Math.round(Math.min(width, height) / 256f));
	}

	private static void drawNuclei(Graphics2D graphics, TilReport report, TilAnalysis analysis,
		int width, int height)
	{
		graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING,
			RenderingHints.VALUE_ANTIALIAS_OFF);
		graphics.setClip(0, 0, width, height);
		int radius = dotRadius(width, height);
		for (TilMeasurement til : report.tils()) {
			int x = (int) Math.floor(til.x());
			int y = (int) Math.floor(til.y());
			graphics.setColor(Color.BLACK);
			graphics.fillOval(x - radius - 1, y - radius - 1, 2 * radius + 3, 2 * radius + 3);
			graphics.setColor(new Color(colour(til.location())));
			graphics.fillOval(x - radius, y - radius, 2 * radius + 1, 2 * radius + 1);
		}
		graphics.setClip(null);
	}

	private static void drawChart(Graphics2D graphics, TilReport report, int left, int panelWidth,
		int height)
	{
		graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
			RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
		int margin = 20;
		int x0 = left + margin;
		int fontSize = Math.max(12, panelWidth / 32);
		graphics.setFont(new Font(Font.SANS_SERIF, Font.BOLD, fontSize + 2));
		graphics.setColor(Color.BLACK);
		int lineHeight = graphics.getFontMetrics().getHeight();
		graphics.drawString("TIL density (cells/mm\u00b2)", x0, margin + lineHeight);

		graphics.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, fontSize));
		FontMetrics metrics = graphics.getFontMetrics();
		List<Compartment> bars = List.of(Compartment.INTRATUMOURAL, Compartment.STROMAL,
			Compartment.PERITUMOURAL, Compartment.ROI);
		int[] barColours = { INTRATUMOURAL_RGB, STROMAL_RGB, PERITUMOURAL_RGB, OTHER_RGB };
		double maxDensity = 0;
		for (Compartment compartment : bars) {
			Quantity density = report.compartment(compartment).tilDensityPerMm2();
			if (density.isDefined()) {
				maxDensity = Math.max(maxDensity, density.value());
			}
		}
		int chartTop = margin + 2 * lineHeight + metrics.getHeight();
		int legendHeight = 6 * metrics.getHeight();
		int baseline = height - margin - legendHeight - 2 * metrics.getHeight();
		int chartHeight = Math.max(20, baseline - chartTop);
		int slot = (panelWidth - 2 * margin) / bars.size();
		int barWidth = slot * 2 / 3;

		graphics.setColor(Color.BLACK);
		graphics.setStroke(new BasicStroke(1));
		graphics.drawLine(x0, baseline, left + panelWidth - margin, baseline);
		for (int i = 0; i < bars.size(); i++) {
			Quantity density = report.compartment(bars.get(i)).tilDensityPerMm2();
			int barLeft = x0 + i * slot + (slot - barWidth) / 2;
			String valueText = density.isDefined() ? String.format(Locale.ROOT, "%.0f", density
				.value()) : Quantity.UNDEFINED_TEXT;
			int barHeight = 0;
			if (density.isDefined() && maxDensity > 0) {
				barHeight = (int) Math.round(chartHeight * density.value() / maxDensity);
				graphics.setColor(new Color(barColours[i]));
				graphics.fillRect(barLeft, baseline - barHeight, barWidth, barHeight);
			}
			graphics.setColor(Color.BLACK);
			centred(graphics, valueText, barLeft + barWidth / 2, baseline - barHeight - 4);
			String[] words = bars.get(i).label().split(" ");
			for (int line = 0; line < words.length; line++) {
				centred(graphics, words[line], barLeft + barWidth / 2, baseline + (line + 1) * metrics
					.getHeight());
			}
		}

		int y = height - margin - legendHeight + metrics.getHeight();
		legend(graphics, x0, y, TUMOUR_TINT_RGB, "tumour region" + (report.tumourRegionEstimated()
			? " (estimated)" : ""));
		legend(graphics, x0, y += metrics.getHeight(), BAND_TINT_RGB, String.format(Locale.ROOT,
			"peritumoural band (%s \u00b5m)", trim(report.bandWidthUm())));
		legend(graphics, x0, y += metrics.getHeight(), INTRATUMOURAL_RGB, "TIL: intratumoural");
		legend(graphics, x0, y += metrics.getHeight(), PERITUMOURAL_RGB, "TIL: in band");
		legend(graphics, x0, y += metrics.getHeight(), STROMAL_RGB, "TIL: stromal, beyond band");
		graphics.setColor(Color.BLACK);
		graphics.drawString(String.format(Locale.ROOT, "%.4g \u00b5m/px%s", report.umPerPixel(),
			report.pixelSizeAssumed() ? " (assumed)" : ""), x0, y += metrics.getHeight());
	}

	private static void legend(Graphics2D graphics, int x, int y, int rgb, String text) {
		int size = graphics.getFontMetrics().getAscent();
		graphics.setColor(new Color(rgb));
		graphics.fillRect(x, y - size, size, size);
		graphics.setColor(Color.BLACK);
		graphics.drawRect(x, y - size, size, size);
		graphics.drawString(text, x + size + 6, y);
	}

	private static void centred(Graphics2D graphics, String text, int centreX, int y) {
		graphics.drawString(text, centreX - graphics.getFontMetrics().stringWidth(text) / 2, y);
	}

	private static void drawBorder(int[] roi, boolean[] tumour, int width, int height) {
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				int i = y * width + x;
				if (tumour[i] && ((x > 0 && !tumour[i - 1]) || (x < width - 1 && !tumour[i + 1]) ||
					(y > 0 && !tumour[i - width]) || (y < height - 1 && !tumour[i + width])))
				{
					roi[i] = TUMOUR_BORDER_RGB;
				}
			}
		}
	}

	private static int blend(int rgb, int tint, double opacity) {
		int red = mix((rgb >> 16) & 0xff, (tint >> 16) & 0xff, opacity);
		int green = mix((rgb >> 8) & 0xff, (tint >> 8) & 0xff, opacity);
		int blue = mix(rgb & 0xff, tint & 0xff, opacity);
		return (red << 16) | (green << 8) | blue;
	}

	private static int mix(int base, int tint, double opacity) {
		return (int) Math.round(base * (1 - opacity) + tint * opacity);
	}

	private static String trim(double value) {
		return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
	}
}
