package org.pumaseg.model;

/**
 * Limits that keep a zip file from filling the disk or memory when it is unpacked (zip
 * bombs). Entries are checked against their declared sizes before anything is written and
 * counted again while they are written, so a zip that lies about its sizes is caught too.
 *
 * @param maxEntries most files and folders in the zip
 * @param maxEntryBytes largest uncompressed size of one entry
 * @param maxTotalBytes largest uncompressed size of all entries together
 * @param maxCompressionRatio largest uncompressed-to-compressed ratio of an entry, and of the
 *          whole zip, once the entry (or the whole) is larger than {@code ratioFloorBytes}
 * @param ratioFloorBytes below this size the ratio is not checked (tiny or empty files
 *          compress extremely well)
 */
public record ZipLimits(int maxEntries, long maxEntryBytes, long maxTotalBytes,
	double maxCompressionRatio, long ratioFloorBytes)
{

	private static final long MIB = 1024L * 1024L;

	/**
	 * Room for large SavedModels (a HoVer-Net is about 150 MB) while rejecting bombs: weights
	 * and test tensors compress by a few times at most; 200:1 needs runs of identical bytes.
	 */
	public static final ZipLimits DEFAULT = new ZipLimits(10_000, 2048 * MIB, 4096 * MIB, 200,
		4 * MIB);

	public ZipLimits {
		if (maxEntries < 1 || maxEntryBytes < 1 || maxTotalBytes < 1 || !(maxCompressionRatio >
			1) || ratioFloorBytes < 0)
		{
			throw new IllegalArgumentException("Zip limits must be positive.");
		}
	}
}
