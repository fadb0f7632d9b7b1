package io.gridlet.node;

import java.util.Map;
import java.util.UUID;

/**
 * What one member holds, as it said when asked.
 *
 * @param member      the member
 * @param address     its address, {@code host:port}
 * @param partitions  the partitions it owns
 * @param maps        per map, its owned and backup entries on this member
 * @param invocations its invocation counts, keyed {@code function|version|outcome}
 * @param triggers    its trigger counts, keyed {@code trigger|outcome}, and {@code trigger|lag} in ms
 * @param safe        whether its partition table was safe: every partition owned, none migrating,
 *                    as the member saw it (backup sync is not asked: that waits on every backup)
 */
public record MemberStats(UUID member, String address, int partitions, Map<String, MapEntries> maps,
                         Map<String, Double> invocations, Map<String, Double> triggers, boolean safe) {

    /** A map's entries on one member. */
    public record MapEntries(long owned, long backup) {
    }
}
