package org.pumaseg.model;

import java.util.Locale;

/** Element types of tensors in the bioimage.io model format ({@code data.type}). */
public enum DataType {
	FLOAT32, FLOAT64, UINT8, INT8, UINT16, INT16, UINT32, INT32, UINT64, INT64, BOOL;

	/** The name used in rdf.yaml, e.g. {@code float32}. */
	public String yamlName() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The type with this rdf.yaml name, or null. */
	public static DataType fromYaml(String name) {
		for (DataType type : values()) {
			if (type.yamlName().equals(name)) {
				return type;
			}
		}
		return null;
	}

	public boolean isFloat() {
		return this == FLOAT32 || this == FLOAT64;
	}
}
