package org.pumaseg.train;

import java.util.Locale;

import org.pumaseg.InvalidInputException;

/** What a network learns: nuclei (foreground, distance maps, optional classes) or tissue. */
public enum TrainingTask {

	NUCLEI, TISSUE;

	/** The name used on the command line and in model cards: {@code nuclei} or {@code tissue}. */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** Returns the task named {@code name}, case-insensitive. */
	public static TrainingTask fromId(String name) {
		for (TrainingTask task : values()) {
			if (task.id().equalsIgnoreCase(name)) {
				return task;
			}
		}
		throw new InvalidInputException("Unknown training task \"" + name +
			"\". Use nuclei or tissue.");
	}
}
