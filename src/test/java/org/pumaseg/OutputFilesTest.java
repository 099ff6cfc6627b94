package org.pumaseg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Temporary names of files being written, and the removal of those a killed run left. */
class OutputFilesTest {

	@Test
	void temporaryNamesAreHiddenAndRecognised(@TempDir Path folder) {
		Path target = folder.resolve("nuclei.csv");

		Path temporary = OutputFiles.temporarySibling(target);

		String name = temporary.getFileName().toString();
		assertEquals(folder.toAbsolutePath(), temporary.getParent());
		assertTrue(name.startsWith(".nuclei.csv." + ProcessHandle.current().pid() + "-"), name);
		assertTrue(name.endsWith(OutputFiles.TEMPORARY_SUFFIX), name);
		assertTrue(OutputFiles.isTemporary(temporary));
		assertFalse(OutputFiles.isTemporary(target));
		assertFalse(OutputFiles.isTemporary(folder.resolve(".nuclei.csv.partial")));
		assertFalse(OutputFiles.isTemporary(folder.resolve("roi.12-ab.partial")));
	}

	@Test
	void leftoversOfDeadProcessesAreRemovedOthersStay(@TempDir Path folder) throws Exception {
		long dead = finishedProcessId();
		Process running = new ProcessBuilder("sleep", "60").start();
		try {
			Path deadFile = Files.writeString(folder.resolve(".a.csv." + dead + "-x1.partial"),
				"half");
			Path deadFolder = Files.createDirectories(folder.resolve(".roi." + dead + "-x2.partial/"
				+ "inner"));
			Files.writeString(deadFolder.resolve("nuclei.geojson"), "{");
			Path runningFile = Files.writeString(folder.resolve(".b.csv." + running.pid() +
				"-x3.partial"), "being written");
			Path ownFile = Files.writeString(OutputFiles.temporarySibling(folder.resolve("c.csv")),
				"being written here");
			Path result = Files.writeString(folder.resolve("d.csv"), "complete");

			int removed = OutputFiles.removeLeftovers(folder);

			assertEquals(2, removed);
			assertFalse(Files.exists(deadFile));
			assertFalse(Files.exists(deadFolder.getParent()));
			assertTrue(Files.exists(runningFile), "a running writer's file was deleted");
			assertTrue(Files.exists(ownFile), "this process's file was deleted");
			assertTrue(Files.exists(result));
		}
		finally {
			running.destroy();
			running.waitFor();
		}
	}

	@Test
	void missingFolderHasNoLeftovers(@TempDir Path folder) throws Exception {
		assertEquals(0, OutputFiles.removeLeftovers(folder.resolve("none")));
	}

	@Test
	void atomicWriteLeavesOnlyTheTarget(@TempDir Path folder) throws Exception {
		Path target = folder.resolve("out.txt");

		OutputFiles.writeAtomically(target, false, file -> Files.writeString(file, "done"));

		try (Stream<Path> files = Files.list(folder)) {
			assertEquals(List.of(target.toAbsolutePath()), files.map(Path::toAbsolutePath)
				.toList());
		}
		assertEquals("done", Files.readString(target));
	}

	/** Returns the id of a process that has ended. */
	private static long finishedProcessId() throws Exception {
		Process process = new ProcessBuilder("true").start();
		process.waitFor();
		long pid = process.pid();
		assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
		return pid;
	}
}
