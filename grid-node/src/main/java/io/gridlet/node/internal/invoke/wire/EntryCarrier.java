package io.gridlet.node.internal.invoke.wire;

import com.hazelcast.map.EntryProcessor;
import java.util.Map;

/**
 * A carrier that runs its call on the processor's own entry and hands the entry's change back to
 * the partition, which applies it and backs it up through {@link #getBackupProcessor}: Hazelcast
 * asks for that after {@link #process}, on the same instance.
 */
abstract class EntryCarrier extends RequestCarrier implements EntryProcessor<Object, Object, InvocationResponse> {

    private transient BackupValue backup;

    EntryCarrier() {
    }

    EntryCarrier(InvocationRequest request) {
        super(request);
    }

    /** Runs the call on the entry, noting the value it left there for the backups. */
    final InvocationResponse runOnEntry(Map.Entry<Object, Object> entry) {
        RecordingEntry recording = new RecordingEntry(entry);
        InvocationResponse response = run(recording);
        if (recording.written) {
            backup = new BackupValue(recording.value);
        }
        return response;
    }

    /** The value the function left in the entry, for the backups; {@code null} when it did not change. */
    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public final EntryProcessor<Object, Object, InvocationResponse> getBackupProcessor() {
        return (EntryProcessor) backup;
    }
}
