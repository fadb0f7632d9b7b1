package io.gridlet.node.internal.invoke.wire;

import com.hazelcast.core.EntryEventType;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.internal.util.UuidUtil;
import com.hazelcast.map.impl.operation.EntryOffloadableLockMismatchException;
import com.hazelcast.map.impl.operation.EntryOffloadableSetUnlockOperation;
import com.hazelcast.spi.exception.RetryableHazelcastException;
import com.hazelcast.spi.impl.operationservice.Operation;
import com.hazelcast.spi.impl.operationservice.OperationResponseHandler;
import com.hazelcast.map.impl.MapService;
import com.hazelcast.map.impl.operation.LockAwareOperation;
import com.hazelcast.map.impl.recordstore.RecordStore;
import com.hazelcast.spi.impl.operationservice.MutatingOperation;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.spi.impl.operationservice.CallStatus;
import com.hazelcast.spi.impl.operationservice.Offload;
import com.hazelcast.spi.impl.operationservice.OperationAccessor;
import io.gridlet.node.internal.cluster.HazelcastConfigFactory;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;

/**
 * A plain call routed by map and key, as one operation of the key's partition, in two steps, the
 * way Hazelcast runs an offloadable entry processor, but answered only once the backups have the
 * change:
 * <ol>
 * <li>on the key's partition thread: waits while another call (or a map lock) holds the key,
 * takes the key's lock, reads the entry, and hands the call to the invocation executor;</li>
 * <li>on the invocation executor: runs the function on the entry ({@link CallHandler});</li>
 * <li>back on the partition thread ({@link Write}): applies the entry's change, sends it to the
 * backups, gives the key back, and answers, the answer carrying how many backups must confirm
 * the change. The caller, member or smart client, completes the call once they have; a backup
 * confirms straight to it.</li>
 * </ol>
 *
 * <p>Why: written back as an operation of its own from the invocation thread, a change was
 * confirmed to that thread, which then answered the caller: two more thread hand-offs per call,
 * and the backups' round trip and the answer one after the other instead of side by side (a call
 * took twice a plain entry processor, measured side by side). Here the answer leaves from the
 * partition thread together with the backups, as a plain entry processor's does, and the key is
 * free as soon as the change is applied, so calls on a busy key overlap their confirmations.
 *
 * <p>User code still never runs on a partition thread. Calls that keep a record (an idempotency
 * key, a transaction) go the other way ({@link InvokeReadOnlyProcessor}): a transaction must take
 * the key itself. A map whose store loads or writes on its own threads (a map store with offload)
 * answers {@link Status#WRONG_TRANSPORT}, and the caller sends the call that other way.
 */
public final class CallByKeyOperation extends LockAwareOperation implements MutatingOperation {

    private InvocationRequest request;

    public CallByKeyOperation() {
    }

    public CallByKeyOperation(String map, Data key, InvocationRequest request) {
        super(map, key);
        this.request = request;
        // A call waiting for its key gives up at its deadline; the member answers it timed out.
        setWaitTimeout(Math.max(1, java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(request.timeoutNanos())));
    }

    @Override
    public CallStatus call() {
        if (shouldWait()) {
            return CallStatus.WAIT;
        }
        if (isMapStoreOffloadEnabled() || isTieredStoreOffloadEnabled()) {
            refusal = InvocationResponse.error(Status.WRONG_TRANSPORT, request.version(), localMember(),
                    "map " + name + " loads and stores on threads of its own: send the call by executor");
            return CallStatus.RESPONSE;
        }
        // The key's lock is this member's (a call never moves with its partition): a caller id of
        // its own, so that no other call, even from the same caller thread, enters it.
        UUID owner = UuidUtil.newUnsecureUUID();
        if (!recordStore.localLock(dataKey, owner, getThreadId(), getCallId(), -1)) {
            throw new IllegalStateException("key " + request.key() + " of map " + name
                    + " could not be locked by the partition thread that found it free");
        }
        Object stored = recordStore.get(dataKey, false, getCallerAddress());
        return new Handover(owner, stored == null ? null : getNodeEngine().getSerializationService().toData(stored));
    }

    @Override
    protected void runInternal() {
        // Everything happens in call().
    }

    private UUID localMember() {
        return getNodeEngine().getLocalMember().getUuid();
    }

    /** The answer of a call that never reached its function (refused before the hand-over). */
    private transient Object refusal;

    @Override
    public Object getResponse() {
        return refusal;
    }

    @Override
    public boolean returnsResponse() {
        // The answer of a call handed over is sent by its write (see Write).
        return refusal != null;
    }

    @Override
    public void onWaitExpire() {
        sendResponse(InvocationResponse.error(Status.TIMED_OUT, request.version(), localMember(),
                "function " + request.function() + " reached its deadline while other calls held key " + request.key()
                        + " of map " + name));
    }

    @Override
    public int getFactoryId() {
        return InvokeSerializerHook.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return InvokeSerializerHook.CALL_BY_KEY_OPERATION;
    }

    @Override
    protected void writeInternal(ObjectDataOutput out) throws IOException {
        super.writeInternal(out);
        request.writeData(out);
    }

    @Override
    protected void readInternal(ObjectDataInput in) throws IOException {
        super.readInternal(in);
        request = new InvocationRequest();
        request.readData(in);
    }

    /** Hands the call, its key taken, to the invocation executor; the write answers it. */
    private final class Handover extends Offload {

