package io.gridlet.node.internal.invoke.wire;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.internal.serialization.Data;
import io.gridlet.node.internal.cluster.MemberContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The calls queued behind another on this member's busy keys, by map and key (see
 * {@link CallByKeyOperation}): a batch is here while its key is held and its invocation thread
 * still takes calls on. One per member, found through the member's {@link MemberContext}, as
 * Hazelcast builds the operation with its no-argument constructor. Thread-safe.
 */
public final class CallBatches {

    private final Map<Key, CallByKeyOperation.Batch> batches = new ConcurrentHashMap<>();

    record Key(String map, Data key) {
    }

    static CallBatches of(HazelcastInstance member) {
        return MemberContext.get(member, CallBatches.class);
    }

    CallByKeyOperation.Batch get(Key key) {
        return batches.get(key);
    }

    void put(Key key, CallByKeyOperation.Batch batch) {
        batches.put(key, batch);
    }

    void remove(Key key, CallByKeyOperation.Batch batch) {
        batches.remove(key, batch);
    }

    /** Calls queued behind others on this member now. */
    int queued() {
        return batches.values().stream().mapToInt(CallByKeyOperation.Batch::size).sum();
    }
}
