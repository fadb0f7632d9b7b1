package io.gridlet.node.internal.trigger;

import com.hazelcast.core.HazelcastException;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.RestartableException;
import com.hazelcast.map.IMap;
import com.hazelcast.transaction.TransactionContext;
import com.hazelcast.transaction.TransactionOptions;
import com.hazelcast.transaction.TransactionalMap;
import io.gridlet.node.internal.invoke.CallTracing;
import io.gridlet.node.internal.invoke.member.FunctionRuntime;
import io.gridlet.node.internal.invoke.wire.InvocationResponse;
import io.gridlet.node.internal.invoke.wire.Status;
import io.opentelemetry.api.trace.Span;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An exactly-once trigger's way to apply events: one applied mark per journal partition (the next
 * sequence to apply there) instead of a record per event.
 *
 * <p>A partition's journal sequences only grow, and Jet hands one processor every batch of a
 * partition in journal order (the stage is rebalanced by a key of the partition). So a batch's
 * functions, their transactional effects and the new mark commit in one TWO_PHASE transaction,
 * and the mark, read for update first, says which events of a batch replayed after a restore were
 * applied already: those are skipped, the rest applied once. The mark lives in the events'
 * partition, so the transaction's own writes go to one owner and its backup.
 *
 * <p>The results are written after the commit, in one {@code setAll} of the partition's entries,
 * before the processor takes the partition's next batch; the mark keeps the last batch's results,
 * so a replay after a failure between the commit and that write writes them again (an idempotent
 * overwrite). A result is never written for a run whose effects did not commit.
 *
 * <p>When a function fails in a batch, the batch's transaction rolls back and its events go one by
 * one, each in a transaction of its own with retries, and a dead letter after the last; the mark
 * moves past a dead-lettered event so that a replay does not run it again. Thread-safe: it keeps no
 * state of its own between batches.
 */
final class AppliedOnce {

    /** The answer of a try that found its event applied already. */
    static final InvocationResponse ALREADY_APPLIED = InvocationResponse.error(Status.OK, "", new java.util.UUID(0, 0),
            "already applied");

    private static final Logger LOG = LoggerFactory.getLogger(AppliedOnce.class);
    private static final int COMMIT_TRIES = 5;

    private final TriggerRunner runner;
    private final HazelcastInstance hazelcast;
    private final FunctionRuntime runtime;
    private final String trigger;
    private final String function;
    private final String resultMap;

    AppliedOnce(TriggerRunner runner, HazelcastInstance hazelcast, FunctionRuntime runtime, String trigger,
                String function, String resultMap) {
        this.runner = runner;
        this.hazelcast = hazelcast;
        this.runtime = runtime;
        this.trigger = trigger;
        this.function = function;
        this.resultMap = resultMap;
    }

    /** A batch of a transactional function: together, else one by one. */
    private void applyTransactional(TriggerBatch batch) {
        AppliedMark mark = AppliedMark.of(hazelcast, trigger, batch.partition());
        for (int tries = 1; ; tries++) {
            try {
                if (applyTogether(batch, mark)) {
                    return;
                }
                break;
            } catch (RestartableException e) {
                // A RestartableException is a HazelcastException too: the job restarts, not the batch.
                throw e;
            } catch (HazelcastException e) {
                // The commit's outcome is unknown, or the grid refused mid-way: the mark, read again,
                // says whether it happened.
                if (tries >= COMMIT_TRIES) {
                    throw new RestartableException("trigger " + trigger + " could not commit a batch of partition "
                            + batch.partition() + ": " + e.getMessage());
                }
                LOG.debug("Trigger {}: a batch of partition {} did not commit ({}); trying again", trigger,
                        batch.partition(), e.toString());
            }
        }
        applyOneByOne(batch, mark);
    }

