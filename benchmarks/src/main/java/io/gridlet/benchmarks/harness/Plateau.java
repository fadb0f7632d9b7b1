package io.gridlet.benchmarks.harness;

/**
 * The warm-up rule of both harnesses: a measure taken slice by slice has reached its plateau
 * once two slices in a row are no more than 5% better than the best slice before them. Two, not
 * one: on two cores shared by three members, a path can stand still for a few slices and then
 * improve by a third as its next method compiles. Not thread-safe: one warm-up's loop uses it.
 */
public final class Plateau {

    private final boolean higherIsBetter;
    private double best;
    private int flat;

    private Plateau(boolean higherIsBetter, double best) {
        this.higherIsBetter = higherIsBetter;
        this.best = best;
    }

    /** For a throughput: higher is better, and no slice has been measured yet. */
    public static Plateau ofThroughput() {
        return new Plateau(true, 0);
    }

    /** For a latency: lower is better, starting from a first slice's. */
    public static Plateau ofLatency(double first) {
        if (!(first > 0)) {
            throw new IllegalArgumentException("a first latency must be positive, was " + first);
        }
        return new Plateau(false, first);
    }

    /** Takes one slice's measure: whether the plateau is reached with it. */
    public boolean reached(double value) {
        boolean noBetter = higherIsBetter ? value <= best * 1.05 : value >= best * 0.95;
        flat = noBetter ? flat + 1 : 0;
        best = higherIsBetter ? Math.max(best, value) : Math.min(best, value);
        return flat >= 2;
    }
}
