package org.pumaseg.annotation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.pumaseg.InvalidInputException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads nucleus outlines from Aperio ImageScope XML, the format of the MoNuSeg annotations:
 * {@code Annotations/Annotation/Regions/Region/Vertices/Vertex} with {@code X} (column) and
 * {@code Y} (row) in pixels. Outlines carry no class. Regions with fewer than 3 distinct
 * vertices are skipped and counted.
 */
public final class AperioXml {

	/** Class name given to every outline, since the format has none. */
	public static final String NUCLEUS = Track.NUCLEUS_NAME;

	/**
	 * Outlines of one file.
	 *
	 * @param micronsPerPixel the {@code MicronsPerPixel} attribute, or NaN when absent
	 */
	public record Outlines(List<ClassifiedPolygon> nuclei, int skippedRegions,
		double micronsPerPixel)
	{}

	private AperioXml() {}

	public static Outlines read(Path file) {
		Document document = parse(file);
		Element root = document.getDocumentElement();
		if (!"Annotations".equals(root.getTagName())) {
			throw new InvalidInputException(file + " is not an Aperio ImageScope annotation file: " +
				"its root element is <" + root.getTagName() + ">, not <Annotations>. Give the " +
				"MoNuSeg-style XML outlines, or a GeoJSON file.");
		}
		double micronsPerPixel = Double.NaN;
		String mpp = root.getAttribute("MicronsPerPixel");
		if (!mpp.isBlank()) {
			micronsPerPixel = parseNumber(file, "MicronsPerPixel", mpp);
		}

		GeometryFactory geometry = new GeometryFactory();
		List<ClassifiedPolygon> nuclei = new ArrayList<>();
		int skipped = 0;
		NodeList regions = root.getElementsByTagName("Region");
		for (int r = 0; r < regions.getLength(); r++) {
			Element region = (Element) regions.item(r);
			NodeList vertices = region.getElementsByTagName("Vertex");
			List<Coordinate> ring = new ArrayList<>();
			for (int v = 0; v < vertices.getLength(); v++) {
				Element vertex = (Element) vertices.item(v);
				Coordinate c = new Coordinate(parseNumber(file, "X", vertex.getAttribute("X")),
					parseNumber(file, "Y", vertex.getAttribute("Y")));
				if (ring.isEmpty() || !ring.get(ring.size() - 1).equals2D(c)) {
					ring.add(c);
				}
			}
			if (ring.size() > 1 && ring.get(0).equals2D(ring.get(ring.size() - 1))) {
				ring.remove(ring.size() - 1);
			}
			if (ring.size() < 3) {
				skipped++;
				continue;
			}
			ring.add(ring.get(0));
			nuclei.add(ClassifiedPolygon.annotation(NUCLEUS, geometry.createPolygon(ring.toArray(
				new Coordinate[0]))));
		}
		return new Outlines(nuclei, skipped, micronsPerPixel);
	}

	private static Document parse(Path file) {
		try (InputStream in = Files.newInputStream(file)) {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			// No DTDs and no external entities: annotation files need neither.
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
			factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
			factory.setExpandEntityReferences(false);
			DocumentBuilder builder = factory.newDocumentBuilder();
			builder.setErrorHandler(null);
			return builder.parse(in);
		}
		catch (SAXException e) {
			throw new InvalidInputException(file + " is not well-formed XML (" + e.getMessage() +
				"). Fix or re-export the annotation file.", e);
		}
		catch (IOException e) {
			throw new InvalidInputException("Cannot read " + file + ": " + e.getMessage(), e);
		}
		catch (ParserConfigurationException e) {
			throw new IllegalStateException("The JDK's XML parser lacks a required feature.", e);
		}
	}

	private static double parseNumber(Path file, String attribute, String text) {
		try {
			double value = Double.parseDouble(text.trim());
			if (Double.isFinite(value)) {
				return value;
			}
		}
		catch (NumberFormatException e) {
			// Reported below.
		}
		throw new InvalidInputException(file + ": attribute " + attribute + "=\"" + text +
			"\" is not a number. Fix the annotation file.");
	}
}