        private final UUID owner;
        private final Data old;

        Handover(UUID owner, Data old) {
            super(CallByKeyOperation.this);
            this.owner = owner;
            this.old = old;
        }

        @Override
        public void start() {
            long thread = getThreadId();
            try {
                executionService.execute(HazelcastConfigFactory.INVOCATION_EXECUTOR, () -> run(owner, thread, old));
            } catch (RejectedExecutionException e) {
                recordStore.unlock(dataKey, owner, thread, getCallId());
                sendResponse(InvocationResponse.error(Status.OVERLOADED, request.version(), localMember(),
                        "the invocation executor of this member is full: " + e.getMessage()));
            }
        }

        /** On the invocation executor: the function, then the write that answers. */
        private void run(UUID owner, long thread, Data old) {
            CallEntry entry = new CallEntry(request.key(), old, serializationService);
            Object answer;
            try {
                answer = CallHandler.of(getNodeEngine().getHazelcastInstance()).handle(request, entry, null);
            } catch (Throwable t) {
                answer = t;
            }
            Data written = null;
            EntryEventType change = null;
            if (entry.written && answer instanceof InvocationResponse response && response.status() == Status.OK) {
                written = serializationService.toData(entry.value);
                change = written == null ? (old == null ? null : EntryEventType.REMOVED)
                        : old == null ? EntryEventType.ADDED : EntryEventType.UPDATED;
            }
            Write write = new Write(name, change, dataKey, old, written, owner, thread, answer);
            write.setPartitionId(getPartitionId());
            write.setReplicaIndex(0);
            write.setNodeEngine(getNodeEngine());
            write.setCallerUuid(getCallerUuid());
            write.setClientCallId(getClientCallId());
            OperationAccessor.setCallerAddress(write, getCallerAddress());
            OperationAccessor.setCallId(write, getCallId());
            OperationAccessor.setConnection(write, getConnection());
            write.answerThrough(getOperationResponseHandler());
            operationService.execute(write);
        }
    }

    /**
     * The entry as the function sees it: the value read on the partition thread, deserialized only
     * if the function reads it, and the value it leaves.
     */
    static final class CallEntry implements Map.Entry<Object, Object> {
        private final Object key;
        private final Data old;
        private final com.hazelcast.internal.serialization.SerializationService serialization;
        private boolean read;
        private Object current;
        boolean written;
        Object value;

        CallEntry(Object key, Data old, com.hazelcast.internal.serialization.SerializationService serialization) {
            this.key = key;
            this.old = old;
            this.serialization = serialization;
        }

        @Override
        public Object getKey() {
            return key;
        }

        @Override
        public Object getValue() {
            if (written) {
                return value;
            }
            if (!read) {
                current = serialization.toObject(old);
                read = true;
            }
            return current;
        }

        @Override
        public Object setValue(Object newValue) {
            Object previous = getValue();
            written = true;
            value = newValue;
            return previous;
        }
    }

    /**
     * The second step, on the partition thread: applies the change (or none), backs it up, gives
     * the key back and sends the call's answer, with the count of backups to wait for, to the
     * caller of the first step, as that step's own answer. Never crosses the wire: it runs where
     * the first step took the key.
     */
    static final class Write extends EntryOffloadableSetUnlockOperation
            implements MutatingOperation, OperationResponseHandler<Write> {

        private final transient Object answer;
        private transient OperationResponseHandler<Operation> first;

        Write(String map, EntryEventType change, Data key, Data old, Data value, UUID owner, long thread,
              Object answer) {
            super(map, change, true, com.hazelcast.map.impl.record.Record.UNSET, key, old, value, owner, thread,
                    com.hazelcast.internal.util.Clock.currentTimeMillis(),
                    change == null ? null : KeyWrite.backup(value));
            this.answer = answer;
        }

        @Override
        public Object getResponse() {
            return answer;
        }

        /** The first step's caller gets this step's answer, through the first step's handler. */
        @SuppressWarnings({"unchecked", "rawtypes"})
        void answerThrough(OperationResponseHandler handler) {
            first = handler;
            setOperationResponseHandler(this);
        }

        /**
         * A key found locked by someone else here means the first step's lock was lost (the key's
         * partition left this member and came back): nothing was applied, and the call is retried
         * from its first step, as Hazelcast retries its own offloaded entry processor.
         */
        @Override
        public void sendResponse(Write op, Object response) {
            first.sendResponse(op, response instanceof EntryOffloadableLockMismatchException mismatch
                    ? new RetryableHazelcastException(mismatch.getMessage(), mismatch) : response);
        }

        /**
         * Refused before it ran (the member lost its quorum, or its partition moved while the
         * function ran): nothing was applied, and the key is given back here, or no call could
         * take it again on this member.
         */
        @Override
        public void onExecutionFailure(Throwable e) {
            super.onExecutionFailure(e);
            try {
                MapService maps = getNodeEngine().getService(MapService.SERVICE_NAME);
                RecordStore<?> store = maps.getMapServiceContext().getExistingRecordStore(getPartitionId(), name);
                if (store != null && store.isLockedBy(dataKey, caller, threadId)) {
                    store.unlock(dataKey, caller, threadId, getCallId());
                }
            } catch (RuntimeException unlockFailed) {
                getLogger().warning("could not give back key of map " + name + " after its write failed", unlockFailed);
            }
        }
    }
}
