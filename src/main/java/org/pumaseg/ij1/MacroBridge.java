package org.pumaseg.ij1;

import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.pumaseg.InvalidInputException;
import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.convert.ConvertService;
import org.scijava.module.ModuleItem;
import org.scijava.module.ModuleService;
import org.scijava.module.process.PreprocessorPlugin;
import org.scijava.plugin.PluginService;
import org.scijava.service.Service;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.Menus;
import ij.WindowManager;
import ij.macro.Interpreter;
import ij.measure.ResultsTable;
import ij.plugin.PlugIn;
import ij.plugin.filter.Analyzer;

/**
 * Runs PumaSeg's SciJava commands from ImageJ 1.x macros:
 * {@code run("Stain Normalization", "method=macenko")}.
 * <p>
 * Fiji reaches SciJava commands from macros through imagej-legacy, which plain ImageJ 1.x
 * lacks. So each command also has an ImageJ 1.x entry in the jar's {@code plugins.config}
 * that calls this plug-in with the command's class name. The plug-in reads the macro options
 * (keys are the commands' snake_case parameter names, values in [brackets] may contain
 * spaces), passes the active image to the command's {@link ImagePlus} input, runs the command
 * in a SciJava context and shows the images and Results tables it returns. Errors abort the macro with the
 * command's message.
 */
public class MacroBridge implements PlugIn {

	private static final Pattern CONFIG_LINE = Pattern.compile(
		"^\\s*[^#\\s][^,]*,\\s*\"([^\"]+)\",\\s*" + Pattern.quote(MacroBridge.class.getName()) +
			"\\(\"([^\"]+)\"\\)\\s*$");

	/** Message of the last command that stopped a macro, for {@link MacroRunner}. */
	private static volatile String lastError;

	/** Returns the message of the last PumaSeg error in a macro, or null, and forgets it. */
	static String takeLastError() {
		String error = lastError;
		lastError = null;
		return error;
	}

	@Override
	public void run(String commandClassName) {
		SciJavaContexts.withPumaSegClassLoader(() -> {
			runAndShow(commandClassName);
			return null;
		});
	}

	private void runAndShow(String commandClassName) {
		try {
			CommandModule module = runCommand(SciJavaContexts.get(), commandClassName, Macro
				.getOptions(), WindowManager.getCurrentImage());
			boolean resultsShown = false;
			for (ModuleItem<?> item : module.getInfo().outputs()) {
				Object output = module.getOutput(item.getName());
				if (output instanceof ImagePlus) {
					((ImagePlus) output).show();
				}
				else if (output instanceof ResultsTable && !resultsShown) {
					// The first table becomes the system Results table, so macros read it with
					// getResult() and nResults; show() alone does not set that table in a
					// headless JVM.
					Analyzer.setResultsTable((ResultsTable) output);
					((ResultsTable) output).show("Results");
					resultsShown = true;
				}
				else if (output instanceof ResultsTable) {
					((ResultsTable) output).show(item.getLabel() != null ? item.getLabel() : item
						.getName());
				}
			}
		}
		catch (InvalidInputException e) {
			reportAndAbort(e.getMessage());
		}
	}

	/**
	 * Shows {@code message} and stops the running macro. Headless, ImageJ's error dialog
	 * cannot open, so the message goes to the ImageJ log (standard output) instead.
	 */
	private static void reportAndAbort(String message) {
		lastError = message;
		if (GraphicsEnvironment.isHeadless()) {
			IJ.log("PumaSeg error: " + message);
		}
		else {
			IJ.error("PumaSeg", message);
		}
		// Macro.abort() alone stops only macros on threads named "...Macro$" (ImageJ 1.54).
		Interpreter interpreter = Interpreter.getInstance();
		if (interpreter != null) {
			interpreter.abortMacro();
		}
		Macro.abort();
	}

	/**
	 * Runs the command class {@code commandClassName} with the given macro options and returns
	 * its module, whose outputs the caller may show.
	 *
	 * @throws InvalidInputException for unknown options, values of the wrong type, or a
	 *           command that stops with a message
	 */
	public static CommandModule runCommand(Context context, String commandClassName,
		String options, ImagePlus activeImage)
	{
		CommandService commands = context.service(CommandService.class);
		CommandInfo info = commands.getCommand(commandClassName);
		if (info == null) {
			throw new InvalidInputException("No PumaSeg command " + commandClassName +
				" is installed. Reinstall PumaSeg.");
		}
		String label = info.getLabel() != null ? info.getLabel() : info.getClassName();

		Map<String, ModuleItem<?>> settable = new LinkedHashMap<>();
		ModuleItem<?> imageInput = null;
		for (ModuleItem<?> input : info.inputs()) {
			if (Service.class.isAssignableFrom(input.getType()) || Context.class
				.isAssignableFrom(input.getType()))
			{
				continue;
			}
			if (input.getType() == ImagePlus.class) {
				imageInput = input;
				continue;
			}
			settable.put(input.getName(), input);
		}
		Set<String> keys = new LinkedHashSet<>(settable.keySet());
		Map<String, String> values = MacroOptions.parse(options, label, keys);

		Map<String, Object> inputs = new LinkedHashMap<>();
		ConvertService convert = context.service(ConvertService.class);
		for (Map.Entry<String, String> entry : values.entrySet()) {
			ModuleItem<?> item = settable.get(entry.getKey());
			inputs.put(entry.getKey(), convertOption(convert, item, entry.getValue(), label));
		}
		if (imageInput != null) {
			if (activeImage == null) {
				throw new InvalidInputException(label + " needs an open image. Open one first, " +
					"for example with open(\"/path/to/image.tif\").");
			}
			inputs.put(imageInput.getName(), activeImage);
		}

		// Inputs the macro leaves out keep the command's defaults, as in ImageJ 1.x macros:
		// resolving them stops SciJava from filling them with the last values used or asking
		// for a file.
		ModuleService modules = context.service(ModuleService.class);
		CommandModule module = (CommandModule) modules.createModule(info);
		for (String name : settable.keySet()) {
			if (!inputs.containsKey(name)) {
				module.resolveInput(name);
			}
		}
		// Preprocessors inject services and check inputs. Postprocessors are left out: they
		// would try to display the outputs, which this bridge shows itself.
		List<PreprocessorPlugin> preprocessors = context.service(PluginService.class)
			.createInstancesOfType(PreprocessorPlugin.class);
		try {
			modules.run(module, preprocessors, List.of(), inputs).get();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new InvalidInputException(label + " was interrupted.");
		}
		catch (ExecutionException e) {
			throw new IllegalStateException(label + " failed: " + e.getCause(), e.getCause());
		}
		if (module.isCanceled()) {
			String reason = module.getCancelReason();
			throw new InvalidInputException(reason != null ? reason : label + " was canceled.");
		}
		return module;
	}

