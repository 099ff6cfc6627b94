package org.pumaseg.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/** Writes zip files with the entries a test needs, including hostile ones. */
final class ZipBuilder implements AutoCloseable {

	private final ZipArchiveOutputStream out;

	ZipBuilder(Path file) throws IOException {
		out = new ZipArchiveOutputStream(file);
	}

	ZipBuilder add(String name, byte[] data) throws IOException {
		out.putArchiveEntry(new ZipArchiveEntry(name));
		out.write(data);
		out.closeArchiveEntry();
		return this;
	}

	/** Adds every file of {@code folder}, named relative to it, under {@code prefix}. */
	ZipBuilder addTree(Path folder, String prefix) throws IOException {
		List<Path> files;
		try (Stream<Path> walk = Files.walk(folder)) {
			files = walk.filter(Files::isRegularFile).sorted().toList();
		}
		for (Path file : files) {
			add(prefix + folder.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(
				file));
		}
		return this;
	}

	/** Adds a Unix symbolic link entry pointing at {@code target}. */
	ZipBuilder addSymlink(String name, String target) throws IOException {
		ZipArchiveEntry entry = new ZipArchiveEntry(name);
		entry.setUnixMode(0120777);
		out.putArchiveEntry(entry);
		out.write(target.getBytes(StandardCharsets.UTF_8));
		out.closeArchiveEntry();
		return this;
	}

	/** Adds {@code bytes} zero bytes, which deflate compresses about 1000 times. */
	ZipBuilder addZeros(String name, long bytes) throws IOException {
		out.putArchiveEntry(new ZipArchiveEntry(name));
		byte[] zeros = new byte[1 << 20];
		for (long written = 0; written < bytes; written += zeros.length) {
			out.write(zeros, 0, (int) Math.min(zeros.length, bytes - written));
		}
		out.closeArchiveEntry();
		return this;
	}

	@Override
	public void close() throws IOException {
		out.close();
	}
}
