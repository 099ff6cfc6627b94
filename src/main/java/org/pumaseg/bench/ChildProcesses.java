package org.pumaseg.bench;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Starts the child processes of a benchmark (Python, child JVMs) so that none outlives this
 * JVM: a shutdown hook destroys those still running when the JVM exits, including on Ctrl-C.
 */
final class ChildProcesses {

	private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(ChildProcesses::destroyAll,
			"pumaseg-bench-children"));
	}

	private ChildProcesses() {}

	/** Starts {@code builder}; the caller ends with {@link #finished} once it has exited. */
	static Process start(ProcessBuilder builder) throws IOException {
		Process process = builder.start();
		RUNNING.add(process);
		return process;
	}

	/** Destroys {@code process} if it still runs and removes it from the tracked processes. */
	static void finished(Process process) {
		if (process.isAlive()) {
			process.destroyForcibly();
		}
		RUNNING.remove(process);
	}

	private static void destroyAll() {
		for (Process process : RUNNING) {
			process.destroyForcibly();
		}
	}
}
