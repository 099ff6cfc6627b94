package org.pumaseg.cli;

import java.io.IOException;
import java.util.concurrent.Callable;

import org.pumaseg.InvalidInputException;
import org.pumaseg.PumaSegVersion;
import org.pumaseg.model.EngineUnavailableException;
import org.pumaseg.model.OfflineMode;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code pumaseg} command line. Each subcommand parses its options, calls the library and
 * prints what it wrote. Exit status: 0 success, 1 failure of the run, 2 bad input or usage.
 */
@Command(name = "pumaseg", mixinStandardHelpOptions = true,
	versionProvider = PumaSegCli.Version.class,
	description = "Panoptic segmentation of H&E melanoma images.",
	subcommands = { SegmentCommand.class, EvaluateCommand.class, TilCommand.class,
		TrainCommand.class, NormalizeCommand.class, MacroCommand.class, BenchCommand.class })
public final class PumaSegCli implements Callable<Integer> {

	static final int EXIT_FAILURE = 1;
	static final int EXIT_INVALID_INPUT = 2;

	public static void main(String[] args) {
		System.exit(run(args));
	}

	/** Runs the command line and returns the exit status, without exiting the JVM. */
	public static int run(String... args) {
		OfflineMode.enable();
		CommandLine commandLine = new CommandLine(new PumaSegCli());
		// Subcommands have -V/--version through mixinStandardHelpOptions, but no version of
		// their own, so picocli would print an empty line for them.
		for (CommandLine subcommand : commandLine.getSubcommands().values()) {
			subcommand.getCommandSpec().versionProvider(new Version());
		}
		commandLine.setExecutionExceptionHandler(PumaSegCli::handleException);
		try {
			return commandLine.execute(args);
		}
		catch (OutOfMemoryError e) {
			System.err.println("Error: Java ran out of memory (" + Runtime.getRuntime().maxMemory() /
				(1 << 20) + " MB heap). Give it more, e.g. JAVA_OPTS=-Xmx8g, or use a smaller image.");
			return EXIT_FAILURE;
		}
	}

	@Override
	public Integer call() {
		new CommandLine(this).usage(System.out);
		return 0;
	}

	private static int handleException(Exception e, CommandLine commandLine,
		CommandLine.ParseResult parseResult)
	{
		if (e instanceof InvalidInputException) {
			commandLine.getErr().println("Error: " + e.getMessage());
			return EXIT_INVALID_INPUT;
		}
		if (e instanceof EngineUnavailableException) {
			commandLine.getErr().println("Error: " + e.getMessage());
			return EXIT_FAILURE;
		}
		if (e instanceof IOException) {
			commandLine.getErr().println("Error: " + e.getMessage() + (e.getCause() != null
				? " (" + e.getCause().getMessage() + ")" : "") +
				". Check the disk space and permissions of the output folder.");
			return EXIT_FAILURE;
		}
		commandLine.getErr().println("Error: " + e);
		e.printStackTrace(commandLine.getErr());
		return EXIT_FAILURE;
	}

	static final class Version implements CommandLine.IVersionProvider {

		@Override
		public String[] getVersion() {
			return new String[] { "PumaSeg " + PumaSegVersion.get() };
		}
	}
}
