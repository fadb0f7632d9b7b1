package io.gridlet.node.internal.logs;

import com.hazelcast.internal.serialization.DataSerializerHook;
import com.hazelcast.nio.serialization.DataSerializableFactory;

/**
 * The wire types of function logs (the question asked of every member and its answer), registered
 * with Hazelcast as its own modules register theirs: listed in
 * {@code META-INF/services/com.hazelcast.DataSerializerHook}. Ids are part of the wire format: never
 * reuse or renumber one.
 */
public final class LogsSerializerHook implements DataSerializerHook {

    /** "GRIH". */
    static final int FACTORY_ID = 0x47524948;

    static final int LOG_QUERY_TASK = 1;
    static final int LOG_ANSWER = 2;

    @Override
    public int getFactoryId() {
        return FACTORY_ID;
    }

    @Override
    public DataSerializableFactory createFactory() {
        return typeId -> switch (typeId) {
            case LOG_QUERY_TASK -> new LogQueryTask();
            case LOG_ANSWER -> new LogAnswer();
            default -> null;
        };
    }
}
