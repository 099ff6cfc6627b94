package org.pumaseg.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

/**
 * Runs a main class in a child JVM under {@code strace -f -e trace=connect}, which logs every
 * {@code connect(2)} system call of every thread and child process, and keeps the calls whose
 * address family is {@code AF_INET} or {@code AF_INET6}. Local {@code AF_UNIX} sockets (such as
 * the name-service cache) are not network traffic. The child gets no DJL setting from its
 * parent (see {@link ChildJvm}), so an offline switch must come from the product itself.
 */
public final class ConnectTrace {

	/** Exit code and output of the child, and the network {@code connect} lines of the trace. */
	public record Traced(int exitCode, String output, List<String> networkConnects) {}

	private ConnectTrace() {}

	/** Traces {@link EngineProbe} with {@code probeArguments}; the trace goes into {@code folder}. */
	static Traced probe(Path folder, String... probeArguments) throws Exception {
		return main(folder, EngineProbe.class.getName(), Map.of(), probeArguments);
	}

	/**
	 * Traces {@code mainClass} with {@code arguments} and extra {@code environment} variables;
	 * the trace file goes into {@code folder}.
	 */
	public static Traced main(Path folder, String mainClass, Map<String, String> environment,
		String... arguments) throws Exception
	{
		Path strace = Paths.get("/usr/bin/strace");
		assertTrue(Files.isExecutable(strace),
			"strace is needed for this test; install it (Debian: apt-get install strace).");
		Path trace = Files.createTempFile(folder, "connect-", ".trace");

		ChildJvm.Result result = ChildJvm.runMain(mainClass, List.of(strace.toString(), "-f",
			"-e", "trace=connect", "-o", trace.toString()), List.of(), environment, arguments);

		List<String> networkConnects = Files.readAllLines(trace).stream().filter(
			line -> line.contains("connect(") && line.contains("AF_INET")).toList();
		return new Traced(result.exitCode(), result.output(), networkConnects);
	}
}
