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
 * @param safe        whether its partitions were safe: none migrating, every backup in sync
 */
public record MemberStats(UUID member, String address, int partitions, Map<String, MapEntries> maps,
                         Map<String, Double> invocations, Map<String, Double> triggers, boolean safe) {

    /** A map's entries on one member. */
    public record MapEntries(long owned, long backup) {
    }
}
