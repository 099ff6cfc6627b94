package org.pumaseg.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Starts the engine from 8 threads at once in a fresh JVM, as happens when a Fiji user starts
 * several commands together before any model has run: every thread gets the same engine and
 * none fails. A fresh JVM is needed because the engine starts once per JVM, so in this test
 * JVM the calls could find it already running.
 */
class EngineStartConcurrencyTest {

	@Test
	void eightThreadsGetOneEngine() throws Exception {
		ChildJvm.Result result = ChildJvm.run(List.of(), List.of(), Map.of(),
			"start-concurrently", "8");

		assertEquals(0, result.exitCode(), result.output());
		assertTrue(result.output().contains("probe engines 1 errors 0"), result.output());
	}
}
