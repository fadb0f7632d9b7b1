package io.gridlet.node.internal.stats;

import com.hazelcast.internal.serialization.DataSerializerHook;
import com.hazelcast.nio.serialization.DataSerializableFactory;

/**
 * The wire types of this area (the question asked of every member and its answer), registered with Hazelcast as its own modules register
 * theirs: listed in {@code META-INF/services/com.hazelcast.DataSerializerHook}, found by every
 * member and client that has grid-node on its class path. Ids are part of the wire format: never
 * reuse or renumber one.
 */
public final class StatsSerializerHook implements DataSerializerHook {

    /** "GRIG". */
    static final int FACTORY_ID = 0x47524947;

    static final int MEMBER_STATS_TASK = 14;
    static final int MEMBER_REPORT = 20;

    @Override
    public int getFactoryId() {
        return FACTORY_ID;
    }

    @Override
    public DataSerializableFactory createFactory() {
        return typeId -> switch (typeId) {
            case MEMBER_STATS_TASK -> new MemberStatsTask();
            case MEMBER_REPORT -> new MemberReport();
            default -> null;
        };
    }
}