    /**
     * The whole batch in one transaction.
     *
     * @return true when it committed or was applied already; false when a function did not succeed
     *         (nothing committed), so the events go one by one
     */
    private boolean applyTogether(TriggerBatch batch, AppliedMark mark) {
        TransactionContext transaction = begin();
        boolean open = true;
        List<Span> spans = new ArrayList<>();
        AppliedBatch replayed = null;
        try {
            TransactionalMap<AppliedMark, AppliedBatch> marks = transaction.getMap(AppliedMark.MAP);
            AppliedBatch current = marks.getForUpdate(mark);
            long next = AppliedBatch.next(current);
            Map<Object, Object> results = new LinkedHashMap<>();
            TriggerEvent last = null;
            int applied = 0;
            for (TriggerEvent event : batch.events()) {
                if (event.sequence() < next) {
                    replayed = current;
                    continue;
                }
                runner.noteLoss(event);
                Span span = runner.startSpan(event);
                spans.add(span);
                InvocationResponse response = runner.call(event, CallTracing.traceParent(span), transaction);
                if (response.status() != Status.OK) {
                    return false;
                }
                Object value = runner.stored(response);
                if (value != null) {
                    results.put(event.key(), value);
                }
                applied++;
                last = event;
            }
            if (batch.nextSequence() > next) {
                marks.set(mark, new AppliedBatch(batch.nextSequence(), resultMap == null ? Map.of() : results));
                if (runtime.fenced()) {
                    throw new RestartableException("member stood still during a batch of trigger " + trigger
                            + "; nothing of it committed");
                }
                transaction.commitTransaction();
                open = false;
            }
            if (replayed != null) {
                // Some of this batch was applied before a failure: its results, written again.
                writeResults(replayed.results());
            }
            writeResults(results);
            if (last != null) {
                runner.succeeded(applied, last);
            }
            spans.forEach(span -> CallTracing.end(span, "success", false));
            spans.clear();
            return true;
        } finally {
            if (open) {
                rollback(transaction);
            }
            spans.forEach(span -> CallTracing.end(span, "rolled-back", true));
        }
    }

    /**
     * Applies the batches one processor took from its inbox, each of another partition.
     *
     * @param known the next sequence of each partition this processor applied to before; it is the
     *              only writer of its partitions' marks while the job runs, so what it wrote last is
     *              what the map holds, and the map is read only for a partition it has not seen
     */
    void applyAll(java.util.Collection<TriggerBatch> batches, Map<Integer, Long> known) {
        if (runtime.transactional(function)) {
            for (TriggerBatch batch : batches) {
                applyTransactional(batch);
            }
            return;
        }
        applyPlain(batches, known);
    }

    /**
     * Batches of a function that is not transactional: its writes are its own, so there is nothing
     * to commit them with. Each batch's events run in order, each retried (then dead-lettered) on
     * its own; then every batch's mark (with its results) and results are written at once, and the
     * processor waits for all of them before it takes more. A failure before a mark's write runs that
     * batch's events again on replay, as a failure during a call runs that call again.
     */
    private void applyPlain(java.util.Collection<TriggerBatch> batches, Map<Integer, Long> known) {
        IMap<AppliedMark, AppliedBatch> marks = hazelcast.getMap(AppliedMark.MAP);
        IMap<Object, Object> results = resultMap == null ? null : hazelcast.getMap(resultMap);
        List<java.util.concurrent.CompletableFuture<?>> writes = new ArrayList<>();
        for (TriggerBatch batch : batches) {
            AppliedMark mark = AppliedMark.of(hazelcast, trigger, batch.partition());
            Long cached = known.get(batch.partition());
            AppliedBatch current = null;
            long next;
            if (cached != null) {
                next = cached;
            } else {
                current = marks.get(mark);
                next = AppliedBatch.next(current);
            }
            Map<Object, Object> batchResults = new LinkedHashMap<>();
            TriggerEvent last = null;
            int applied = 0;
            boolean replayed = false;
            for (TriggerEvent event : batch.events()) {
                if (event.sequence() < next) {
                    replayed = true;
                    continue;
                }
                runner.noteLoss(event);
                Span span = runner.startSpan(event);
                InvocationResponse response = runner.call(event, CallTracing.traceParent(span), null);
                Object value;
                if (response.status() == Status.OK) {
                    CallTracing.end(span, "success", false);
                    value = runner.stored(response);
                    applied++;
                    last = event;
                } else {
                    // Its retries and dead letter, as at-least-once: the function ran at most this once per try.
                    value = runner.run(event, span);
                }
                if (value != null) {
                    batchResults.put(event.key(), value);
                }
            }
            if (batch.nextSequence() > next) {
                writes.add(marks.setAsync(mark, new AppliedBatch(batch.nextSequence(),
                        results == null ? Map.of() : batchResults)).toCompletableFuture());
                known.put(batch.partition(), batch.nextSequence());
            }
            if (results != null && replayed && current != null && !current.results().isEmpty()) {
                writes.add(results.setAllAsync(current.results()).toCompletableFuture());
            }
            if (results != null && !batchResults.isEmpty()) {
                writes.add(results.setAllAsync(batchResults).toCompletableFuture());
            }
            if (last != null) {
                runner.succeeded(applied, last);
            }
        }
        try {
            java.util.concurrent.CompletableFuture.allOf(writes.toArray(new java.util.concurrent.CompletableFuture<?>[0]))
                    .join();
        } catch (java.util.concurrent.CompletionException e) {
            // What the marks hold is not known now: read them again after the restart.
            known.clear();
            throw new RestartableException("trigger " + trigger + " could not write its applied marks: "
                    + e.getCause());
        }
    }

