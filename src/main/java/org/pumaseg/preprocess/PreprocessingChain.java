package org.pumaseg.preprocess;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.pumaseg.InvalidInputException;
import org.pumaseg.Progress;
import org.pumaseg.image.RgbImage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sequence of preprocessing steps applied to an RGB image, and its serialisable
 * description.
 * <p>
 * The description is a list of {@code {"name": ..., "parameters": {...}}} maps, e.g.
 * <pre>
 * [{"name": "resample", "parameters": {"um_per_pixel": 0.5}},
 *  {"name": "macenko", "parameters": {}},
 *  {"name": "scale", "parameters": {"divide_by": 255}}]
 * </pre>
 * It round-trips through JSON (and YAML, being plain maps and lists), so a model package can
 * name its own preprocessing; {@link #toDescription()} writes every parameter, defaults
 * included. The steps must fit together: colour steps need RGB, so they come before any step
 * that gives float channels.
 */
public final class PreprocessingChain {

	private static final Logger LOG = LoggerFactory.getLogger(PreprocessingChain.class);
	private static final ObjectMapper JSON = new ObjectMapper();
	private static final String EXAMPLE =
		"[{\"name\": \"macenko\", \"parameters\": {}}, {\"name\": \"scale\"}]";

	private final List<PreprocessOp> ops;

	private PreprocessingChain(List<? extends PreprocessOp> ops) {
		this.ops = List.copyOf(ops);
	}

	/**
	 * A chain of {@code ops}, in order.
	 *
	 * @throws InvalidInputException if a step cannot take what the step before gives
	 */
	public static PreprocessingChain of(List<? extends PreprocessOp> ops) {
		StageImage.Kind kind = StageImage.Kind.RGB;
		String previous = "the input image";
		for (int i = 0; i < ops.size(); i++) {
			PreprocessOp op = ops.get(i);
			if (!op.accepts(kind)) {
				throw new InvalidInputException("Preprocessing step " + (i + 1) + " '" + op.name() +
					"' needs " + accepted(op) + " but " + previous + " gives " + kind
						.description() + "; put colour steps (macenko, reinhard, optical_density, " +
					"colour_deconvolution) before float steps (scale, percentile).");
			}
			kind = op.outputKind(kind);
			previous = "step " + (i + 1) + " '" + op.name() + "'";
		}
		return new PreprocessingChain(ops);
	}

	public static PreprocessingChain of(PreprocessOp... ops) {
		return of(List.of(ops));
	}

	/**
	 * The chain a description names.
	 *
	 * @param description a list of maps with a {@code name} and optional {@code parameters}
	 * @throws InvalidInputException naming the faulty entry and the valid choices
	 */
	public static PreprocessingChain fromDescription(List<?> description) {
		if (description == null) {
			throw new InvalidInputException("The preprocessing description is missing; expected a " +
				"list like " + EXAMPLE + ".");
		}
		List<PreprocessOp> ops = new ArrayList<>();
		for (int i = 0; i < description.size(); i++) {
			Object entry = description.get(i);
			if (!(entry instanceof Map<?, ?> map)) {
				throw new InvalidInputException("Preprocessing step " + (i + 1) + " is " + entry +
					", not a map with a name and parameters; expected a list like " + EXAMPLE + ".");
			}
			for (Object key : map.keySet()) {
				if (!"name".equals(key) && !"parameters".equals(key)) {
					throw new InvalidInputException("Preprocessing step " + (i + 1) + " has the key '" +
						key + "'; a step has only 'name' and 'parameters'.");
				}
			}
			if (!(map.get("name") instanceof String name)) {
				throw new InvalidInputException("Preprocessing step " + (i + 1) +
					" has no name; valid names are: " + String.join(", ", PreprocessOps.names()) +
					".");
			}
			Object parameters = map.get("parameters");
			if (parameters != null && !(parameters instanceof Map)) {
				throw new InvalidInputException("Preprocessing step " + (i + 1) + " '" + name +
					"': parameters must be a map of names to values, got " + parameters + ".");
			}
			ops.add(PreprocessOps.create(name, stringKeys(name, (Map<?, ?>) parameters)));
		}
		return of(ops);
	}

	/** The chain a JSON description names (see the class comment). */
	public static PreprocessingChain fromJson(String json) {
		List<Object> description;
		try {
			description = JSON.readValue(json, new TypeReference<List<Object>>() {});
		}
		catch (JsonProcessingException e) {
			throw new InvalidInputException("The preprocessing description is not a JSON list of " +
				"steps (" + e.getOriginalMessage() + "); expected something like " + EXAMPLE + ".",
				e);
		}
		return fromDescription(description);
	}

	/** The steps, in order. */
	public List<PreprocessOp> ops() {
		return ops;
	}

	/** Returns the kind of image the chain outputs for an RGB input. */
	public StageImage.Kind outputKind() {
		StageImage.Kind kind = StageImage.Kind.RGB;
		for (PreprocessOp op : ops) {
			kind = op.outputKind(kind);
		}
		return kind;
	}

	/** The description: one {@code {name, parameters}} map per step, every parameter written. */
	public List<Map<String, Object>> toDescription() {
		List<Map<String, Object>> description = new ArrayList<>();
		for (PreprocessOp op : ops) {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("name", op.name());
			entry.put("parameters", new LinkedHashMap<>(op.parameters()));
			description.add(entry);
		}
		return description;
	}

	public String toJson() {
		try {
			return JSON.writeValueAsString(toDescription());
		}
		catch (JsonProcessingException e) {
			throw new IllegalStateException("Cannot write the preprocessing description.", e);
		}
	}

	/**
	 * Runs every step on {@code image}; an empty chain gives the image itself. Each step gets
	 * an equal share of {@code progress}.
	 */
	public StageImage apply(RgbImage image, Progress progress) {
		StageImage current = StageImage.of(image);
		for (int i = 0; i < ops.size(); i++) {
			PreprocessOp op = ops.get(i);
			progress.checkCanceled();
			long start = System.nanoTime();
			current = op.apply(current, progress.subRange((double) i / ops.size(), (double) (i +
				1) / ops.size()));
			LOG.info("Preprocessing '{}': {} {} in {} ms", image.name(), op.name(), op
				.parameters(), (System.nanoTime() - start) / 1_000_000);
		}
		progress.update(1, "Preprocessing done");
		return current;
	}

	@Override
	public String toString() {
		return toJson();
	}

	private static String accepted(PreprocessOp op) {
		List<String> kinds = new ArrayList<>();
		for (StageImage.Kind kind : StageImage.Kind.values()) {
			if (op.accepts(kind)) {
				kinds.add(kind.description());
			}
		}
		return String.join(" or ", kinds);
	}

	private static Map<String, Object> stringKeys(String name, Map<?, ?> parameters) {
		Map<String, Object> result = new LinkedHashMap<>();
		if (parameters == null) {
			return result;
		}
		for (Map.Entry<?, ?> e : parameters.entrySet()) {
			if (!(e.getKey() instanceof String key)) {
				throw new InvalidInputException("Preprocessing step '" + name +
					"': parameter names must be text, got " + e.getKey() + ".");
			}
			result.put(key, e.getValue());
		}
		return result;
	}
}
