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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
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
 * confirms straight to it. A client's call with one backup is answered by the backup instead,
 * once it has applied the change ({@link AnsweringBackup}, {@link ChainedAnswers}): three
 * messages a call (the call, the backup carrying the answer, the answer) instead of four.</li>
 * </ol>
 *
 * <p>Why: written back as an operation of its own from the invocation thread, a change was
 * confirmed to that thread, which then answered the caller: two more thread hand-offs per call,
 * and the backups' round trip and the answer one after the other instead of side by side (a call
 * took twice a plain entry processor, measured side by side). Here the answer leaves from the
 * partition thread together with the backups, as a plain entry processor's does, and the key is
 * free as soon as the change is applied, so calls on a busy key overlap their confirmations.
 *
 * <p>On a busy key, a call that finds the key held by another call of this member whose
 * invocation thread is still at it queues behind that call ({@link CallBatches}) instead of
 * parking on the partition thread: that thread runs it next, on the value the call before it
 * left, and each call of the batch gets a write of its own, applied in order, backed up and
 * confirmed to its own caller; clients' calls in a row that their backup answers are written
 * together instead, each change applied in order with its own event, and one backup carries the
 * last value and all their answers. A call that comes once that thread is done, while the writes
 * still wait for the partition thread, queues too: the run's last write, having applied, starts
 * the next run from the value it wrote instead of giving the key back (at most 16 calls in all,
 * then the key is given back, so that a map lock or a transaction waiting for it gets its turn). A
 * write of the batch that does not apply stops the ones after it, computed on its value, and their
 * callers send them again.
 *
 * <p>User code still never runs on a partition thread. Calls that keep a record (an idempotency
 * key, a transaction) go the other way ({@link InvokeReadOnlyProcessor}): a transaction must take
 * the key itself. A map whose store loads or writes on its own threads (a map store with offload)
 * answers {@link Status#WRONG_TRANSPORT}, and the caller sends the call that other way.
 */
public final class CallByKeyOperation extends LockAwareOperation implements MutatingOperation {

    /** What a write answered by its backup gives its first step's handler: nothing to send. */
    static final Object ANSWERED_BY_BACKUP = new Object();

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
            // Held by a call of this member's whose thread is still at it: queue behind it there,
            // instead of parking here and coming back through this partition thread.
            CallBatches batches = CallBatches.of(getNodeEngine().getHazelcastInstance());
            Batch running = batches.get(new CallBatches.Key(name, dataKey));
            if (running != null && recordStore.isLockedBy(dataKey, running.owner, running.thread) && running.join(this)) {
                return new Joined();
            }
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
        CallBatches batches = CallBatches.of(getNodeEngine().getHazelcastInstance());
        Batch batch = new Batch(batches, new CallBatches.Key(name, dataKey), owner, getThreadId());
        batches.put(batch.key, batch);
        return new Handover(batch, stored == null ? null : getNodeEngine().getSerializationService().toData(stored));
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

    /** A call queued behind the one holding its key: the batch's thread runs it and its write answers it. */
    private final class Joined extends Offload {

        Joined() {
            super(CallByKeyOperation.this);
        }

        @Override
        public void start() {
            // Nothing to start: the batch that took this call runs it.
        }
    }

    /** Hands the call, its key taken, to the invocation executor; the writes answer it and the calls it took on. */
    private final class Handover extends Offload {

        private final Batch batch;
        private final Data old;

        Handover(Batch batch, Data old) {
            super(CallByKeyOperation.this);
            this.batch = batch;
            this.old = old;
        }

        @Override
        public void start() {
            try {
                executionService.execute(HazelcastConfigFactory.INVOCATION_EXECUTOR, () -> runBatch(batch, old));
            } catch (RejectedExecutionException e) {
                // Still on the partition thread that made the batch: no call has joined it yet.
                batch.close();
                recordStore.unlock(dataKey, batch.owner, batch.thread, getCallId());
                sendResponse(InvocationResponse.error(Status.OVERLOADED, request.version(), localMember(),
                        "the invocation executor of this member is full: " + e.getMessage()));
            }
        }
    }

    /**
     * On the invocation executor: this call's function, then that of each call queued behind it
     * meanwhile, each on the value the one before left; then their writes, in order, the last of
     * which gives the key back or hands it to the calls queued since.
     *
     * <p>Why: on a busy key every call used to park on the partition thread, be woken when the key
     * was given back, take it again and cross to this executor, two partition operations and a
     * hand-off each. Queued behind the call that holds the key, a call costs one partition
     * operation to queue and one to write, and no hand-off. Each still gets a write of its own,
     * with its own backup confirming straight to its own caller, so its answer says what the
     * backups have, as a single call's does. A function that answers in microseconds leaves this
     * thread before the next caller's call arrives, so the batch outlives it: the next call
     * queues behind the writes, and the last write starts the next run ({@link #continueOrClose}),
     * where it used to park until the key was given back (hot keys alone, two callers a key: 0.866
     * of Hazelcast's offloadable processor, from 0.783).
     */
    private void runBatch(Batch batch, Data old) {
        com.hazelcast.internal.serialization.SerializationService serializationService =
                getNodeEngine().getSerializationService();
        CallHandler handler = CallHandler.of(getNodeEngine().getHazelcastInstance());
        List<Part> parts = new ArrayList<>();
        Data current = old;
        CallByKeyOperation op = this;
        while (op != null) {
            CallEntry entry = new CallEntry(op.request.key(), current, serializationService);
            Object answer;
            try {
                answer = handler.handle(op.request, entry, null);
            } catch (Throwable t) {
                answer = t;
            }
            Data written = null;
            EntryEventType change = null;
            if (entry.written && answer instanceof InvocationResponse response && response.status() == Status.OK) {
                written = serializationService.toData(entry.value);
                change = written == null ? (current == null ? null : EntryEventType.REMOVED)
                        : current == null ? EntryEventType.ADDED : EntryEventType.UPDATED;
            }
            parts.add(new Part(op, change, current, written, answer));
            if (change != null) {
                current = written;
            }
            op = batch.next();
        }
        // Past the cap, the calls still queued go back to their callers to be sent again (from
        // their first step, as for a lost lock), so that no caller waits on an endless batch, and
        // whatever else waits for the key (a map lock, a transaction) gets it once these are written.
        if (batch.full()) {
            for (CallByKeyOperation queued : batch.closeAndDrain()) {
                queued.sendResponse(new RetryableHazelcastException("call on key " + queued.request.key() + " of map "
                        + name + " queued behind " + Batch.MAX_CALLS + " others: sent again"));
            }
        }
        List<Write> writes = writes(batch, parts);
        Write last = writes.get(writes.size() - 1);
        last.last = true;
        last.after = current;
        for (Write write : writes) {
            getNodeEngine().getOperationService().execute(write);
        }
    }

    /**
     * On the partition thread, in the batch's last write so far, once applied: calls that queued
     * meanwhile run next, on the invocation executor, from the value just written, and the key
     * stays held; else the batch closes.
     *
     * @return whether the key is to be given back
     */
    private static boolean continueOrClose(Batch batch, Data after, com.hazelcast.spi.impl.NodeEngine engine) {
        CallByKeyOperation next = batch.nextRun();
        if (next == null) {
            return true;
        }
        try {
            engine.getExecutionService().execute(HazelcastConfigFactory.INVOCATION_EXECUTOR,
                    () -> next.runBatch(batch, after));
            return false;
        } catch (RejectedExecutionException e) {
            List<CallByKeyOperation> refused = new ArrayList<>(batch.closeAndDrain());
            refused.add(0, next);
            for (CallByKeyOperation call : refused) {
                call.sendResponse(InvocationResponse.error(Status.OVERLOADED, call.request.version(),
                        engine.getLocalMember().getUuid(), "the invocation executor of this member is full: "
                                + e.getMessage()));
            }
            return true;
        }
    }

    /**
     * The writes of a run's calls, in order: one per call, except that calls in a row which a
     * backup answers together become one write, with one backup carrying all their answers.
     *
     * <p>Why: on a busy key most runs take several calls (two callers a key are enough), and each
     * write is a partition operation on the owner and a backup message and operation on the
     * backup. Written together, such calls cost one of each, whatever their number; each still
     * gets its own change applied in order, its own entry event and its own answer, sent by the
     * backup once it has the run's last value, which includes every change of the run. Calls
     * whose backups confirm to their caller (a member's call, a map with two backups) keep a write
     * each: a backup confirms one call.
     */
    private List<Write> writes(Batch batch, List<Part> parts) {
        List<Write> writes = new ArrayList<>(parts.size());
        int from = 0;
        while (from < parts.size()) {
            int to = from + 1;
            if (answeredByBackup(parts.get(from))) {
                while (to < parts.size() && answeredByBackup(parts.get(to))) {
                    to++;
                }
            }
            if (to - from == 1) {
                Part part = parts.get(from);
                writes.add(part.call.write(batch, part.change, part.old, part.value, part.answer, null));
            } else {
                Part lastPart = parts.get(to - 1);
                writes.add(parts.get(from).call.write(batch, lastPart.change, lastPart.old, lastPart.value,
                        lastPart.answer, parts.subList(from, to)));
            }
            from = to;
        }
        return writes;
    }

    /**
     * Whether a call's answer can come from its backup with others' (see {@link Write#chained}): a
     * client's call received here that changed the entry, on a map with one synchronous backup.
     * Whether the partition has its backup now is checked when the write runs.
     */
    private boolean answeredByBackup(Part part) {
        CallByKeyOperation call = part.call;
        return part.change != null && part.answer instanceof InvocationResponse && call.getClientCallId() != -1
                && call.mapContainer.getBackupCount() == 1 && call.mapContainer.getAsyncBackupCount() == 0
                && getNodeEngine().getThisAddress().equals(call.getCallerAddress());
    }

    /** One call of a run, its function done: its change and its answer. */
    record Part(CallByKeyOperation call, EntryEventType change, Data old, Data value, Object answer) {
    }

    /**
     * This call's write, or that of the calls {@code together} in a row from this one: it answers
     * this call's caller (or its backup does), and its backups confirm to that caller.
     */
    private Write write(Batch batch, EntryEventType change, Data old, Data value, Object answer, List<Part> together) {
        Write write = new Write(name, change, dataKey, old, value, batch, answer, together);
        write.setPartitionId(getPartitionId());
        write.setReplicaIndex(0);
        write.setNodeEngine(getNodeEngine());
        write.setCallerUuid(getCallerUuid());
        write.setClientCallId(getClientCallId());
        OperationAccessor.setCallerAddress(write, getCallerAddress());
        OperationAccessor.setCallId(write, getCallId());
        OperationAccessor.setConnection(write, getConnection());
        write.answerThrough(getOperationResponseHandler());
        return write;
    }

    /**
     * The calls run one after another by the invocation thread of the call that took a key, and
     * written in order: joined on the key's partition thread, taken on that invocation thread.
     */
    static final class Batch {
        /** At most this many calls run and are written in one batch; the callers of the others send again. */
        static final int MAX_CALLS = 16;

        private final CallBatches batches;
        private final CallBatches.Key key;
        private final UUID owner;
        private final long thread;
        /** Made by the first call that joins: most calls find their key free and never need it. */
        private ArrayDeque<CallByKeyOperation> queued;
        private boolean closed;
        /** Calls this batch has taken so far, across its runs. */
        private int taken = 1;
        /** A write of this batch did not apply: the writes after it, computed on its value, must not. */
        private volatile boolean broken;

        Batch(CallBatches batches, CallBatches.Key key, UUID owner, long thread) {
            this.batches = batches;
            this.key = key;
            this.owner = owner;
            this.thread = thread;
        }

        /** Queues a call behind this batch's; false once the batch takes no more. */
        synchronized boolean join(CallByKeyOperation call) {
            if (closed) {
                return false;
            }
            if (queued == null) {
                queued = new ArrayDeque<>();
            }
            queued.add(call);
            return true;
        }

        /**
         * The next queued call for the running invocation thread, or null: it then writes what it
         * ran, and its last write decides whether the batch goes on ({@link #nextRun()}).
         */
        synchronized CallByKeyOperation next() {
            if (taken >= MAX_CALLS || queued == null) {
                return null;
            }
            CallByKeyOperation call = queued.poll();
            if (call != null) {
                taken++;
            }
            return call;
        }

        /** Whether the batch has taken as many calls as it may. */
        synchronized boolean full() {
            return taken >= MAX_CALLS;
        }

        /**
         * On the key's partition thread, in a run's last write: the call that starts the next run,
         * when calls queued while the run's writes waited (and the batch may take more), or null
         * after closing the batch, whose key is then given back. Joins happen on the same thread, so
         * none can slip in between.
         */
        synchronized CallByKeyOperation nextRun() {
            CallByKeyOperation call = closed || broken ? null : next();
            if (call == null) {
                close();
            }
            return call;
        }

        synchronized int size() {
            return queued == null ? 0 : queued.size();
        }

        /** Closes the batch and gives back the calls still queued. */
        synchronized List<CallByKeyOperation> closeAndDrain() {
            close();
            List<CallByKeyOperation> rest = queued == null ? List.of() : new ArrayList<>(queued);
            queued = null;
            return rest;
        }

        /** Takes no more calls; the next call on the key parks until the key is given back. */
        synchronized void close() {
            closed = true;
            batches.remove(key, this);
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
        private final transient Batch batch;
        /**
         * The calls written together, in order, or {@code null} for one call: each gets its own
         * change and answer, and the backup carries the last value with all their answers.
         */
        private final transient List<Part> together;
        /** The last write of its run: it gives the key back, or hands it to the calls queued meanwhile. */
        transient boolean last;
        /** Of the last write: the entry's value once it is applied. */
        transient Data after;
        private transient OperationResponseHandler<Operation> first;
        /**
         * Answered by its backup: the call is a client's, received on this member (a client that
         * sent it to another member is answered through that member), its map keeps one
         * synchronous backup and the partition has it, and the call changed the entry.
         */
        private transient boolean chained;

        Write(String map, EntryEventType change, Data key, Data old, Data value, Batch batch, Object answer,
              List<Part> together) {
            super(map, change, true, com.hazelcast.map.impl.record.Record.UNSET, key, old, value, batch.owner,
                    batch.thread, com.hazelcast.internal.util.Clock.currentTimeMillis(),
                    change == null ? null : KeyWrite.backup(value));
            this.answer = answer;
            this.batch = batch;
            this.together = together;
        }

        /**
         * Applies this call's change; the last write of the batch gives the key back too. After a
         * write of the batch that did not apply, none does: each was computed on the one before,
         * and its caller sends it again.
         */
        @Override
        protected void runInternal() {
            if (batch.broken) {
                // The last write gives the key back in onExecutionFailure, as on any failure.
                throw new RetryableHazelcastException("an earlier call of the same key on member "
                        + getNodeEngine().getLocalMember().getUuid() + " was not applied: sent again");
            }
            try {
                if (!recordStore.isLockedBy(dataKey, caller, threadId)) {
                    throw new EntryOffloadableLockMismatchException("key of map " + name
                            + " is no longer held by its batch");
                }
                if (together == null) {
                    com.hazelcast.map.impl.operation.EntryOperator.operator(this)
                            .init(dataKey, oldValue, newValue, null, modificationType, null, changeExpiryOnUpdate, newTtl)
                            .doPostOperateOps();
                } else {
                    // Each call's change in turn: each has its entry event, as if written alone.
                    for (Part part : together) {
                        com.hazelcast.map.impl.operation.EntryOperator.operator(this)
                                .init(dataKey, part.old, part.value, null, part.change, null, changeExpiryOnUpdate, newTtl)
                                .doPostOperateOps();
                    }
                }
                if (last && continueOrClose(batch, after, getNodeEngine())) {
                    unlockKey();
                }
                chained = entryBackupProcessor != null && getClientCallId() != -1 && answer instanceof InvocationResponse
                        && mapContainer.getBackupCount() == 1 && mapContainer.getAsyncBackupCount() == 0
                        && getNodeEngine().getThisAddress().equals(getCallerAddress())
                        && getNodeEngine().getPartitionService().getPartition(getPartitionId()).getReplicaAddress(1) != null;
            } catch (RuntimeException e) {
                batch.broken = true;
                throw e;
            }
        }

        @Override
        public boolean shouldBackup() {
            return !batch.broken && super.shouldBackup();
        }

        @Override
        public Object getResponse() {
            return answer;
        }

        /**
         * Calls written together are answered by their backup; were the partition found without
         * one, they are answered here, and a backup that joins meanwhile gets the change as an
         * asynchronous one (no backup can confirm several calls).
         */
        @Override
        public int getSyncBackupCount() {
            return chained || together != null ? 0 : super.getSyncBackupCount();
        }

        @Override
        public int getAsyncBackupCount() {
            if (chained) {
                return 1;
            }
            return together != null ? super.getSyncBackupCount() + super.getAsyncBackupCount()
                    : super.getAsyncBackupCount();
        }

        @Override
        public Operation getBackupOperation() {
            if (!chained) {
                return super.getBackupOperation();
            }
            com.hazelcast.spi.impl.NodeEngine engine = getNodeEngine();
            ChainedAnswers answers = ChainedAnswers.of(engine.getHazelcastInstance());
            int count = together == null ? 1 : together.size();
            AnsweringBackup.Answer[] handed = new AnsweringBackup.Answer[count];
            for (int i = 0; i < count; i++) {
                Operation call = together == null ? this : together.get(i).call;
                Data answerData = engine.toData(together == null ? answer : together.get(i).answer);
                handed[i] = new AnsweringBackup.Answer(
                        answers.handOver(engine, call.getCallerUuid(), call.getClientCallId(), answerData),
                        call.getCallerUuid(), call.getClientCallId(), answerData);
            }
            return new AnsweringBackup(name, dataKey, entryBackupProcessor, engine.getThisAddress(), handed);
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
            if (together != null) {
                for (Part part : together) {
                    // Each through its own first step: what its caller waits on.
                    part.call.sendResponse(response instanceof Throwable ? forCaller(response)
                            : chained ? ANSWERED_BY_BACKUP : part.answer);
                }
                return;
            }
            if (chained && !(response instanceof Throwable)) {
                // The backup answers the client once it has the change: the first step's task
                // sends nothing (CallByKeyMessageTask), and its local invocation completes.
                first.sendResponse(op, ANSWERED_BY_BACKUP);
                return;
            }
            first.sendResponse(op, forCaller(response));
        }

        private static Object forCaller(Object response) {
            return response instanceof EntryOffloadableLockMismatchException mismatch
                    ? new RetryableHazelcastException(mismatch.getMessage(), mismatch) : response;
        }

        /**
         * Refused before it ran (the member lost its quorum, or its partition moved while the
         * function ran): nothing was applied, and the key is given back here, or no call could
         * take it again on this member.
         */
        @Override
        public void onExecutionFailure(Throwable e) {
            super.onExecutionFailure(e);
            batch.broken = true;
            if (!last) {
                return;
            }
            // Calls queued behind this run were computed on nothing yet: their callers send them again.
            for (CallByKeyOperation queued : batch.closeAndDrain()) {
                queued.sendResponse(new RetryableHazelcastException("an earlier call of the same key on member "
                        + getNodeEngine().getLocalMember().getUuid() + " was not applied: sent again"));
            }
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
