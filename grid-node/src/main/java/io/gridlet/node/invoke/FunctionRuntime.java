package io.gridlet.node.invoke;

import com.hazelcast.core.HazelcastInstance;
import io.gridlet.node.GridNode;
import io.gridlet.node.metrics.GridletMeters;
import io.gridlet.node.metrics.Outcome;
import io.gridlet.node.registry.FunctionRegistry;
import io.gridlet.node.registry.RegisteredFunction;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs calls on the member they were sent to: resolves the function, takes a bulkhead permit or
 * answers overloaded at once, decodes the input with the function's decoder, runs the function on
 * the calling thread (an invocation-executor thread, never a partition thread) under a deadline,
 * applies the routed entry's change and encodes the output. Every outcome is counted.
 *
 * <p>Thread-safe; one per member, found through the member's user context.
 */
public final class FunctionRuntime implements AutoCloseable {

    /** The key under which a member's user context holds its runtime. */
    public static final String USER_CONTEXT_KEY = "io.gridlet.runtime";

    private static final Logger LOG = LoggerFactory.getLogger(FunctionRuntime.class);

    private final FunctionRegistry registry;
    private final Counter unknownFunction;
    private final DeadlineSweeper deadlines;
    private volatile UUID localMember = new UUID(0, 0);
    private volatile MissingFunctionLoader missingFunctionLoader = (name, version) -> false;

    public FunctionRuntime(FunctionRegistry registry, DeadlineSweeper deadlines, MeterRegistry meterRegistry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.unknownFunction = Counter.builder(GridletMeters.FUNCTION_INVOCATIONS)
                .description("Invocations finished on this member, by outcome")
                .tag(GridletMeters.TAG_FUNCTION, GridletMeters.UNKNOWN)
                .tag(GridletMeters.TAG_VERSION, GridletMeters.UNKNOWN)
                .tag(GridletMeters.TAG_OUTCOME, Outcome.UNKNOWN_FUNCTION.tag())
                .register(meterRegistry);
        this.deadlines = Objects.requireNonNull(deadlines, "deadlines");
    }

    /** The runtime of the member {@code hazelcast} belongs to. */
    public static FunctionRuntime of(HazelcastInstance hazelcast) {
        Object runtime = hazelcast.getUserContext().get(USER_CONTEXT_KEY);
        if (runtime == null) {
            throw new IllegalStateException("member " + hazelcast.getName() + " was not started by "
                    + GridNode.class.getSimpleName() + ": it has no Gridlet runtime");
        }
        return (FunctionRuntime) runtime;
    }

    /** Called once the member is up, so that responses name it. */
    public void memberStarted(UUID member) {
        this.localMember = member;
    }

    public FunctionRegistry registry() {
        return registry;
    }

    /** Loads functions this member has not loaded yet, on a miss; deployed jars plug in here. */
    public void missingFunctionLoader(MissingFunctionLoader loader) {
        this.missingFunctionLoader = Objects.requireNonNull(loader, "loader");
    }

    /** Finds functions a member has not loaded yet: a jar deployed a moment ago elsewhere. */
    @FunctionalInterface
    public interface MissingFunctionLoader {
        /** @return whether something was loaded, so that resolving again may succeed */
        boolean load(String name, String version);
    }

    /**
     * Runs one call on this thread.
     *
     * @param entry the routed entry, or {@code null} for a call not routed by map and key
     * @return the response; never throws for anything the function or its input did
     */
    InvocationResponse execute(HazelcastInstance hazelcast, InvocationRequest request, BufferedRoutedEntry<?> entry) {
        UUID member = localMember;
        RegisteredFunction function = resolveAndEnter(request);
        if (function == null && missingFunctionLoader.load(request.function(), request.version())) {
            function = resolveAndEnter(request);
        }
        if (function == null) {
            unknownFunction.increment();
            return InvocationResponse.error(InvocationResponse.UNKNOWN_FUNCTION, request.version(), member,
                    unknownMessage(request));
        }
        long timeoutNanos = request.timeoutNanos();
        if (!request.explicitTimeout()) {
            timeoutNanos = Math.min(timeoutNanos, function.spec().timeout().toNanos());
        }
        long deadline = request.receivedNanos() + timeoutNanos;
        long start = System.nanoTime();
        try {
            if (deadline - start <= 0) {
                function.meters().record(Outcome.TIMEOUT);
                return InvocationResponse.error(InvocationResponse.TIMED_OUT, function.version(), member,
                        "function " + function.name() + " reached its deadline before it could start");
            }
            if (!function.bulkhead().tryAcquire()) {
                function.meters().record(Outcome.OVERLOADED);
                return InvocationResponse.error(InvocationResponse.OVERLOADED, function.version(), member,
                        "function " + function.name() + " already runs " + function.spec().maxConcurrency()
                                + " calls on member " + member + ", its maxConcurrency");
            }
            try {
                return run(hazelcast, request, function, entry, deadline, start, member);
            } finally {
                function.bulkhead().release();
            }
        } finally {
            function.exit();
        }
    }

