package org.pumaseg.ij1;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;

/**
 * ImageJ 1.x's command table for a JVM without a display, where ImageJ cannot build its menu
 * bar and so has no menu command at all. It lists, in {@code headless-commands.txt}, the
 * image commands that run without a dialog or window: type conversions, Crop, filters, binary
 * and math operations, Measure, and the Save As formats. A macro that calls any other ImageJ
 * command fails with ImageJ's "Unrecognized command" message rather than skipping it.
 */
final class HeadlessCommands {

	/** One listed command; {@code testOptions} are the macro options the tests run it with. */
	record Command(String label, String plugIn, String testOptions) {}

	private HeadlessCommands() {}

	/** Returns the listed commands, in file order. */
	static List<Command> commands() {
		List<Command> commands = new ArrayList<>();
		try (InputStream in = HeadlessCommands.class.getResourceAsStream(
			"headless-commands.txt"))
		{
			String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			for (String line : text.split("\n")) {
				String[] columns = line.split("\t", -1);
				if (!line.startsWith("#") && columns.length == 3) {
					commands.add(new Command(columns[0], columns[1], columns[2]));
				}
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot read the list of headless ImageJ commands: " + e
				.getMessage(), e);
		}
		return commands;
	}

	/** Returns a new table from command label to ImageJ plug-in class with argument. */
	static Hashtable<String, String> table() {
		Hashtable<String, String> table = new Hashtable<>();
		for (Command command : commands()) {
			table.put(command.label(), command.plugIn());
		}
		return table;
	}
}
