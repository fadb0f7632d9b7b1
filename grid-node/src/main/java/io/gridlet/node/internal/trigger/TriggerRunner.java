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
import java.util.ArrayList;
import java.util.List;
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
    private static final Map<MeterRegistry, Map<String, AtomicLong>> LAGS =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

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
    /** Shared by every runner of the trigger on this member: the gauge reads one value. */
    private final AtomicLong lagMillis;
    private final CallTracing tracing;
    private final AppliedOnce once;

    TriggerRunner(HazelcastInstance hazelcast, String trigger, String map, String function, String resultMap) {
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
        this.lagMillis = LAGS.computeIfAbsent(meters, registry -> new java.util.concurrent.ConcurrentHashMap<>())
                .computeIfAbsent(trigger, name -> new AtomicLong());
        Gauge.builder(GridletMeters.TRIGGER_LAG, lagMillis, AtomicLong::get)
                .description("Time from an event's ingestion to its function's answer, last seen, in milliseconds")
                .tag(GridletMeters.TAG_TRIGGER, trigger).baseUnit("milliseconds").register(meters);
        this.once = new AppliedOnce(this, hazelcast, runtime, trigger, function, resultMap);
    }

    /** The runner of a trigger on this member, for a Jet processor. */
    public static TriggerRunner on(HazelcastInstance hazelcast, String trigger, String map, String function,
                                   String resultMap) {
        return new TriggerRunner(hazelcast, trigger, map, function, resultMap);
    }

    /**
     * Handles a batch at least once: each event's function, with retries; the results to write.
     */
    public List<Map.Entry<Object, Object>> handle(TriggerBatch batch) {
        List<Map.Entry<Object, Object>> results = new ArrayList<>(batch.events().size());
        for (TriggerEvent event : batch.events()) {
            Map.Entry<Object, Object> result = handle(event);
            if (result != null) {
                results.add(result);
            }
        }
        return results;
    }

    /**
     * Applies exactly once the batches a processor took at once, each of another partition; see
     * {@link AppliedOnce#applyAll}.
     */
    void applyOnce(java.util.Collection<TriggerBatch> batches, Map<Integer, Long> known) {
        once.applyAll(batches, known);
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
        noteLoss(event);
        // Each event starts its own trace: the journal carries no context from the write that made it.
        Span span = startSpan(event);
        Object output;
        try {
            output = run(event, span);
        } catch (RuntimeException e) {
            CallTracing.end(span, "restarted", true);
            throw e;
        }
        lagMillis.set(Math.max(0, System.currentTimeMillis() - event.ingestedAtMillis()));
        return output == null ? null : new AbstractMap.SimpleImmutableEntry<>(event.key(), output);
    }

    /**
     * Waits a moment for this member's quorum, or, once it has lacked it for {@link #UNAVAILABLE_WAIT},
     * restarts the job from its last snapshot.
     *
     * @param since when the wait began ({@link System#nanoTime()}), or 0 for now
     * @return when the wait began
     */
    static long awaitQuorum(long since, String reason) {
        long now = System.nanoTime();
        if (since != 0 && now - since > UNAVAILABLE_WAIT.toNanos()) {
            throw new com.hazelcast.jet.RestartableException(reason);
        }
        try {
            Thread.sleep(UNAVAILABLE_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new com.hazelcast.jet.RestartableException(reason);
        }
        return since == 0 ? now : since;
    }

    /** Counts a loss the journal reported before this event. */
    void noteLoss(TriggerEvent event) {
        if (event.afterLostEvents()) {
            lost.increment();
            LOG.warn("Trigger {}: the event journal of map {} overflowed; events before key {} were lost", trigger, map,
                    event.key());
        }
    }

    /** The function's input for an event (contract, section 1). */
    ObjectNode input(TriggerEvent event) {
        ObjectNode input = json.createObjectNode();
        input.put("map", map);
        input.set("key", toJson(event.key()));
        input.put("type", event.type());
        input.set("value", toJson(event.value()));
        input.set("oldValue", toJson(event.oldValue()));
        return input;
    }

    /**
     * The function's input for an event, as JSON bytes written straight from the event: the same
     * document as {@link #input}, without building its tree first.
     */
    private byte[] inputBytes(TriggerEvent event) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(128);
        try (com.fasterxml.jackson.core.JsonGenerator generator = json.getFactory().createGenerator(out)) {
            generator.writeStartObject();
            generator.writeStringField("map", map);
            generator.writeFieldName("key");
            write(generator, event.key());
            generator.writeStringField("type", event.type());
            generator.writeFieldName("value");
            write(generator, event.value());
            generator.writeFieldName("oldValue");
            write(generator, event.oldValue());
            generator.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("an event could not be written as JSON", e);
        }
        return out.toByteArray();
    }

    private void write(com.fasterxml.jackson.core.JsonGenerator generator, Object value) throws IOException {
        if (value == null) {
            generator.writeNull();
        } else if (value instanceof String text) {
            generator.writeString(text);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            generator.writeNumber(((Number) value).longValue());
        } else if (value instanceof Boolean bool) {
            generator.writeBoolean(bool);
        } else {
            // JSON values are parsed (or kept as text when they are not JSON), others converted: as input() does.
            generator.writeTree(toJson(value));
        }
    }

    Span startSpan(TriggerEvent event) {
        return tracing.startEvent(trigger, map, event.type(), event.partition(), event.sequence());
    }

    /** The output as the result map stores it, or null when there is none. */
    Object stored(InvocationResponse response) {
        try {
            return codec.toStoredValue(new Payload(response.format(), response.output()));
        } catch (IOException e) {
            return null;
        }
    }

    void succeeded(int events, TriggerEvent last) {
        succeeded.increment(events);
        lagMillis.set(Math.max(0, System.currentTimeMillis() - last.ingestedAtMillis()));
    }

    void retried(Span span, int attempt) {
        retried.increment();
        if (span != null) {
            span.addEvent("retried", io.opentelemetry.api.common.Attributes.of(CallTracing.ATTEMPT,
                    (long) attempt + 1));
        }
    }

    /** One try of an event's call, given the trace context it runs in: the answer. */
    @FunctionalInterface
    interface Attempt {
        InvocationResponse call(String traceParent);
    }

    /** Invokes with retries, and ends the event's span; returns the output to store, or null (none, or dead-lettered). */
    Object run(TriggerEvent event, Span span) {
        return run(event, span, traceParent -> call(event, traceParent, null));
    }

    /**
     * One call of the function for an event, on this member, inside {@code transaction} when it is
     * not {@code null}. An event of plain values goes as a map of them, which a function taking a
     * {@code Map<String, Object>} gets with no JSON in between; any other as its JSON document.
     * Each try builds its input afresh: a function may change its input.
     */
    InvocationResponse call(TriggerEvent event, String traceParent,
                            com.hazelcast.transaction.TransactionContext transaction) {
        Map<String, Object> plain = plainInput(event);
        if (plain != null) {
            return runtime.invokeLocal(hazelcast, function, event.key(), plain, CALL_TIMEOUT, traceParent, transaction);
        }
        Payload json = new Payload(Payload.JSON, inputBytes(event));
        return transaction == null
                ? runtime.invokeLocal(hazelcast, function, event.key(), json, null, CALL_TIMEOUT, traceParent)
                : runtime.invokeLocalIn(hazelcast, function, event.key(), json, CALL_TIMEOUT, traceParent, transaction);
    }

    /**
     * The event's input as the map the codec's JSON decoding would give, when its key and values are
     * plain (strings, whole numbers, booleans, doubles, nulls); else {@code null}. A fresh map each time:
     * a function may change its input.
     */
    private Map<String, Object> plainInput(TriggerEvent event) {
        Object key = plain(event.key());
        Object value = plain(event.value());
        Object oldValue = plain(event.oldValue());
        if (key == NOT_PLAIN || value == NOT_PLAIN || oldValue == NOT_PLAIN) {
            return null;
        }
        Map<String, Object> input = new java.util.LinkedHashMap<>(8);
        input.put("map", map);
        input.put("key", key);
        input.put("type", event.type());
        input.put("value", value);
        input.put("oldValue", oldValue);
        return input;
    }

    static final Object NOT_PLAIN = new Object();

    /** A value as the codec's JSON decoding gives it back (whole numbers as {@code Long}), or {@link #NOT_PLAIN}. */
    static Object plain(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long
                || value instanceof Double) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        return NOT_PLAIN;
    }

    /**
     * Tries an event's call until it succeeds, with bounded back-off, then dead-letters it; the
     * event's span ends. A member without quorum is waited for, never blamed on the function.
     *
     * @return the output to store, or null: none, already applied, or dead-lettered
     */
    Object run(TriggerEvent event, Span span, Attempt attempts) {
        InvocationResponse response = null;
        int attempt = 0;
        long backoff = FIRST_BACKOFF_MILLIS;
        long unavailableSince = 0;
        while (attempt < MAX_ATTEMPTS) {
            attempt++;
            response = attempts.call(CallTracing.traceParent(span));
            if (response == AppliedOnce.ALREADY_APPLIED) {
                CallTracing.end(span, "already-applied", false);
                return null;
            }
            if (response.status() == Status.OK) {
                succeeded.increment();
                CallTracing.end(span, "success", false);
                return stored(response);
            }
            if (response.status() == Status.UNAVAILABLE || response.status() == Status.NOT_APPLIED
                    || response.status() == Status.OUTCOME_UNKNOWN) {
                // This member has no quorum (it just joined, or it is cut off), or it refuses calls
                // for now (it stood still long enough to be declared dead), or the try's transaction
                // did not commit, or a grid operation of the function's was not confirmed (a trigger
                // runs again what may have run: at least once, or under its applied mark): not the
                // function's fault, so never a dead letter, which would let an exactly-once
                // trigger's mark move past an event never applied. A member has its
                // quorum back, or learns its fate, within a heartbeat or two; past UNAVAILABLE_WAIT
                // the job restarts from its last snapshot, which Jet's own split-brain protection
                // holds back until the cluster is whole.
                unavailableSince = awaitQuorum(unavailableSince, response.errorMessage());
                attempt--;
                continue;
            }
            if (response.status() == Status.UNKNOWN_FUNCTION
                    || response.status() == Status.BAD_INPUT || attempt == MAX_ATTEMPTS) {
                break;
            }
            retried(span, attempt);
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            backoff = Math.min(backoff * 2, 2_000);
        }
        deadLetter(event.key(), input(event), response, attempt);
        CallTracing.end(span, "dead-letter", true);
        return null;
    }

    void deadLetter(Object key, JsonNode input, InvocationResponse response, int attempts) {
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