	/**
	 * Converts one option value to its parameter's type. Numbers are parsed strictly (SciJava's
	 * converter turns "0,5" or "abc" into 0), and choices must be one of the listed values.
	 */
	private static Object convertOption(ConvertService convert, ModuleItem<?> item, String text,
		String label)
	{
		Class<?> type = item.getType();
		String key = item.getName();
		if (type == double.class || type == Double.class || type == float.class ||
			type == Float.class || type == int.class || type == Integer.class || type == long.class ||
			type == Long.class)
		{
			try {
				double number = Double.parseDouble(text.trim());
				if (type == int.class || type == Integer.class || type == long.class ||
					type == Long.class)
				{
					if (number != Math.rint(number)) {
						throw new NumberFormatException();
					}
				}
			}
			catch (NumberFormatException e) {
				String hint = text.contains(",") ? " Write decimals with a point, e.g. 0.5." : "";
				throw new InvalidInputException("Invalid value '" + text + "' for option " + key +
					" of " + label + ": expected " + (type == double.class || type == Double.class ||
						type == float.class || type == Float.class ? "a number" : "a whole number") +
					"." + hint);
			}
		}
		List<?> choices = item.getChoices();
		if (choices != null && !choices.isEmpty() && !choices.contains(text)) {
			throw new InvalidInputException("Invalid value '" + text + "' for option " + key +
				" of " + label + ". Use one of: " + choices + " (put values with spaces in " +
				"[brackets]).");
		}
		Object value = convert.convert(text, type);
		if (value == null) {
			throw new InvalidInputException("Invalid value '" + text + "' for option " + key +
				" of " + label + ": expected " + type.getSimpleName() + ".");
		}
		return value;
	}

	/**
	 * Creates ImageJ's command table when no ImageJ user interface has made it. With a
	 * display, this is what {@code IJ.run} does on its first call (the package-private
	 * {@code IJ.init()} in ImageJ 1.54). Headless, that step fails because it builds AWT menus,
	 * so the table is filled with the {@link HeadlessCommands} instead.
	 */
	private static void initialiseImageJ() {
		try {
			if (GraphicsEnvironment.isHeadless()) {
				Field table = Menus.class.getDeclaredField("pluginsTable");
				table.setAccessible(true);
				table.set(null, HeadlessCommands.table());
			}
			else {
				Method init = IJ.class.getDeclaredMethod("init");
				init.setAccessible(true);
				init.invoke(null);
			}
		}
		catch (ReflectiveOperationException | RuntimeException e) {
			throw new IllegalStateException("Cannot initialise ImageJ's command table (" + e +
				"); this ImageJ version is not supported.", e);
		}
		if (Menus.getCommands() == null) {
			throw new IllegalStateException("ImageJ's command table is still missing after " +
				"initialisation; this ImageJ version is not supported.");
		}
	}

	/**
	 * Adds the PumaSeg entries of every {@code plugins.config} on the class path to ImageJ's
	 * command table, so {@code run("...")} finds them when PumaSeg is not installed in an
	 * ImageJ plugins folder (the command line, tests, embedded use). Returns the labels added.
	 */
	@SuppressWarnings("unchecked")
	public static Set<String> installCommands() throws IOException {
		Hashtable<String, String> table = Menus.getCommands();
		if (table == null) {
			initialiseImageJ();
			table = Menus.getCommands();
		}
		Set<String> labels = new LinkedHashSet<>();
		var resources = MacroBridge.class.getClassLoader().getResources("plugins.config");
		while (resources.hasMoreElements()) {
			try (InputStream in = resources.nextElement().openStream()) {
				for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split(
					"\n"))
				{
					Matcher matcher = CONFIG_LINE.matcher(line);
					if (matcher.matches()) {
						table.put(matcher.group(1), MacroBridge.class.getName() + "(\"" + matcher
							.group(2) + "\")");
						labels.add(matcher.group(1));
					}
				}
			}
		}
		return labels;
	}
}
