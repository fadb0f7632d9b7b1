package io.gridlet.node.internal.invoke.member;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.partition.PartitionAwareKey;
import io.gridlet.node.internal.invoke.wire.IdempotencyRecord;
import io.gridlet.node.internal.invoke.wire.InvocationRequest;
import io.gridlet.node.internal.invoke.wire.InvocationResponse;
import io.gridlet.node.internal.invoke.wire.Status;
import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The strategy of a call with an idempotency key and no transaction: it completes at most once
 * per key. Its record, in the routing key's partition, says running, then holds the first
 * completion's answer, which later calls with the key get back. Thread-safe.
 */
final class IdempotentExecution {

    private static final long RECORD_POLL_MILLIS = 5;

    /** The member of a record whose call's outcome is unknown: never a member, so the next call takes it over. */
    private static final UUID NO_MEMBER = new UUID(0, 0);

    private final PlainExecution plain;
    private final Duration retention;
    private final Counter reruns;

    IdempotentExecution(PlainExecution plain, Duration retention, Counter reruns) {
        this.plain = plain;
        this.retention = retention;
        this.reruns = reruns;
    }

    /**
     * A call with an idempotency key and no transaction: a record marks it running, then holds its
     * answer. A record left running by a member that died is taken over, and the call runs again
     * with {@code attempt() > 1}: its first run's effects may or may not have happened.
     */
    InvocationResponse run(MemberCall call, BufferedRoutedEntry<?> entry) {
        IMap<Object, IdempotencyRecord> records = call.hazelcast().getMap(FunctionRuntime.IDEMPOTENCY_MAP);
        Object key = idempotencyKey(call.request());
        UUID invocation = call.request().invocationId();
        IdempotencyRecord mine = IdempotencyRecord.running(invocation, call.member());
        boolean rerun = false;
        while (true) {
            IdempotencyRecord existing = records.putIfAbsent(key, mine, retention.toMillis(),
                    TimeUnit.MILLISECONDS);
            if (existing == null) {
                break;
            }
            if (existing.done()) {
                return existing.response();
            }
            if (existing.invocation().equals(invocation) || !isMember(call.hazelcast(), existing.member())) {
                if (records.replace(key, existing, mine)) {
                    rerun = true;
                    break;
                }
                continue;
            }
            if (System.nanoTime() - call.deadline() >= 0) {
                return InvocationResponse.error(Status.TIMED_OUT, call.function().version(), call.member(),
                        "function " + call.function().name() + " waited for another call with idempotency key "
                                + call.request().idempotencyKey() + " until its deadline");
            }
            pause();
        }
        if (rerun) {
            reruns.increment();
        }
        InvocationResponse response = plain.run(call, entry, null, rerun);
        if (response.status() == Status.OK || response.status() == Status.FAILED) {
            records.set(key, IdempotencyRecord.done(invocation, call.member(), response),
                    retention.toMillis(), TimeUnit.MILLISECONDS);
        } else if (response.status() == Status.OUTCOME_UNKNOWN) {
            // Its write may have applied: the next call with the key takes the record over as a
            // rerun (attempt() > 1), as after its member's death, so the function can tell.
            try {
                records.set(key, IdempotencyRecord.running(invocation, NO_MEMBER), retention.toMillis(),
                        TimeUnit.MILLISECONDS);
            } catch (RuntimeException e) {
                records.remove(key, mine);
            }
        } else {
            // It did not run: a later call runs it afresh.
            records.remove(key, mine);
        }
        return response;
    }

    /**
     * The record's key: the function and idempotency key, in the partition of the routing key,
     * so the member that runs the call owns the record too.
     */
    static Object idempotencyKey(InvocationRequest request) {
        String id = request.function() + '\u0000' + request.idempotencyKey();
        return new PartitionAwareKey<>(id, request.key() != null ? request.key() : request.idempotencyKey());
    }

    private static boolean isMember(HazelcastInstance hazelcast, UUID member) {
        for (Member current : hazelcast.getCluster().getMembers()) {
            if (current.getUuid().equals(member)) {
                return true;
            }
        }
        return false;
    }

    private static void pause() {
        try {
            Thread.sleep(RECORD_POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
