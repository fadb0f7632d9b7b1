package io.gridlet.node;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What one member holds, as it said when asked.
 *
 * @param member      the member
 * @param address     its address, {@code host:port}
 * @param partitions  the partitions it owns
 * @param maps        per map, its owned and backup entries on this member
 * @param invocations its invocation counts, per function, version and outcome
 * @param triggers    its trigger counts and lag, per trigger
 * @param times       its run times and calls in flight, per function version
 * @param safe        whether its partition table was safe: every partition owned, none migrating,
 *                    as the member saw it (backup sync is not asked: that waits on every backup)
 */
public record MemberStats(UUID member, String address, int partitions, Map<String, MapEntries> maps,
                         List<FunctionCount> invocations, List<TriggerCounts> triggers, List<FunctionTimes> times,
                         boolean safe) {

    /**
     * Checks the fields and copies the collections; see the class comment.
     *
     * @param member      the member
     * @param address     its address, {@code host:port}
     * @param partitions  the partitions it owns
     * @param maps        per map, its owned and backup entries on this member
     * @param invocations its invocation counts, per function, version and outcome
     * @param triggers    its trigger counts and lag, per trigger
     * @param times       its run times and calls in flight, per function version
     * @param safe        whether its partition table was safe: every partition owned, none migrating,
     *                    as the member saw it (backup sync is not asked: that waits on every backup)
     */
    public MemberStats {
        maps = Map.copyOf(maps);
        invocations = List.copyOf(invocations);
        triggers = List.copyOf(triggers);
        times = List.copyOf(times);
    }

    /**
     * A map's entries on one member.
     *
     * @param owned  entries whose partition the member owns
     * @param backup entries it holds as a backup
     */
    public record MapEntries(long owned, long backup) {
    }

    /**
     * Calls of one function version that ended one way on one member.
     *
     * @param function the function
     * @param version  its version
     * @param count    how many calls
     * @param outcome as the {@code outcome} tag of {@code gridlet.function.invocations} says it:
     *                {@code success}, {@code failed}, {@code bad_input}, {@code timeout},
     *                {@code overloaded} or {@code unknown_function}
     */
    public record FunctionCount(String function, String version, String outcome, long count) {
    }

    /**
     * One trigger's events on one member, by outcome, and the lag last seen.
     *
     * @param trigger   the trigger's name
     * @param counts    events per outcome; an outcome not seen is absent
     * @param lagMillis time from an event's ingestion to its function's answer, last seen
     */
    public record TriggerCounts(String trigger, Map<TriggerOutcome, Long> counts, long lagMillis) {
        /**
         * Checks the fields and copies the collections; see the class comment.
         *
         * @param trigger   the trigger's name
         * @param counts    events per outcome; an outcome not seen is absent
         * @param lagMillis time from an event's ingestion to its function's answer, last seen
         */
        public TriggerCounts {
            counts = Map.copyOf(counts);
        }

        /**
         * The events of this trigger that ended so on the member.
         *
         * @param outcome how they ended
         * @return how many; 0 for an outcome not seen
         */
        public long count(TriggerOutcome outcome) {
            return counts.getOrDefault(outcome, 0L);
        }
    }

    /**
     * How long one function version's calls ran on one member, as the histogram of
     * {@code gridlet.function.duration} counts them, and how many run now. The histogram spans what
     * the member's meter registry keeps: since the member started with a Prometheus registry (as a
     * standalone node has), the last few minutes with Micrometer's others.
     * Histograms add up: {@link #sum} of every member's gives the cluster's, whose {@link #quantile}
     * is a cluster-wide percentile (as Prometheus's {@code histogram_quantile} computes it).
     *
     * @param function the function
     * @param version  its version
     * @param calls    calls the histogram counts (its last bucket's count)
     * @param inFlight calls running now
     * @param buckets  cumulative counts, by upper bound, ascending
     */
    public record FunctionTimes(String function, String version, long calls, long inFlight, List<Bucket> buckets) {

        /**
         * Checks the fields and copies the buckets; see the class comment.
         *
         * @param function the function
         * @param version  its version
         * @param calls    calls that ran
         * @param inFlight calls running now
         * @param buckets  cumulative counts, by upper bound, ascending
         */
        public FunctionTimes {
            java.util.Objects.requireNonNull(function, "function");
            java.util.Objects.requireNonNull(version, "version");
            buckets = List.copyOf(buckets);
        }

        /**
         * The sum of several members' histograms of one version: calls and counts added bucket by
         * bucket (members share their bucket bounds).
         *
         * @param times one version's times on several members; not empty
         * @return their sum
         * @throws IllegalArgumentException if empty, or of different functions or versions
         */
        public static FunctionTimes sum(List<FunctionTimes> times) {
            if (times.isEmpty()) {
                throw new IllegalArgumentException("nothing to sum");
            }
            FunctionTimes first = times.get(0);
            java.util.TreeMap<Double, Long> counts = new java.util.TreeMap<>();
            long calls = 0;
            long inFlight = 0;
            for (FunctionTimes one : times) {
                if (!one.function.equals(first.function) || !one.version.equals(first.version)) {
                    throw new IllegalArgumentException("the times of " + one.function + " " + one.version
                            + " cannot be summed with those of " + first.function + " " + first.version);
                }
                calls += one.calls;
                inFlight += one.inFlight;
                for (Bucket bucket : one.buckets) {
                    counts.merge(bucket.upperBoundSeconds(), bucket.count(), Long::sum);
                }
            }
            List<Bucket> buckets = new java.util.ArrayList<>(counts.size());
            counts.forEach((bound, count) -> buckets.add(new Bucket(bound, count)));
            return new FunctionTimes(first.function, first.version, calls, inFlight, buckets);
        }

        /**
         * A quantile of the run times, interpolated linearly within its bucket as Prometheus's
         * {@code histogram_quantile} does.
         *
         * @param q the quantile, from 0 to 1
         * @return seconds, or {@code NaN} when no call ran
         * @throws IllegalArgumentException if {@code q} is not within 0 and 1
         */
        public double quantile(double q) {
            if (!(q >= 0 && q <= 1)) {
                throw new IllegalArgumentException("a quantile is within 0 and 1: " + q);
            }
            if (calls == 0) {
                return Double.NaN;
            }
            double rank = q * calls;
            double lower = 0;
            long below = 0;
            for (Bucket bucket : buckets) {
                if (bucket.count() >= rank) {
                    long inBucket = bucket.count() - below;
                    return inBucket == 0 ? bucket.upperBoundSeconds()
                            : lower + (bucket.upperBoundSeconds() - lower) * ((rank - below) / inBucket);
                }
                lower = bucket.upperBoundSeconds();
                below = bucket.count();
            }
            // Past the last bound: as histogram_quantile, the highest bound known.
            return lower;
        }
    }

    /**
     * One histogram bucket.
     *
     * @param upperBoundSeconds its upper bound
     * @param count             calls that ran at most that long
     */
    public record Bucket(double upperBoundSeconds, long count) {
    }
}