    private void writeResults(Map<Object, Object> results) {
        if (resultMap != null && !results.isEmpty()) {
            hazelcast.getMap(resultMap).setAll(results);
        }
    }

    /** Each event in its own transaction, with the runner's retries and dead letters. */
    private void applyOneByOne(TriggerBatch batch, AppliedMark mark) {
        List<TriggerEvent> events = batch.events();
        for (int i = 0; i < events.size(); i++) {
            TriggerEvent event = events.get(i);
            // The last event's transaction moves the mark past the batch's filtered tail too.
            long markAfter = i == events.size() - 1 ? batch.nextSequence() : event.sequence() + 1;
            Span span = runner.startSpan(event);
            try {
                runner.run(event, span, traceParent -> applyAlone(event, traceParent, mark, markAfter));
            } catch (RuntimeException e) {
                CallTracing.end(span, "restarted", true);
                throw e;
            }
            // Applied, or dead-lettered: either way a replay must not run it again.
            advance(mark, markAfter);
        }
    }

    /** One try of one event: applied with the mark, and its result written, or nothing. */
    private InvocationResponse applyAlone(TriggerEvent event, String traceParent, AppliedMark mark, long markAfter) {
        TransactionContext transaction = begin();
        boolean open = true;
        try {
            TransactionalMap<AppliedMark, AppliedBatch> marks = transaction.getMap(AppliedMark.MAP);
            AppliedBatch current = marks.getForUpdate(mark);
            if (event.sequence() < AppliedBatch.next(current)) {
                rollback(transaction);
                open = false;
                writeResults(current.results());
                return ALREADY_APPLIED;
            }
            InvocationResponse response = runner.call(event, traceParent, transaction);
            if (response.status() != Status.OK) {
                return response;
            }
            Object value = runner.stored(response);
            Map<Object, Object> results = value == null || resultMap == null ? Map.of() : Map.of(event.key(), value);
            marks.set(mark, new AppliedBatch(markAfter, results));
            if (runtime.fenced()) {
                return InvocationResponse.error(Status.NOT_APPLIED, response.version(), response.member(),
                        "this member stood still during the call; its transaction was rolled back");
            }
            transaction.commitTransaction();
            open = false;
            writeResults(results);
            runner.succeeded(0, event);
            return response;
        } catch (HazelcastException e) {
            // Rolled back, or its outcome unknown: the next try reads the mark again.
            return InvocationResponse.error(Status.NOT_APPLIED, "", hazelcast.getCluster().getLocalMember().getUuid(),
                    "the transaction did not commit: " + e.getMessage());
        } finally {
            if (open) {
                rollback(transaction);
            }
        }
    }

    /** Moves the mark to {@code to} unless it is there already, keeping the results it holds. */
    private void advance(AppliedMark mark, long to) {
        for (int tries = 1; ; tries++) {
            TransactionContext transaction = begin();
            boolean open = true;
            try {
                TransactionalMap<AppliedMark, AppliedBatch> marks = transaction.getMap(AppliedMark.MAP);
                AppliedBatch current = marks.getForUpdate(mark);
                if (AppliedBatch.next(current) < to) {
                    marks.set(mark, new AppliedBatch(to, current == null ? Map.of() : current.results()));
                    transaction.commitTransaction();
                    open = false;
                }
                return;
            } catch (HazelcastException e) {
                if (tries >= COMMIT_TRIES) {
                    throw new RestartableException("trigger " + trigger + " could not move its applied mark: "
                            + e.getMessage());
                }
            } finally {
                if (open) {
                    rollback(transaction);
                }
            }
        }
    }

    private TransactionContext begin() {
        TransactionContext transaction = hazelcast.newTransactionContext(new TransactionOptions()
                .setTransactionType(TransactionOptions.TransactionType.TWO_PHASE)
                .setDurability(1)
                .setTimeout(TriggerRunner.CALL_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS));
        transaction.beginTransaction();
        return transaction;
    }

    private static void rollback(TransactionContext transaction) {
        try {
            transaction.rollbackTransaction();
        } catch (RuntimeException e) {
            // Rolled back by its timeout, or the member is going: nothing was committed.
        }
    }
}
