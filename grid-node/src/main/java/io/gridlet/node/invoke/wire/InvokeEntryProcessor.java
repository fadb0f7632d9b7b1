package io.gridlet.node.invoke.wire;

import com.hazelcast.core.Offloadable;
import com.hazelcast.internal.util.ThreadUtil;
import com.hazelcast.map.EntryProcessor;
import io.gridlet.node.internal.GridletSerialization;
import io.gridlet.node.internal.HazelcastConfigFactory;
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
public final class InvokeEntryProcessor extends RequestCarrier
        implements EntryProcessor<Object, Object, InvocationResponse>, Offloadable {

    private transient BackupValue backup;

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
        RecordingEntry recording = new RecordingEntry(entry);
        InvocationResponse response = run(recording);
        if (recording.written) {
            backup = new BackupValue(recording.value);
        }
        return response;
    }

    @Override
    public String getExecutorName() {
        return HazelcastConfigFactory.INVOCATION_EXECUTOR;
    }

    /**
     * The value the function left in the entry, for the backups: Hazelcast backs up an offloaded
     * processor's change only through this processor, run on each backup. Asked for after
     * {@link #process}, on the same instance; {@code null} when the entry did not change.
     */
    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public EntryProcessor<Object, Object, InvocationResponse> getBackupProcessor() {
        return (EntryProcessor) backup;
    }

    @Override
    public int getClassId() {
        return GridletSerialization.INVOKE_ENTRY_PROCESSOR;
    }
}
