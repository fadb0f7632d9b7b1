package io.gridlet.node.internal.invoke.wire;

import com.hazelcast.client.impl.ClientEndpoint;
import com.hazelcast.client.impl.protocol.ClientMessage;
import com.hazelcast.client.impl.protocol.codec.MapSubmitToKeyCodec;
import com.hazelcast.cluster.Address;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IndeterminateOperationStateException;
import com.hazelcast.internal.nio.Connection;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.spi.impl.NodeEngine;
import com.hazelcast.spi.impl.NodeEngineImpl;
import com.hazelcast.spi.properties.ClusterProperty;
import io.gridlet.node.internal.cluster.MemberContext;
import io.gridlet.node.internal.metrics.GridletMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A client's call by key answered by the key's backup instead of its owner (see
 * {@link AnsweringBackup}), on both sides: the owner keeps each answer it handed to a backup until
 * the backup confirms it sent it, and the backup gathers those confirmations and sends them to
 * the owner in batches. One per member, found through the member's {@link MemberContext}.
 * Thread-safe.
 *
 * <p>Why: a call answered by its owner, its backup confirming straight to the caller, takes four
 * messages (the call, the backup, the confirmation, the answer); answered by the backup once it
 * has the change, three (the call, the backup with the answer, the answer), as many as
 * Hazelcast's offloadable entry processor, which does not wait for its backup at all. On a busy
 * key, where the CPU goes to the messages, that is a quarter of them (docs/benchmarks.md, "Where
 * the time goes"). The confirmations to the owner cost a message per batch, not per call.
 *
 * <p>A call whose backup never confirmed its answer (the backup left or was cut off, refused the
 * change because its partition moved, or the message was lost with its connection) fails as
 * indeterminate once the backup timeout has passed ({@code hazelcast.operation.backup.timeout.millis},
 * 5 s by default), sent by the owner: what a Gridlet client does itself for a call whose backup
 * does not confirm ({@code OutcomeUnknownException}), after the same time. A backup with no
 * connection to the client asks the owner to send the answer at once. A client that gets two
 * answers for a call (the backup's, late, and the owner's) keeps the first.
 */
public final class ChainedAnswers {

    /**
     * Confirmations are sent to an owner at least this often, and at once when a batch is full.
     *
     * <p>Why not sooner: each tick is a wake-up of the member's scheduler, a hand-off to one of
     * Hazelcast's pooled threads, and a message to each owner with answers confirmed since the
     * last. Every 5 ms, under hot keys (three members and the client on two cores, 3,500 calls
     * a second), that was 1,200 confirmation messages a second across the cluster beside the
     * calls' 10,500, and the ticks' threads took more CPU on the members than the functions did
     * (docs/benchmarks.md, "the eleventh pass"). Sooner buys nothing: the owner only frees what it
     * kept, and answers that no backup confirmed within the backup timeout, seconds, which a tick
     * of 50 ms does not come near. An answer the backup could not send is not waited for: it is
     * handed back at once.
     */
    private static final long FLUSH_MILLIS = 50;
    private static final int BATCH = 256;

    private final Counter answered;
    private final Counter unconfirmed;
    private final AtomicLong sequence = new AtomicLong();
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final Map<Address, Confirmations> confirmations = new ConcurrentHashMap<>();
    private final Map<UUID, Connection> clients = new ConcurrentHashMap<>();
    private volatile NodeEngineImpl engine;
    private volatile long timeoutNanos;

    private record Pending(UUID client, long correlationId, Data answer, long since) {
    }

    /** The confirmations this member owes one owner: sequences sent, and sequences it could not send. */
    private static final class Confirmations {
        private long[] sent = new long[BATCH];
        private int sentCount;
        private long[] unsent = new long[8];
        private int unsentCount;
    }

    public ChainedAnswers(MeterRegistry meters) {
        answered = Counter.builder(GridletMeters.BACKUP_ANSWERS)
                .description("Clients' calls by key this member answered as the key's backup, once it had their change")
                .register(meters);
        unconfirmed = Counter.builder(GridletMeters.BACKUP_UNCONFIRMED)
                .description("Clients' calls by key applied here whose backup did not confirm them in time: "
                        + "they failed as of unknown outcome")
                .register(meters);
    }

    static ChainedAnswers of(HazelcastInstance member) {
        return MemberContext.get(member, ChainedAnswers.class);
    }

    /** On the owner: how many answers its backups have not yet confirmed sending (or handed back). */
    int unconfirmed() {
        return pending.size();
    }

    /** On the owner: keeps an answer its backup is to send, and returns the sequence the backup confirms it by. */
    long handOver(NodeEngine nodeEngine, UUID client, long correlationId, Data answer) {
        start(nodeEngine);
        long id = sequence.incrementAndGet();
        pending.put(id, new Pending(client, correlationId, answer, System.nanoTime()));
        return id;
    }

    /** On the backup, once the change is applied: answers the client, and owes the owner the confirmation. */
    void answer(NodeEngine nodeEngine, Address owner, long id, UUID client, long correlationId, Data answer) {
        start(nodeEngine);
        boolean sent = send(client, correlationId, answer);
        if (sent) {
            answered.increment();
        }
        Confirmations owed = confirmations.computeIfAbsent(owner, address -> new Confirmations());
        boolean full;
        synchronized (owed) {
            if (sent) {
                if (owed.sentCount == owed.sent.length) {
                    // Another thread filled the batch and is about to send it.
                    owed.sent = java.util.Arrays.copyOf(owed.sent, owed.sent.length * 2);
                }
                owed.sent[owed.sentCount++] = id;
                full = owed.sentCount == BATCH;
            } else {
                if (owed.unsentCount == owed.unsent.length) {
                    owed.unsent = java.util.Arrays.copyOf(owed.unsent, owed.unsent.length * 2);
                }
                owed.unsent[owed.unsentCount++] = id;
                // Nobody has the answer yet: the owner is asked at once.
                full = true;
            }
        }
        if (full) {
            flush(owner, owed);
        }
    }

    /** On the owner: the backup sent these answers, and could not send those, which the owner sends now. */
    void confirmed(long[] sent, long[] unsent) {
        for (long id : sent) {
            pending.remove(id);
        }
        for (long id : unsent) {
            Pending answer = pending.remove(id);
            if (answer != null) {
                send(answer.client, answer.correlationId, answer.answer);
            }
        }
    }

    /** Sends a call's answer to its client through this member's connection to it; false if there is none. */
    private boolean send(UUID client, long correlationId, Data answer) {
        return write(client, correlationId, MapSubmitToKeyCodec.encodeResponse(answer));
    }

    private boolean write(UUID client, long correlationId, ClientMessage message) {
        Connection connection = connection(client);
        if (connection == null) {
            return false;
        }
        message.setCorrelationId(correlationId);
        return connection.write(message);
    }

    private Connection connection(UUID client) {
        Connection known = clients.get(client);
        if (known != null && known.isAlive()) {
            return known;
        }
        for (ClientEndpoint endpoint : engine.getNode().getClientEngine().getEndpointManager().getEndpoints()) {
            if (client.equals(endpoint.getUuid()) && endpoint.getConnection().isAlive()) {
                clients.put(client, endpoint.getConnection());
                return endpoint.getConnection();
            }
        }
        if (known != null) {
            clients.remove(client, known);
        }
        return null;
    }

    private void flush(Address owner, Confirmations owed) {
        long[] sent;
        long[] unsent;
        synchronized (owed) {
            if (owed.sentCount == 0 && owed.unsentCount == 0) {
                return;
            }
            sent = java.util.Arrays.copyOf(owed.sent, owed.sentCount);
            unsent = java.util.Arrays.copyOf(owed.unsent, owed.unsentCount);
            owed.sentCount = 0;
            owed.unsentCount = 0;
        }
        if (owner.equals(engine.getThisAddress())) {
            confirmed(sent, unsent);
            return;
        }
        // Lost with its connection, or its owner gone: the owner's timeout answers what it had.
        engine.getOperationService().send(new ConfirmAnswers(sent, unsent), owner);
    }

    /** On first use, from the operation that has the member's engine (this is made before the member). */
    private void start(NodeEngine nodeEngine) {
        if (engine != null) {
            return;
        }
        synchronized (this) {
            if (engine != null) {
                return;
            }
            NodeEngineImpl member = (NodeEngineImpl) nodeEngine;
            timeoutNanos = TimeUnit.MILLISECONDS.toNanos(
                    member.getProperties().getMillis(ClusterProperty.OPERATION_BACKUP_TIMEOUT_MILLIS));
            member.getExecutionService().scheduleWithRepetition("gridlet:chained-answers", this::flushAll,
                    FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
            member.getExecutionService().scheduleWithRepetition("gridlet:chained-answers", this::answerOverdue,
                    1, 1, TimeUnit.SECONDS);
            // Published last: a thread that sees it sees the rest.
            engine = member;
        }
    }

    private void flushAll() {
        confirmations.forEach(this::flush);
        // An owner that left keeps no answers to confirm.
        confirmations.keySet().removeIf(owner -> engine.getClusterService().getMember(owner) == null);
    }

    /** On the owner: answers whose backup has not confirmed them within the backup timeout. */
    private void answerOverdue() {
        clients.values().removeIf(connection -> !connection.isAlive());
        long now = System.nanoTime();
        List<Pending> overdue = new ArrayList<>();
        for (Map.Entry<Long, Pending> entry : pending.entrySet()) {
            // Removed here or by a confirmation, never both: the answer is sent once from here.
            if (now - entry.getValue().since > timeoutNanos && pending.remove(entry.getKey(), entry.getValue())) {
                overdue.add(entry.getValue());
            }
        }
        for (Pending answer : overdue) {
            unconfirmed.increment();
            // Applied here, but not known to be backed up: as for any write whose backup did not
            // confirm in time, the caller learns the outcome is unknown, never that it is done.
            write(answer.client, answer.correlationId,
                    engine.getNode().getClientEngine().getExceptionFactory().createExceptionMessage(
                            new IndeterminateOperationStateException("the backup of a call on member "
                                    + engine.getLocalMember().getUuid() + " did not confirm it within "
                                    + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms")));
        }
    }
}
