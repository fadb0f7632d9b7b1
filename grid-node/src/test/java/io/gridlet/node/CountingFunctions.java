package io.gridlet.node;

import io.gridlet.api.Function;
import io.gridlet.api.FunctionContext;
import io.gridlet.api.GridFunction;
import io.gridlet.api.RoutedEntry;

/** Functions that count their runs in the routed entry, for tests that kill members. */
public final class CountingFunctions {

    private CountingFunctions() {
    }

    static long increment(FunctionContext ctx) {
        RoutedEntry<Long> counter = ctx.entry();
        long next = (counter.get() == null ? 0 : counter.get()) + 1;
        counter.set(next);
        return next;
    }

    /** Increments the routed counter in the call's transaction: exactly once per idempotency key. */
    @Function(name = "count.tx", transactional = true, timeoutMillis = 10_000)
    public static final class TransactionalIncrement implements GridFunction<Object, Long> {
        @Override
        public Long apply(Object input, FunctionContext ctx) {
            return increment(ctx);
        }
    }

    /** Increments the routed counter and notes a rerun: may apply twice when its member dies, and says so. */
    @Function(name = "count.plain", timeoutMillis = 10_000)
    public static final class PlainIncrement implements GridFunction<Object, Long> {
        @Override
        public Long apply(Object input, FunctionContext ctx) {
            if (ctx.attempt() > 1) {
                ctx.map("reruns").set(ctx.key(), ctx.attempt());
            }
            return increment(ctx);
        }
    }

    /**
     * A trigger's function with a side effect: counts each event in a transaction, so with the
     * event's idempotency key the count is exactly one per event, across a kill.
     */
    @Function(name = "effect.once", transactional = true, timeoutMillis = 10_000)
    public static final class EffectOnce implements GridFunction<java.util.Map<String, Object>, String> {
        @Override
        public String apply(java.util.Map<String, Object> event, FunctionContext ctx) {
            Object key = event.get("key");
            com.hazelcast.transaction.TransactionalMap<Object, Long> effects = ctx.transactionalMap("effects");
            Long seen = effects.getForUpdate(key);
            effects.set(key, seen == null ? 1L : seen + 1);
            return "done " + key;
        }
    }

    /** A trigger's function without side effects: names the event's key. */
    @Function(name = "echo.key", timeoutMillis = 10_000)
    public static final class EchoKey implements GridFunction<java.util.Map<String, Object>, String> {
        @Override
        public String apply(java.util.Map<String, Object> event, FunctionContext ctx) {
            return "seen " + event.get("key");
        }
    }

    /** A schedule's function: notes each firing's time. */
    @Function(name = "note.tick", timeoutMillis = 10_000)
    public static final class NoteTick implements GridFunction<java.util.Map<String, Object>, String> {
        @Override
        public String apply(java.util.Map<String, Object> firing, FunctionContext ctx) {
            ctx.map("ticks").set(String.valueOf(firing.get("firedAt")), ctx.hazelcast().getCluster().getLocalMember()
                    .getUuid().toString());
            return null;
        }
    }

    /** Where it ran, for locality checks through a client. */
    @Function(name = "where.client")
    public static final class Where implements GridFunction<Object, String> {
        @Override
        public String apply(Object input, FunctionContext ctx) {
            return ctx.hazelcast().getCluster().getLocalMember().getUuid().toString();
        }
    }
}
