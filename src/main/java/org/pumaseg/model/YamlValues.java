package org.pumaseg.model;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deep, immutable copies of YAML values (maps with text keys, lists, text, numbers, booleans,
 * null). Whole numbers become Long and other numbers Double, so values read from YAML equal
 * values built in Java.
 */
final class YamlValues {

	private YamlValues() {}

	static Map<String, Object> immutableMap(Map<String, ?> map) {
		if (map == null || map.isEmpty()) {
			return Map.of();
		}
		@SuppressWarnings("unchecked")
		Map<String, Object> copy = (Map<String, Object>) immutableCopy(map);
		return copy;
	}

	/** A deep immutable copy; throws IllegalArgumentException for other value types. */
	static Object immutableCopy(Object value) {
		if (value == null || value instanceof String || value instanceof Boolean) {
			return value;
		}
		if (value instanceof Integer || value instanceof Long || value instanceof Short ||
			value instanceof Byte)
		{
			return ((Number) value).longValue();
		}
		if (value instanceof BigInteger) {
			BigInteger big = (BigInteger) value;
			return big.bitLength() < 64 ? (Object) big.longValue() : big.doubleValue();
		}
		if (value instanceof Float || value instanceof Double) {
			return ((Number) value).doubleValue();
		}
		if (value instanceof Map) {
			Map<String, Object> copy = new LinkedHashMap<>();
			for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
				if (!(entry.getKey() instanceof String)) {
					throw new IllegalArgumentException("the key " + entry.getKey() +
						" is not text");
				}
				copy.put((String) entry.getKey(), immutableCopy(entry.getValue()));
			}
			return Collections.unmodifiableMap(copy);
		}
		if (value instanceof List) {
			List<Object> copy = new ArrayList<>();
			for (Object element : (List<?>) value) {
				copy.add(immutableCopy(element));
			}
			return Collections.unmodifiableList(copy);
		}
		throw new IllegalArgumentException("a value of type " + value.getClass()
			.getSimpleName() + " is not plain YAML data");
	}
}
