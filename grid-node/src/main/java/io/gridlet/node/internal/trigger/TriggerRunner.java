package io.gridlet.node.internal.trigger;

import io.gridlet.node.TriggerOutcome;
import io.gridlet.node.internal.cluster.MemberContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import io.gridlet.node.internal.invoke.CallTracing;
import io.gridlet.node.internal.invoke.member.FunctionRuntime;
import io.gridlet.node.internal.invoke.wire.InvocationResponse;
import io.gridlet.node.internal.invoke.wire.Status;
import io.gridlet.node.Payload;
import io.gridlet.node.internal.codec.PayloadCodec;
import io.gridlet.node.internal.metrics.GridletMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one trigger's events on one member: turns an event into the function's input (contract
 * section 1), invokes the function on this member (the Jet processor already runs where the
 * event's partition lives), retries a failure with bounded back-off, then writes a dead letter and
 * goes on. Every outcome is counted; an event that follows a journal overflow counts the loss.
 * Used by one Jet processor at a time; thread-safe.
 */
final class TriggerRunner {

    static final int MAX_ATTEMPTS = 4;
    static final long FIRST_BACKOFF_MILLIS = 50;
    static final Duration CALL_TIMEOUT = Duration.ofMillis(io.gridlet.api.Function.DEFAULT_TIMEOUT_MILLIS);
    /** How long an event waits for its member's quorum before the job is restarted instead. */
    static final Duration UNAVAILABLE_WAIT = Duration.ofSeconds(10);
    private static final long UNAVAILABLE_PAUSE_MILLIS = 200;
    private static final Logger LOG = LoggerFactory.getLogger(TriggerRunner.class);

    private final HazelcastInstance hazelcast;
    private final FunctionRuntime runtime;
    private final String trigger;
    private final String map;
    private final String function;
    private final ObjectMapper json;
    private final PayloadCodec codec;
    private final IMap<String, HazelcastJsonValue> deadLetters;
    private final Counter succeeded;
    private final Counter retried;
    private final Counter deadLettered;
    private final Counter lost;
    private final AtomicLong lagMillis = new AtomicLong();
    private final boolean exactlyOnce;
    private final CallTracing tracing;

    TriggerRunner(HazelcastInstance hazelcast, String trigger, String map, String function, boolean exactlyOnce) {
        this.exactlyOnce = exactlyOnce;
        this.hazelcast = hazelcast;
        this.runtime = FunctionRuntime.of(hazelcast);
        this.trigger = trigger;
        this.map = map;
        this.function = function;
        this.codec = new PayloadCodec();
        this.json = codec.mapper();
        this.deadLetters = hazelcast.getMap(GridTriggers.DEAD_LETTERS);
        MeterRegistry meters = MemberContext.get(hazelcast, MeterRegistry.class);
        this.tracing = MemberContext.get(hazelcast, CallTracing.class);
        this.succeeded = counter(meters, trigger, TriggerOutcome.SUCCESS);
        this.retried = counter(meters, trigger, TriggerOutcome.RETRIED);
        this.deadLettered = counter(meters, trigger, TriggerOutcome.DEAD_LETTER);
        this.lost = counter(meters, trigger, TriggerOutcome.LOST);
        Gauge.builder(GridletMeters.TRIGGER_LAG, lagMillis, AtomicLong::get)
                .description("Time from an event's ingestion to its function's answer, last seen, in milliseconds")
                .tag(GridletMeters.TAG_TRIGGER, trigger).baseUnit("milliseconds").register(meters);
    }

    /** The runner of a trigger on this member, for a Jet processor. */
    public static TriggerRunner on(HazelcastInstance hazelcast, String trigger, String map, String function,
                                   boolean exactlyOnce) {
        return new TriggerRunner(hazelcast, trigger, map, function, exactlyOnce);
    }

    private static Counter counter(MeterRegistry meters, String trigger, TriggerOutcome outcome) {
        return Counter.builder(GridletMeters.TRIGGER_EVENTS)
                .description("Trigger events handled on this member, by outcome")
                .tag(GridletMeters.TAG_TRIGGER, trigger).tag(GridletMeters.TAG_OUTCOME, outcome.tag()).register(meters);
    }

    /**
     * Handles one map event.
     *
     * @return the entry to write to the result map, or {@code null} if there is nothing to write
     */
    public Map.Entry<Object, Object> handle(TriggerEvent event) {
        if (event.afterLostEvents()) {
            lost.increment();
            LOG.warn("Trigger {}: the event journal of map {} overflowed; events before key {} were lost", trigger, map,
                    event.key());
        }
        ObjectNode input = json.createObjectNode();
        input.put("map", map);
        input.set("key", toJson(event.key()));
        input.put("type", event.type());
        input.set("value", toJson(event.value()));
        input.set("oldValue", toJson(event.oldValue()));
        // Exactly-once: the event's place in the journal is its idempotency key, the same when Jet
        // replays it after restoring a snapshot, so the function completes once per event.
        String idempotencyKey = exactlyOnce && event.sequence() >= 0
                ? "event/" + trigger + "/" + event.partition() + "/" + event.sequence() : null;
        // Each event starts its own trace: the journal carries no context from the write that made it.
        Span span = tracing.startEvent(trigger, map, event.type(), event.partition(), event.sequence());
        Object output;
        try {
            output = run(event.key(), input, idempotencyKey, span);
        } catch (RuntimeException e) {
            CallTracing.end(span, "restarted", true);
            throw e;
        }
        lagMillis.set(Math.max(0, System.currentTimeMillis() - event.ingestedAtMillis()));
        return output == null ? null : new AbstractMap.SimpleImmutableEntry<>(event.key(), output);
    }

    /** Invokes with retries, and ends the event's span; returns the output to store, or null (none, or dead-lettered). */
    Object run(Object key, JsonNode input, String idempotencyKey, Span span) {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(input);
        } catch (IOException e) {
            throw new IllegalStateException("an event could not be written as JSON", e);
        }
        InvocationResponse response = null;
        int attempt = 0;
        long backoff = FIRST_BACKOFF_MILLIS;
        long unavailableSince = 0;
        while (attempt < MAX_ATTEMPTS) {
            attempt++;
            response = runtime.invokeLocal(hazelcast, function, key, new Payload(Payload.JSON, bytes),
                    idempotencyKey, CALL_TIMEOUT, CallTracing.traceParent(span));
            if (response.status() == Status.OK) {
                succeeded.increment();
                CallTracing.end(span, "success", false);
                try {
                    return codec.toStoredValue(new Payload(response.format(), response.output()));
                } catch (IOException e) {
                    return null;
                }
            }
            if (response.status() == Status.UNAVAILABLE) {
                // This member has no quorum (it just joined, or it is cut off): not the function's
                // fault, so never a dead letter. A member that joined has it within a heartbeat or
                // two; past UNAVAILABLE_WAIT the job restarts from its last snapshot, which Jet's
                // own split-brain protection holds back until the cluster is whole.
                if (unavailableSince == 0) {
                    unavailableSince = System.nanoTime();
                } else if (System.nanoTime() - unavailableSince > UNAVAILABLE_WAIT.toNanos()) {
                    throw new com.hazelcast.jet.RestartableException(response.errorMessage());
                }
                attempt--;
                try {
                    Thread.sleep(UNAVAILABLE_PAUSE_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new com.hazelcast.jet.RestartableException(response.errorMessage());
                }
                continue;
            }
            if (response.status() == Status.UNKNOWN_FUNCTION
                    || response.status() == Status.BAD_INPUT || attempt == MAX_ATTEMPTS) {
                break;
            }
            retried.increment();
            if (span != null) {
                span.addEvent("retried", io.opentelemetry.api.common.Attributes.of(CallTracing.ATTEMPT,
                        (long) attempt + 1));
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            backoff = Math.min(backoff * 2, 2_000);
        }
        deadLetter(key, input, response, attempt);
        CallTracing.end(span, "dead-letter", true);
        return null;
    }

    private void deadLetter(Object key, JsonNode input, InvocationResponse response, int attempts) {
        ObjectNode letter = json.createObjectNode();
        letter.put("trigger", trigger);
        letter.put("function", function);
        letter.set("key", toJson(key));
        letter.set("event", input);
        letter.put("error", response == null ? "not run"
                : response.errorClass() == null ? response.errorMessage()
                : response.errorClass() + ": " + response.errorMessage());
        letter.put("attempts", attempts);
        letter.put("time", Instant.now().toString());
        deadLetters.set(trigger + "/" + UUID.randomUUID(), new HazelcastJsonValue(letter.toString()));
        deadLettered.increment();
    }

    private JsonNode toJson(Object value) {
        if (value == null) {
            return json.nullNode();
        }
        if (value instanceof HazelcastJsonValue jsonValue) {
            try {
                return json.readTree(jsonValue.getValue());
            } catch (IOException e) {
                return json.getNodeFactory().textNode(jsonValue.getValue());
            }
        }
        return json.valueToTree(value);
    }
}
