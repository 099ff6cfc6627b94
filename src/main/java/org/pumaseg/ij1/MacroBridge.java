package org.pumaseg.ij1;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
import org.scijava.service.Service;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.Menus;
import ij.WindowManager;
import ij.plugin.PlugIn;

/**
 * Runs PumaSeg's SciJava commands from ImageJ 1.x macros:
 * {@code run("Stain Normalization", "method=macenko")}.
 * <p>
 * Fiji reaches SciJava commands from macros through imagej-legacy, which plain ImageJ 1.x
 * lacks. So each command also has an ImageJ 1.x entry in the jar's {@code plugins.config}
 * that calls this plug-in with the command's class name. The plug-in reads the macro options
 * (keys are the commands' snake_case parameter names, values in [brackets] may contain
 * spaces), passes the active image to the command's {@link ImagePlus} input, runs the command
 * in a SciJava context and shows the images it returns. Errors abort the macro with the
 * command's message.
 */
public class MacroBridge implements PlugIn {

	private static final Pattern CONFIG_LINE = Pattern.compile(
		"^\\s*[^#\\s][^,]*,\\s*\"([^\"]+)\",\\s*" + Pattern.quote(MacroBridge.class.getName()) +
			"\\(\"([^\"]+)\"\\)\\s*$");

	@Override
	public void run(String commandClassName) {
		try {
			CommandModule module = runCommand(SciJavaContexts.get(), commandClassName, Macro
				.getOptions(), WindowManager.getCurrentImage());
			for (Object output : module.getOutputs().values()) {
				if (output instanceof ImagePlus) {
					((ImagePlus) output).show();
				}
			}
		}
		catch (InvalidInputException e) {
			IJ.error("PumaSeg", e.getMessage());
			Macro.abort();
		}
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
			Class<?> type = settable.get(entry.getKey()).getType();
			Object value = convert.convert(entry.getValue(), type);
			if (value == null) {
				throw new InvalidInputException("Invalid value '" + entry.getValue() +
					"' for option " + entry.getKey() + " of " + label + ": expected " + type
						.getSimpleName() + ".");
			}
			inputs.put(entry.getKey(), value);
		}
		if (imageInput != null) {
			if (activeImage == null) {
				throw new InvalidInputException(label + " needs an open image. Open one first, " +
					"for example with open(\"/path/to/image.tif\").");
			}
			inputs.put(imageInput.getName(), activeImage);
		}

		CommandModule module;
		try {
			module = commands.run(info, true, inputs).get();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new InvalidInputException(label + " was interrupted.");
		}
		catch (ExecutionException e) {
			throw new IllegalStateException(label + " failed: " + e.getCause(), e.getCause());
		}
		if (module == null) {
			throw new IllegalStateException(label + " failed; see the log for the error.");
		}
		if (module.isCanceled()) {
			String reason = module.getCancelReason();
			throw new InvalidInputException(reason != null ? reason : label + " was canceled.");
		}
		return module;
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
			throw new IllegalStateException("ImageJ's command table is not initialised.");
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
