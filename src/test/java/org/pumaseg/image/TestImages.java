package org.pumaseg.image;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** Small synthetic image files for reader tests, made with Java ImageIO or byte by byte. */
final class TestImages {

	private TestImages() {}

	/** Returns a {@code width x height} RGB image whose pixel (x, y) is (x, y, x + y) mod 256. */
	static BufferedImage gradient(int width, int height, int type) {
		BufferedImage image = new BufferedImage(width, height, type);
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				int alpha = x == 0 ? 0 : 0xff;
				image.setRGB(x, y, alpha << 24 | (x & 0xff) << 16 | (y & 0xff) << 8 | (x + y) &
					0xff);
			}
		}
		return image;
	}

	static int expectedRgb(int x, int y) {
		return 0xff000000 | (x & 0xff) << 16 | (y & 0xff) << 8 | (x + y) & 0xff;
	}

	/** Writes a TIFF with ImageIO; {@code compression} is an ImageIO TIFF compression name. */
	static Path writeTiff(BufferedImage image, Path file, String compression) throws IOException {
		Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("tiff");
		ImageWriter writer = writers.next();
		try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
			writer.setOutput(out);
			ImageWriteParam param = writer.getDefaultWriteParam();
			if (compression != null) {
				param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
				param.setCompressionType(compression);
			}
			writer.write(null, new IIOImage(image, null, null), param);
		}
		finally {
			writer.dispose();
		}
		return file;
	}

	/**
	 * Writes a little-endian RGB TIFF header that claims {@code width x height} pixels in one
	 * uncompressed strip, followed by only {@code dataBytes} bytes of pixel data.
	 */
	static Path writeTiffHeader(Path file, int width, int height, int dataBytes)
		throws IOException
	{
		return writeTiffHeader(file, width, height, dataBytes, (int) Math.min(Integer.MAX_VALUE,
			3L * width * height));
	}

	/** Like the method above, with StripByteCounts set to {@code stripBytes}. */
	static Path writeTiffHeader(Path file, int width, int height, int dataBytes, int stripBytes)
		throws IOException
	{
		return writeTiffHeader(file, width, height, dataBytes, stripBytes, 1, 2);
	}

	/**
	 * Like the method above, with the given Compression and PhotometricInterpretation tag
	 * values (1 and 2 above: uncompressed RGB).
	 */
	static Path writeTiffHeader(Path file, int width, int height, int dataBytes, int stripBytes,
		int compression, int photometric) throws IOException
	{
		int entries = 9;
		int ifdOffset = 8;
		int bitsOffset = ifdOffset + 2 + entries * 12 + 4;
		int dataOffset = bitsOffset + 6;
		ByteBuffer buffer = ByteBuffer.allocate(dataOffset + dataBytes).order(
			ByteOrder.LITTLE_ENDIAN);
		buffer.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(ifdOffset);
		buffer.putShort((short) entries);
		putEntry(buffer, 256, 4, 1, width); // ImageWidth
		putEntry(buffer, 257, 4, 1, height); // ImageLength
		putEntry(buffer, 258, 3, 3, bitsOffset); // BitsPerSample 8,8,8
		putEntry(buffer, 259, 3, 1, compression); // Compression
		putEntry(buffer, 262, 3, 1, photometric); // PhotometricInterpretation
		putEntry(buffer, 273, 4, 1, dataOffset); // StripOffsets
		putEntry(buffer, 277, 3, 1, 3); // SamplesPerPixel
		putEntry(buffer, 278, 4, 1, height); // RowsPerStrip
		putEntry(buffer, 279, 4, 1, stripBytes); // StripByteCounts
		buffer.putInt(0);
		buffer.putShort((short) 8).putShort((short) 8).putShort((short) 8);
		Files.write(file, buffer.array());
		return file;
	}

	private static void putEntry(ByteBuffer buffer, int tag, int type, int count, int value) {
		buffer.putShort((short) tag).putShort((short) type).putInt(count);
		if (type == 3 && count == 1) {
			buffer.putShort((short) value).putShort((short) 0);
		}
		else {
			buffer.putInt(value);
		}
	}
}
