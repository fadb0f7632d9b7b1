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
 * @param safe        whether its partition table was safe: every partition owned, none migrating,
 *                    as the member saw it (backup sync is not asked: that waits on every backup)
 */
public record MemberStats(UUID member, String address, int partitions, Map<String, MapEntries> maps,
                         List<FunctionCount> invocations, List<TriggerCounts> triggers, boolean safe) {

    /**
     * Checks the fields and copies the collections; see the class comment.
     *
     * @param member      the member
     * @param address     its address, {@code host:port}
     * @param partitions  the partitions it owns
     * @param maps        per map, its owned and backup entries on this member
     * @param invocations its invocation counts, per function, version and outcome
     * @param triggers    its trigger counts and lag, per trigger
     * @param safe        whether its partition table was safe: every partition owned, none migrating,
     *                    as the member saw it (backup sync is not asked: that waits on every backup)
     */
    public MemberStats {
        maps = Map.copyOf(maps);
        invocations = List.copyOf(invocations);
        triggers = List.copyOf(triggers);
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
}
