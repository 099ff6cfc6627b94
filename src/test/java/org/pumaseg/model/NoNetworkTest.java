package org.pumaseg.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves that starting an engine (TensorFlow or ONNX Runtime) and running a model attempts no
 * network connection.
 * <p>
 * Mechanism: {@link EngineProbe} runs in a child JVM under strace ({@link ConnectTrace}), and
 * the test counts its {@code AF_INET} and {@code AF_INET6} connect calls. A second run that
 * connects to a loopback socket of this test shows that the count sees a real connection, so
 * the first check can fail.
 */
class NoNetworkTest {

	@Test
	void engineStartAndInferenceMakeNoConnection(@TempDir Path folder) throws Exception {
		ConnectTrace.Traced run = ConnectTrace.probe(folder, "run-model");

		assertEquals(0, run.exitCode(), run.output());
		assertTrue(run.output().contains("probe output 3.0"), run.output());
		assertEquals(List.of(), run.networkConnects(), "network connections attempted");
	}

	@Test
	void onnxEngineStartAndInferenceMakeNoConnection(@TempDir Path folder) throws Exception {
		ConnectTrace.Traced run = ConnectTrace.probe(folder, "run-onnx");

		assertEquals(0, run.exitCode(), run.output());
		assertTrue(run.output().contains("probe onnx output 3.0"), run.output());
		assertEquals(List.of(), run.networkConnects(), "network connections attempted");
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

			ConnectTrace.Traced run = ConnectTrace.probe(folder, "connect", Integer.toString(server
				.getLocalPort()));

			assertEquals(0, run.exitCode(), run.output());
			assertEquals(1, run.networkConnects().stream().filter(line -> line.contains("htons(" +
				server.getLocalPort() + ")")).count(), run.networkConnects().toString());
			acceptor.join(10_000);
		}
	}
}
