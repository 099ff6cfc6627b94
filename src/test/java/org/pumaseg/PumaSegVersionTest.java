package org.pumaseg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class PumaSegVersionTest {

	@Test
	void versionIsTheProjectVersion() throws Exception {
		// The project's own <version> follows its parent's in pom.xml.
		String pom = Files.readString(Path.of("pom.xml"));
		Matcher versions = Pattern.compile("<version>([^<$]+)</version>").matcher(pom);
		assertTrue(versions.find());
		assertTrue(versions.find());

		assertEquals(versions.group(1), PumaSegVersion.get());
	}
}
