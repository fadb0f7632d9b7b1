package io.gridlet.node.internal.invoke.wire;

import com.hazelcast.core.Offloadable;
import com.hazelcast.internal.util.ThreadUtil;
import io.gridlet.node.internal.cluster.HazelcastConfigFactory;
import java.util.Map;

/**
 * A call routed by map and key, carried as an offloadable entry processor: the key's partition
 * thread locks the key and hands the entry to the invocation executor, the function runs there,
 * and the partition thread applies the change, backs it up and unlocks. Calls on one key thus
 * run one after another on its owner, and none of their updates is lost.
 *
 * <p>It is Gridlet's class, on every member's class path, carrying the call by name: the user's
 * function never crosses the wire (architecture decision 7).
 */
public final class InvokeEntryProcessor extends EntryCarrier implements Offloadable {

    public InvokeEntryProcessor() {
    }

    public InvokeEntryProcessor(InvocationRequest request) {
        super(request);
    }

    @Override
    public InvocationResponse process(Map.Entry<Object, Object> entry) {
        if (ThreadUtil.isRunningOnPartitionThread()) {
            // Hazelcast runs an offloadable processor in place when the calling thread itself holds
            // the key's lock. User code must never block a partition thread, so refuse instead.
            return CallHandler.of(hazelcast).refuseOnPartitionThread(request);
        }
        return runOnEntry(entry);
    }

    @Override
    public String getExecutorName() {
        return HazelcastConfigFactory.INVOCATION_EXECUTOR;
    }

    @Override
    public int getClassId() {
        return InvokeSerializerHook.INVOKE_ENTRY_PROCESSOR;
    }
}
