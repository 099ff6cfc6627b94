package org.pumaseg.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeadlessCommandsTest {

	/** Binary commands need a mask, and Stack to RGB a 3-slice stack, to do anything. */
	private static final Set<String> ON_MASK = Set.of("Erode", "Dilate", "Open", "Close-",
		"Fill Holes", "Outline", "Skeletonize", "Distance Map", "Watershed");

	@Test
	void everyCommandRunsWithoutDisplay(@TempDir Path folder) throws Exception {
		List<HeadlessCommands.Command> commands = HeadlessCommands.commands();
		assertTrue(commands.size() > 50, "commands listed: " + commands.size());
		PrintStream console = System.out;
		try {
			for (HeadlessCommands.Command command : commands) {
				String setUp = ON_MASK.contains(command.label()) ? "run(\"Convert to Mask\");\n"
					: command.label().equals("Stack to RGB") ? "run(\"RGB Stack\");\n" : "";
				String options = command.testOptions().replace("OUT", folder.resolve("out")
					.toString());
				String macro = "newImage(\"a\", \"RGB ramp\", 64, 48, 1);\n" +
					"makeRectangle(4, 4, 20, 20);\n" + setUp + "run(\"" + command.label() + "\", \"" +
					options + "\");\n" + "close(\"*\");\n";
				// ImageJ prints a command's exception and lets the macro go on.
				ByteArrayOutputStream printed = new ByteArrayOutputStream();
				System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
				MacroRunner.Outcome outcome = MacroRunner.run(macro, "");
				System.setOut(console);

				assertNull(outcome.message(), command.label());
				assertFalse(printed.toString(StandardCharsets.UTF_8).contains("Exception"), command
					.label() + ": " + printed);
			}
		}
		finally {
			System.setOut(console);
		}
	}

	@Test
	void commandsMatchImageJMenus() {
		var table = HeadlessCommands.table();
		assertEquals("ij.plugin.Resizer(\"crop\")", table.get("Crop"));
		assertEquals("ij.plugin.filter.Writer(\"png\")", table.get("PNG..."));
		assertEquals("ij.plugin.filter.GaussianBlur", table.get("Gaussian Blur..."));
	}

	@Test
	void dialogCommandsAreLeftOut() {
		var table = HeadlessCommands.table();
		assertFalse(table.containsKey("Scale..."));
		assertFalse(table.containsKey("Duplicate..."));
		assertFalse(table.containsKey("Brightness/Contrast..."));
	}
}
