package io.gridlet.node.internal.trigger;

import com.hazelcast.internal.serialization.DataSerializerHook;
import com.hazelcast.nio.serialization.DataSerializableFactory;

/**
 * The wire types of this area (a schedule's firings and the events map-event triggers hand to functions), registered with Hazelcast as its own modules register
 * theirs: listed in {@code META-INF/services/com.hazelcast.DataSerializerHook}, found by every
 * member and client that has grid-node on its class path. Ids are part of the wire format: never
 * reuse or renumber one.
 */
public final class TriggerSerializerHook implements DataSerializerHook {

    /** "GRIF". */
    static final int FACTORY_ID = 0x47524946;

    static final int SCHEDULE_FIRING = 15;
    static final int TRIGGER_EVENT = 16;
    static final int TRIGGER_BATCH = 17;
    static final int APPLIED_MARK = 18;
    static final int APPLIED_BATCH = 19;

    @Override
    public int getFactoryId() {
        return FACTORY_ID;
    }

    @Override
    public DataSerializableFactory createFactory() {
        return typeId -> switch (typeId) {
            case SCHEDULE_FIRING -> new ScheduleFiring();
            case TRIGGER_EVENT -> new TriggerEvent();
            case TRIGGER_BATCH -> new TriggerBatch();
            case APPLIED_MARK -> new AppliedMark();
            case APPLIED_BATCH -> new AppliedBatch();
            default -> null;
        };
    }
}
