package org.pumaseg.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MemorySizesTest {

	@Test
	void belowOneGigabyteInMegabytes() {
		assertEquals("24 MB", MemorySizes.format(24L << 20));
		assertEquals("16 MB", MemorySizes.format(16L << 20));
		assertEquals("1023 MB", MemorySizes.format((1L << 30) - (1L << 20)));
	}

	@Test
	void tinySizesRoundUpToOneMegabyte() {
		assertEquals("1 MB", MemorySizes.format(1000));
	}

	@Test
	void fromOneGigabyteInGigabytes() {
		assertEquals("1.0 GB", MemorySizes.format(1L << 30));
		assertEquals("2.5 GB", MemorySizes.format(5L << 29));
	}
}
