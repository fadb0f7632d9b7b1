package io.gridlet.node.internal.invoke.wire;

import com.hazelcast.internal.serialization.DataSerializerHook;
import com.hazelcast.nio.serialization.DataSerializableFactory;

/**
 * The wire types of this area (a call, its answer, the carriers that take it to a member, and the records kept of it), registered with Hazelcast as its own modules register
 * theirs: listed in {@code META-INF/services/com.hazelcast.DataSerializerHook}, found by every
 * member and client that has grid-node on its class path. Ids are part of the wire format: never
 * reuse or renumber one.
 */
public final class InvokeSerializerHook implements DataSerializerHook {

    /** "GRID" in ASCII: the invocation envelopes keep the factory id they always had. */
    static final int FACTORY_ID = 0x47524944;

    static final int INVOCATION_REQUEST = 1;
    static final int INVOCATION_RESPONSE = 2;
    static final int INVOKE_TASK = 3;
    static final int INVOKE_ENTRY_PROCESSOR = 4;
    static final int IDEMPOTENCY_RECORD = 10;
    static final int STORED_INVOCATION = 11;
    static final int CANCEL_TASK = 12;
    static final int BACKUP_VALUE = 13;
    static final int INVOKE_READ_ONLY_PROCESSOR = 17;
    static final int INVOKE_ON_PARTITION_THREAD = 18;
    static final int INVOKE_ON_PARTITION_THREAD_READ_ONLY = 19;
    static final int KEY_WRITE = 20;
    static final int CALL_BY_KEY_OPERATION = 21;
    static final int ANSWERING_BACKUP = 22;
    static final int CONFIRM_ANSWERS = 23;

    @Override
    public int getFactoryId() {
        return FACTORY_ID;
    }

    @Override
    public DataSerializableFactory createFactory() {
        return typeId -> switch (typeId) {
            case INVOCATION_REQUEST -> new InvocationRequest();
            case INVOCATION_RESPONSE -> new InvocationResponse();
            case INVOKE_TASK -> new InvokeTask();
            case INVOKE_ENTRY_PROCESSOR -> new InvokeEntryProcessor();
            case IDEMPOTENCY_RECORD -> new IdempotencyRecord();
            case STORED_INVOCATION -> new StoredInvocation();
            case CANCEL_TASK -> new CancelTask();
            case BACKUP_VALUE -> new BackupValue();
            case INVOKE_READ_ONLY_PROCESSOR -> new InvokeReadOnlyProcessor();
            case INVOKE_ON_PARTITION_THREAD -> new InvokeOnPartitionThread();
            case INVOKE_ON_PARTITION_THREAD_READ_ONLY -> new InvokeOnPartitionThreadReadOnly();
            case KEY_WRITE -> new KeyWrite();
            case CALL_BY_KEY_OPERATION -> new CallByKeyOperation();
            case ANSWERING_BACKUP -> new AnsweringBackup();
            case CONFIRM_ANSWERS -> new ConfirmAnswers();
            default -> null;
        };
    }
}
