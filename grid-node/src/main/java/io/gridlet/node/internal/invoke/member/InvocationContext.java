package io.gridlet.node.internal.invoke.member;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.internal.util.ThreadUtil;
import com.hazelcast.map.IMap;
import com.hazelcast.transaction.TransactionContext;
import com.hazelcast.transaction.TransactionalMap;
import io.gridlet.api.FunctionContext;
import io.gridlet.api.RoutedEntry;
import io.gridlet.api.Trace;
import io.gridlet.node.internal.invoke.DeadlineSweeper;
import io.gridlet.node.internal.invoke.wire.InvocationRequest;
import io.gridlet.node.internal.registry.RegisteredFunction;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Map;
import io.gridlet.node.internal.invoke.CallTracing;
import io.gridlet.node.internal.logs.CapturingLogger;
import io.gridlet.node.internal.logs.LogRing;
import org.slf4j.Logger;

/**
 * The context of one invocation on its executing member, and what cancels it at its deadline.
 *
 * <p>Cancellation interrupts the function's thread, which belongs to a pool that runs other
 * calls afterwards. The state machine below makes sure an interrupt meant for this call never
 * leaks into the next one: the runner and the canceller race on one compare-and-set, and a runner
 * that lost waits for the interrupt to land and then clears it (the same hand-off as
 * {@code FutureTask}'s).
 */
final class InvocationContext implements FunctionContext, DeadlineSweeper.Expiring {

    private static final int RUNNING = 0;
    private static final int DONE = 1;
    private static final int INTERRUPTING = 2;
    private static final int CANCELLED = 3;
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(InvocationContext.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final HazelcastInstance hazelcast;
    private final InvocationRequest request;
    private final RegisteredFunction function;
    private final long deadlineNanos;
    private final BufferedRoutedEntry<?> entry;
    private final TransactionContext transaction;
    private final int attempt;
    private final PartitionKeys partitionKeys;
    private final Thread thread;
    private final LogRing logs;
    private final io.opentelemetry.api.trace.Span span;
    private Logger logger;
    private Trace trace;
    @SuppressWarnings("unused") // through STATE
    private volatile int state;
    private String invocationId;

    InvocationContext(HazelcastInstance hazelcast, InvocationRequest request, RegisteredFunction function,
                      long deadlineNanos, BufferedRoutedEntry<?> entry, TransactionContext transaction, int attempt,
                      PartitionKeys partitionKeys, LogRing logs, io.opentelemetry.api.trace.Span span) {
        this.logs = logs;
        this.span = span;
        this.hazelcast = hazelcast;
        this.request = request;
        this.function = function;
        this.deadlineNanos = deadlineNanos;
        this.entry = entry;
        this.transaction = transaction;
        this.attempt = attempt;
        this.partitionKeys = partitionKeys;
        // A partition thread is never interrupted: it runs every operation of its partitions.
        this.thread = ThreadUtil.isRunningOnPartitionThread() ? null : Thread.currentThread();
    }

    @Override
    public long deadlineNanos() {
        return deadlineNanos;
    }

    /** The deadline passed: cancel the call and interrupt its thread, unless it already finished. */
    @Override
    public void expire() {
        if (STATE.compareAndSet(this, RUNNING, INTERRUPTING)) {
            try {
                if (thread != null) {
                    thread.interrupt();
                }
            } finally {
                STATE.setVolatile(this, CANCELLED);
            }
        }
    }

    /**
     * Ends the call on its own thread.
     *
     * @return {@code true} if it finished before it was cancelled; {@code false} if it was
     *         cancelled, in which case the thread's interrupt has been cleared
     */
    boolean finish() {
        if (STATE.compareAndSet(this, RUNNING, DONE)) {
            return true;
        }
        int current;
        while ((current = (int) STATE.getVolatile(this)) == INTERRUPTING) {
            Thread.onSpinWait();
        }
        if (current == CANCELLED) {
            Thread.interrupted();
            return false;
        }
        return true;
    }

    BufferedRoutedEntry<?> routedEntry() {
        return entry;
    }

    @Override
    public String functionName() {
        return function.name();
    }

    @Override
    public String version() {
        return function.version();
    }

    @Override
    public String invocationId() {
        String id = invocationId;
        if (id == null) {
            id = request.invocationId().toString();
            invocationId = id;
        }
        return id;
    }

    @Override
    public Object key() {
        return request.key();
    }

    @Override
    public <K, V> IMap<K, V> map(String name) {
        return hazelcast.getMap(name);
    }

    @Override
    public HazelcastInstance hazelcast() {
        return hazelcast;
    }

    @Override
    public Duration remaining() {
        return Duration.ofNanos(deadlineNanos - System.nanoTime());
    }

    @Override
    public boolean isCancelled() {
        int current = (int) STATE.getVolatile(this);
        return current == INTERRUPTING || current == CANCELLED;
    }

    @Override
    public int attempt() {
        return attempt;
    }

    @Override
    public <K, V> TransactionalMap<K, V> transactionalMap(String name) {
        if (transaction == null) {
            throw new IllegalStateException("function " + function.name()
                    + " is not transactional: mark it @Function(transactional = true) to write through transactionalMap()");
        }
        return transaction.getMap(name);
    }

    /** The function's logger for this call, made on first use: its lines are kept with the call's ids. */
    @Override
    public Logger logger() {
        if (logger == null) {
            logger = new CapturingLogger(function.logger(), logs, function.name(), function.version(), invocationId(),
                    CallTracing.traceId(request.traceParent()));
        }
        return logger;
    }

    @Override
    public Trace trace() {
        if (trace == null) {
            trace = span == null ? Trace.off(CallTracing.traceId(request.traceParent())) : new SpanTrace(span);
        }
        return trace;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> RoutedEntry<V> entry() {
        if (entry == null) {
            throw new IllegalStateException("function " + function.name()
                    + " was not called with a map and a key: entry() needs a call routed by map and key");
        }
        return (RoutedEntry<V>) entry;
    }

    @Override
    public <K, V> Iterable<Map.Entry<K, V>> localEntries(String mapName) {
        if (request.partitions() == null) {
            throw new IllegalStateException("function " + function.name()
                    + " was not called as a fan-out: localEntries() needs a fan-out call");
        }
        return partitionKeys.entries(hazelcast.<K, V>getMap(mapName), request.partitions());
    }
}
