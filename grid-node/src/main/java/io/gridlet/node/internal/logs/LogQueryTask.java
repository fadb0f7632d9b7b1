package io.gridlet.node.internal.logs;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.gridlet.node.LogQuery;
import io.gridlet.node.internal.cluster.MemberContext;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** Asks one member for the lines of its ring that a query matches. */
final class LogQueryTask implements Callable<LogAnswer>, IdentifiedDataSerializable, HazelcastInstanceAware {

    private LogQuery query;
    private transient HazelcastInstance hazelcast;

    LogQueryTask() {
    }

    LogQueryTask(LogQuery query) {
        this.query = query;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.hazelcast = hazelcastInstance;
    }

    @Override
    public LogAnswer call() {
        LogRing ring = MemberContext.find(hazelcast, LogRing.class);
        return ring == null ? new LogAnswer(new LogRing.Answer(List.of(), false, 0, "", 0)) : new LogAnswer(ring.read(query));
    }

    @Override
    public int getFactoryId() {
        return LogsSerializerHook.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return LogsSerializerHook.LOG_QUERY_TASK;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(query.function());
        out.writeLong(query.sinceMillis());
        out.writeString(query.invocationId());
        out.writeString(query.level());
        out.writeInt(query.limit());
        out.writeInt(query.after().size());
        for (Map.Entry<String, Long> seen : query.after().entrySet()) {
            out.writeString(seen.getKey());
            out.writeLong(seen.getValue());
        }
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        String function = in.readString();
        long since = in.readLong();
        String invocation = in.readString();
        String level = in.readString();
        int limit = in.readInt();
        Map<String, Long> after = new HashMap<>();
        for (int i = in.readInt(); i > 0; i--) {
            after.put(in.readString(), in.readLong());
        }
        query = new LogQuery(function, since, invocation, level, limit, after);
    }
}