    /**
     * The version to run, counted in. A version retired between its resolution and the count is
     * skipped, and the alias, which no longer names it, is read again.
     */
    private RegisteredFunction resolveAndEnter(InvocationRequest request) {
        for (int tries = 0; tries < 3; tries++) {
            RegisteredFunction function = registry.resolve(request.function(), request.version());
            if (function == null) {
                return null;
            }
            if (function.enter()) {
                return function;
            }
        }
        return null;
    }

    private InvocationResponse run(HazelcastInstance hazelcast, InvocationRequest request, RegisteredFunction function,
                                   BufferedRoutedEntry<?> entry, long deadline, long start, UUID member) {
        Object input;
        try {
            input = function.decoder().decode(request.format(), request.input());
        } catch (IOException | RuntimeException e) {
            function.meters().record(Outcome.BAD_INPUT);
            return InvocationResponse.error(InvocationResponse.BAD_INPUT, function.version(), member,
                    "function " + function.name() + " expects input of type " + function.inputType().toCanonical()
                            + ": " + describe(e));
        }
        InvocationContext context = new InvocationContext(hazelcast, request, function, deadline, entry);
        Thread thread = Thread.currentThread();
        ClassLoader callerLoader = thread.getContextClassLoader();
        deadlines.watch(context);
        thread.setContextClassLoader(function.classLoader());
        try {
            Object output = function.function().apply(input, context);
            if (entry != null) {
                entry.commit();
            }
            if (!context.finish()) {
                return timedOut(function, member, start);
            }
            Payload payload = function.codec().encode(output);
            function.meters().record(Outcome.SUCCESS, System.nanoTime() - start);
            return InvocationResponse.ok(function.version(), member, payload);
        } catch (Throwable error) {
            if (!context.finish()) {
                return timedOut(function, member, start);
            }
            rethrowIfFatal(error);
            function.meters().record(Outcome.FAILED, System.nanoTime() - start);
            if (LOG.isDebugEnabled()) {
                LOG.debug("Function {} version {} failed in invocation {}", function.name(), function.version(),
                        request.invocationId(), error);
            }
            return InvocationResponse.failed(function.version(), member, error.getClass().getName(),
                    error.getMessage());
        } finally {
            deadlines.unwatch(context);
            thread.setContextClassLoader(callerLoader);
            if (entry != null) {
                entry.release();
            }
        }
    }

    InvocationResponse refuseOnPartitionThread(InvocationRequest request) {
        return InvocationResponse.error(InvocationResponse.BAD_INPUT, request.version(), localMember,
                "function " + request.function() + " was called on key " + request.key() + " of map " + request.map()
                        + " by a thread that holds that key's lock; unlock it first");
    }

    private static InvocationResponse timedOut(RegisteredFunction function, UUID member, long start) {
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        function.meters().record(Outcome.TIMEOUT, System.nanoTime() - start);
        return InvocationResponse.error(InvocationResponse.TIMED_OUT, function.version(), member,
                "function " + function.name() + " was cancelled at its deadline after " + elapsedMillis + " ms");
    }

    private static String unknownMessage(InvocationRequest request) {
        return request.version() == null
                ? "no function named " + request.function() + " on member"
                : "function " + request.function() + " has no version " + request.version() + " on member";
    }

    private static String describe(Exception e) {
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException json) {
            return json.getOriginalMessage();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void rethrowIfFatal(Throwable error) {
        if (error instanceof VirtualMachineError fatal) {
            throw fatal;
        }
    }

    @Override
    public void close() {
        // The node closes the shared sweeper.
    }
}
