package org.pumaseg.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The facts a benchmark result depends on: processor, cores, maximum heap, Java, operating
 * system, load and time of the run.
 */
public record MachineFacts(String processor, int cores, long maxHeapBytes, String java,
	String operatingSystem, double loadAverage, String dateUtc)
{

	/** Collects the facts of this JVM and machine now. */
	public static MachineFacts current() {
		Runtime runtime = Runtime.getRuntime();
		String java = System.getProperty("java.vm.name") + " " + System.getProperty(
			"java.runtime.version") + " (" + System.getProperty("java.vendor") + ")";
		String os = System.getProperty("os.name") + " " + System.getProperty("os.version") + " " +
			System.getProperty("os.arch");
		String date = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern(
			"yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT));
		return new MachineFacts(processorName(), runtime.availableProcessors(), runtime.maxMemory(),
			java, os, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), date);
	}

	/** Returns the first "model name" of /proc/cpuinfo, or "unknown" without that file. */
	private static String processorName() {
		Path cpuInfo = Path.of("/proc/cpuinfo");
		try {
			List<String> lines = Files.readAllLines(cpuInfo);
			for (String line : lines) {
				if (line.startsWith("model name")) {
					return line.substring(line.indexOf(':') + 1).trim();
				}
			}
		}
		catch (IOException | SecurityException e) {
			// Not Linux, or not readable: the other facts still describe the machine.
		}
		return "unknown";
	}

	/** Returns the facts as a Markdown list, one item per fact. */
	public String toMarkdown() {
		return String.format(Locale.ROOT, "- processor: %s%n- cores available to Java: %d%n" +
			"- maximum heap: %d MB%n- Java: %s%n- operating system: %s%n" +
			"- load average (1 min) at the start: %s%n- date: %s%n", processor, cores,
			maxHeapBytes >> 20, java, operatingSystem, loadAverage < 0 ? "not available" : String
				.format(Locale.ROOT, "%.2f", loadAverage), dateUtc);
	}
}
