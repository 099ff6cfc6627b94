package org.pumaseg.annotation;

import java.util.Locale;

/**
 * QuPath object type of a feature: nuclei are detections, tissue regions are annotations.
 * The PUMA ground-truth files mark every object, nuclei included, as an annotation.
 */
public enum ObjectType {

	DETECTION("detection"), ANNOTATION("annotation");

	private final String jsonName;

	ObjectType(String jsonName) {
		this.jsonName = jsonName;
	}

	/** The value of {@code properties.objectType} in QuPath GeoJSON. */
	public String jsonName() {
		return jsonName;
	}

	/** Parses a QuPath object type; returns null for a value QuPath does not define here. */
	public static ObjectType fromJsonName(String value) {
		String lower = value.toLowerCase(Locale.ROOT);
		for (ObjectType type : values()) {
			if (type.jsonName.equals(lower)) {
				return type;
			}
		}
		return null;
	}
}
