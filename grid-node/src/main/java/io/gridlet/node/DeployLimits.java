package io.gridlet.node;

/**
 * Bounds on a jar, checked while it is read, before anything is stored: its size, the size its
 * entries inflate to, and how many entries it has. A zip bomb fails on the inflated size.
 *
 * @param maxJarBytes      largest jar, compressed
 * @param maxInflatedBytes largest total of its entries, inflated
 * @param maxEntries       most entries
 */
public record DeployLimits(long maxJarBytes, long maxInflatedBytes, int maxEntries) {

    /** 64 MiB compressed, 256 MiB inflated, 10,000 entries. */
    public static final DeployLimits DEFAULT = new DeployLimits(64L << 20, 256L << 20, 10_000);

    /**
     * Checks that each bound is positive.
     *
     * @param maxJarBytes      largest jar, compressed
     * @param maxInflatedBytes largest total of its entries, inflated
     * @param maxEntries       most entries
     */
    public DeployLimits {
        if (maxJarBytes <= 0) {
            throw new IllegalArgumentException("maxJarBytes must be positive: " + maxJarBytes);
        }
        if (maxInflatedBytes <= 0) {
            throw new IllegalArgumentException("maxInflatedBytes must be positive: " + maxInflatedBytes);
        }
        if (maxEntries <= 0) {
            throw new IllegalArgumentException("maxEntries must be positive: " + maxEntries);
        }
    }
}
