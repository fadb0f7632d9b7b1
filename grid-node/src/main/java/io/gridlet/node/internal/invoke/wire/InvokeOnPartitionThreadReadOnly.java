package io.gridlet.node.internal.invoke.wire;

import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import java.util.Map;

/**
 * A call with no routed entry (routed by key alone, or not routed) to a function that may run on
 * a partition thread ({@code @Function(partitionThread = true)}): a read-only processor on the
 * routing map, run by the partition thread itself, with nothing to back up.
 */
public final class InvokeOnPartitionThreadReadOnly extends RequestCarrier
        implements EntryProcessor<Object, Object, InvocationResponse>, ReadOnly {

    public InvokeOnPartitionThreadReadOnly() {
    }

    public InvokeOnPartitionThreadReadOnly(InvocationRequest request) {
        super(request);
    }

    @Override
    public InvocationResponse process(Map.Entry<Object, Object> entry) {
        return run();
    }

    /** Read-only: nothing to back up. */
    @Override
    public EntryProcessor<Object, Object, InvocationResponse> getBackupProcessor() {
        return null;
    }

    @Override
    public int getClassId() {
        return InvokeSerializerHook.INVOKE_ON_PARTITION_THREAD_READ_ONLY;
    }
}
