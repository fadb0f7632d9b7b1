package io.gridlet.node.internal.invoke.wire;

import com.hazelcast.core.Offloadable;
import com.hazelcast.core.ReadOnly;
import com.hazelcast.internal.util.ThreadUtil;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.query.impl.CachedQueryEntry;
import io.gridlet.node.internal.cluster.HazelcastConfigFactory;
import java.util.Map;

/**
 * A call carried as a read-only offloadable entry processor: the key's partition thread hands it
 * to the invocation executor without taking a lock, and the answer leaves from there. One thread
 * hand-off on the member instead of the executor service's two, and no trip back to the partition
 * thread. A call routed by map and key travels on that map, to the key's owner, where its routed
 * entry takes the member's lock on the key ({@link OwnerRoutedEntry}); a call routed by key alone,
 * or not routed, travels on Gridlet's routing map, which holds no entries.
 */
public final class InvokeReadOnlyProcessor extends RequestCarrier
        implements EntryProcessor<Object, Object, InvocationResponse>, Offloadable, ReadOnly {

    /** The map whose partitions route calls that have no entry of their own. Always empty. */
    public static final String ROUTING_MAP = "gridlet.route";

    public InvokeReadOnlyProcessor() {
    }

    public InvokeReadOnlyProcessor(InvocationRequest request) {
        super(request);
    }

    @Override
    public InvocationResponse process(Map.Entry<Object, Object> entry) {
        if (ThreadUtil.isRunningOnPartitionThread()) {
            return CallHandler.of(hazelcast).refuseOnPartitionThread(request);
        }
        // Carried on the routed map itself, the entry is the routed one: the value its partition
        // thread read before the hand-off saves the routed entry a read of its own, where current.
        CallHandler.HandedOff handedOff = request.map() != null && entry instanceof CachedQueryEntry<?, ?> read
                ? new CallHandler.HandedOff(read.getValueData(), request.receivedNanos()) : null;
        return run(handedOff);
    }

    @Override
    public String getExecutorName() {
        return HazelcastConfigFactory.INVOCATION_EXECUTOR;
    }

    /** Read-only: nothing to back up. */
    @Override
    public EntryProcessor<Object, Object, InvocationResponse> getBackupProcessor() {
        return null;
    }

    @Override
    public int getClassId() {
        return InvokeSerializerHook.INVOKE_READ_ONLY_PROCESSOR;
    }
}
