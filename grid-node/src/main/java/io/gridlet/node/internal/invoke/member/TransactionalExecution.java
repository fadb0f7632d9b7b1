package io.gridlet.node.internal.invoke.member;

import com.hazelcast.transaction.TransactionContext;
import com.hazelcast.transaction.TransactionOptions;
import com.hazelcast.transaction.TransactionalMap;
import io.gridlet.node.internal.invoke.PauseFence;
import io.gridlet.node.internal.invoke.wire.IdempotencyRecord;
import io.gridlet.node.internal.invoke.wire.InvocationResponse;
import io.gridlet.node.internal.invoke.wire.Status;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The strategy of a transactional function's call: its writes, its routed entry and, with an
 * idempotency key, its record commit in one TWO_PHASE transaction, so a member's death leaves all
 * of them or none. Thread-safe.
 */
final class TransactionalExecution {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionalExecution.class);

    private final PlainExecution plain;
    private final Duration retention;
    private final PauseFence fence;

    TransactionalExecution(PlainExecution plain, Duration retention, PauseFence fence) {
        this.fence = Objects.requireNonNull(fence, "fence");
        this.plain = plain;
        this.retention = retention;
    }

    /**
     * A transactional call: the routed entry, the function's transactional writes and the
     * idempotency record commit together, or none of them does. A function that throws rolls all
     * of them back and leaves no record, so a later call with the same key runs it again.
     */
    InvocationResponse run(MemberCall call) {
        long remaining = call.deadline() - System.nanoTime();
        TransactionContext transaction = call.hazelcast().newTransactionContext(new TransactionOptions()
                .setTransactionType(TransactionOptions.TransactionType.TWO_PHASE)
                .setDurability(1)
                .setTimeout(Math.max(remaining, 1), TimeUnit.NANOSECONDS));
        transaction.beginTransaction();
        boolean committed = false;
        boolean committing = false;
        boolean recorded = call.request().idempotencyKey() != null;
        try {
            TransactionalMap<Object, IdempotencyRecord> records = null;
            Object key = null;
            if (call.request().idempotencyKey() != null) {
                records = transaction.getMap(FunctionRuntime.IDEMPOTENCY_MAP);
                key = IdempotentExecution.idempotencyKey(call.request());
                IdempotencyRecord existing = records.getForUpdate(key);
                if (existing != null && existing.done()) {
                    return existing.response();
                }
            }
            BufferedRoutedEntry<?> entry = call.request().map() == null || call.request().key() == null ? null
                    : new TransactionalRoutedEntry<>(transaction.getMap(call.request().map()), call.request().key());
            // A grid error inside the transaction comes back "not applied": it rolls back (finally).
            InvocationResponse response = plain.run(call, entry, transaction);
            if (response.status() != Status.OK) {
                return response;
            }
            if (records != null) {
                records.put(key, IdempotencyRecord.done(call.request().invocationId(), call.member(), response),
                        retention.toMillis(), TimeUnit.MILLISECONDS);
            }
            if (fence.fenced()) {
                // Frozen mid-call: the others may have taken over; commit nothing (finally rolls back).
                return InvocationResponse.error(Status.NOT_APPLIED, call.function().version(), call.member(),
                        "member " + call.member() + " stood still during the call; its transaction was rolled back");
            }
            committing = true;
            transaction.commitTransaction();
            committed = true;
            return response;
        } catch (RuntimeException e) {
            // The function's own errors came back as a response from run(); this is the grid's. Before
            // the commit nothing applied, and the caller may send the call again. A commit that failed
            // may have applied on some partitions: only the idempotency record, committed with the
            // writes, makes a second run safe; without one the outcome is unknown.
            Status status = !committing || recorded ? Status.NOT_APPLIED : Status.OUTCOME_UNKNOWN;
            return InvocationResponse.error(status, call.function().version(), call.member(),
                    "the transaction of function " + call.function().name() + " did not commit: "
                            + e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            if (!committed) {
                rollbackQuietly(transaction);
            }
        }
    }

    private static void rollbackQuietly(TransactionContext transaction) {
        try {
            transaction.rollbackTransaction();
        } catch (RuntimeException e) {
            LOG.debug("Rolling back a transaction failed; it expires on its own", e);
        }
    }
}
