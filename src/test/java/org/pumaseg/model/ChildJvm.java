package org.pumaseg.model;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@link EngineProbe}, or another main class, in a fresh JVM with the test class path. */
public final class ChildJvm {

	public record Result(int exitCode, String output) {}

	private ChildJvm() {}

	/**
	 * Runs the probe with {@code arguments}, optionally under {@code prefix} (such as strace),
	 * with {@code jvmOptions} (which may replace the class path with {@code -cp}) and extra
	 * {@code environment} variables. The child inherits no DJL setting from this JVM.
	 */
	static Result run(List<String> prefix, List<String> jvmOptions,
		Map<String, String> environment, String... arguments) throws Exception
	{
		return runMain(EngineProbe.class.getName(), prefix, jvmOptions, environment, arguments);
	}

	/**
	 * Starts the {@code main} method of {@code mainClass} in a fresh JVM with the test class
	 * path, offline and without tracking, with standard error merged into standard output, and
	 * returns the running process for the caller to read, wait for or kill.
	 */
	public static Process start(String mainClass, List<String> jvmOptions, String... arguments)
		throws java.io.IOException
	{
		Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
		List<String> command = new ArrayList<>(List.of(java.toString(), "-cp", System
			.getProperty("java.class.path"), "-Dai.djl.offline=true", "-DOPT_OUT_TRACKING=true"));
		command.addAll(jvmOptions);
		command.add(mainClass);
		command.addAll(List.of(arguments));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().remove("JAVA_TOOL_OPTIONS");
		builder.environment().put("OPT_OUT_TRACKING", "true");
		builder.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
		return builder.start();
	}

	/** Runs the {@code main} method of {@code mainClass} in the same way as {@link #run}. */
	public static Result runMain(String mainClass, List<String> prefix, List<String> jvmOptions,
		Map<String, String> environment, String... arguments) throws Exception
	{
		Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
		List<String> command = new ArrayList<>(prefix);
		command.add(java.toString());
		if (!jvmOptions.contains("-cp")) {
			command.addAll(List.of("-cp", System.getProperty("java.class.path")));
		}
		command.addAll(jvmOptions);
		command.add(mainClass);
		command.addAll(List.of(arguments));

		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().remove("OPT_OUT_TRACKING");
		builder.environment().remove("JAVA_TOOL_OPTIONS");
		builder.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
		builder.environment().putAll(environment);

		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes());
		if (!process.waitFor(5, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new AssertionError("Child JVM timed out: " + output);
		}
		return new Result(process.exitValue(), output);
	}
}
