package io.gridlet.node.internal.invoke.wire;

import java.util.Map;

/**
 * A call routed by map and key to a function that may run on its key's partition thread
 * ({@code @Function(partitionThread = true)}), carried as a plain entry processor: the partition
 * thread runs the function on the entry and applies its change, and Hazelcast backs the change up
 * and confirms the backup to the caller before the call completes, as for {@code executeOnKey}.
 * Calls on one partition run one after another, so none of their updates is lost. A member that
 * does not know the function as such answers {@link Status#WRONG_TRANSPORT}, and the caller sends
 * the call to the invocation executor instead.
 */
public final class InvokeOnPartitionThread extends EntryCarrier {

    public InvokeOnPartitionThread() {
    }

    public InvokeOnPartitionThread(InvocationRequest request) {
        super(request);
    }

    @Override
    public InvocationResponse process(Map.Entry<Object, Object> entry) {
        return runOnEntry(entry);
    }

    @Override
    public int getClassId() {
        return InvokeSerializerHook.INVOKE_ON_PARTITION_THREAD;
    }
}
