package org.pumaseg.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves that starting the engine and running a model attempts no network connection.
 * <p>
 * Mechanism: {@link EngineProbe} runs in a child JVM under {@code strace -f -e trace=connect},
 * which logs every {@code connect(2)} system call of every thread and child process. The test
 * counts the calls whose address family is {@code AF_INET} or {@code AF_INET6}; local
 * {@code AF_UNIX} sockets (such as the name-service cache) are not network traffic. The child
 * gets no DJL setting from its parent: the offline switch must come from the product itself. A
 * second run that connects to a loopback socket of this test shows that the count sees a real
 * connection, so the first check can fail.
 */
class NoNetworkTest {

	@Test
	void engineStartAndInferenceMakeNoConnection(@TempDir Path folder) throws Exception {
		Traced run = runTraced(folder, "run-model");

		assertEquals(0, run.exitCode, run.output);
		assertTrue(run.output.contains("probe output 3.0"), run.output);
		assertEquals(List.of(), run.networkConnects, "network connections attempted");
	}

	@Test
	void tracingSeesLoopbackConnection(@TempDir Path folder) throws Exception {
		try (ServerSocket server = new ServerSocket(0)) {
			Thread acceptor = new Thread(() -> {
				try (Socket ignored = server.accept()) {
					// The connection only has to be accepted.
				}
				catch (IOException e) {
					// The server closes when the test ends.
				}
			});
			acceptor.start();

			Traced run = runTraced(folder, "connect", Integer.toString(server.getLocalPort()));

			assertEquals(0, run.exitCode, run.output);
			assertEquals(1, run.networkConnects.stream().filter(line -> line.contains("htons(" +
				server.getLocalPort() + ")")).count(), run.networkConnects.toString());
			acceptor.join(10_000);
		}
	}

	private record Traced(int exitCode, String output, List<String> networkConnects) {}

	private static Traced runTraced(Path folder, String... probeArguments) throws Exception {
		Path strace = Paths.get("/usr/bin/strace");
		assertTrue(Files.isExecutable(strace),
			"strace is needed for this test; install it (Debian: apt-get install strace).");
		Path trace = folder.resolve("connect.trace");

		ChildJvm.Result result = ChildJvm.run(List.of(strace.toString(), "-f", "-e",
			"trace=connect", "-o", trace.toString()), List.of(), Map.of(), probeArguments);

		List<String> networkConnects = Files.readAllLines(trace).stream().filter(
			line -> line.contains("connect(") && line.contains("AF_INET")).toList();
		return new Traced(result.exitCode(), result.output(), networkConnects);
	}
}
