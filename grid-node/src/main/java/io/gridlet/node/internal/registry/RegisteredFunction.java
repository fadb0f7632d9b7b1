package io.gridlet.node.internal.registry;

import com.fasterxml.jackson.databind.JavaType;
import io.gridlet.api.GridFunction;
import io.gridlet.node.FunctionSpec;
import io.gridlet.node.internal.codec.PayloadCodec;
import io.gridlet.node.internal.metrics.FunctionMeters;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One version of a function, ready to run: everything a call needs was resolved here, once.
 * Thread-safe and immutable, but for its bulkhead and meters.
 */
public final class RegisteredFunction {

    private final FunctionSpec spec;
    private final GridFunction<Object, Object> function;
    private final JavaType inputType;
    private final PayloadCodec.Decoder decoder;
    private final ClassLoader classLoader;
    private final Semaphore bulkhead;
    private final FunctionMeters meters;
    private final Logger logger;
    private final PayloadCodec codec;
    private final String artifact;
    private final boolean takesPlainMap;
    private volatile boolean retired;

    /**
     * @param codec    encodes the output and decodes the input; a deployed jar has its own, so that
     *                 no cache outside the jar's version holds its classes
     * @param artifact the sha-256 of the jar the function came from, or {@code null} if it was
     *                 registered in-process
     */
    @SuppressWarnings("unchecked")
    public RegisteredFunction(FunctionSpec spec, GridFunction<?, ?> function, JavaType inputType,
                              PayloadCodec codec, ClassLoader classLoader, FunctionMeters meters, String artifact) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.function = (GridFunction<Object, Object>) Objects.requireNonNull(function, "function");
        this.inputType = Objects.requireNonNull(inputType, "inputType");
        this.decoder = codec.decoderFor(inputType);
        this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
        this.bulkhead = new Semaphore(spec.maxConcurrency());
        this.meters = Objects.requireNonNull(meters, "meters");
        this.logger = LoggerFactory.getLogger("gridlet.function." + spec.name());
        this.codec = codec;
        this.artifact = artifact;
        // Map<String, Object> (or Map, or Object): JSON decodes into exactly such a map, so a map
        // of JSON's own values can be handed over as it is.
        Class<?> raw = inputType.getRawClass();
        this.takesPlainMap = raw == Object.class || raw == java.util.Map.class
                && (inputType.getKeyType().getRawClass() == String.class
                || inputType.getKeyType().getRawClass() == Object.class)
                && inputType.getContentType().getRawClass() == Object.class;
    }

    /**
     * Whether the input type takes a {@code Map<String, Object>} of JSON's own values as it is:
     * {@code Object}, {@code Map} or {@code Map<String, Object>}.
     */
    public boolean takesPlainMap() {
        return takesPlainMap;
    }

    /**
     * Counts a call in, unless the version was retired: a call that resolved this version just
     * before its removal must not start once the drain may have begun.
     *
     * @return {@code false} if the version is retired; the caller resolves again
     */
    public boolean enter() {
        meters.started();
        if (retired) {
            meters.finished();
            return false;
        }
        return true;
    }

    /** Counts a call out. */
    public void exit() {
        meters.finished();
    }

    /** No call enters from now on; those inside finish. */
    public void retire() {
        retired = true;
    }

    /** Whether a retired version has no call left inside. */
    public boolean drained() {
        return retired && meters.inflight() == 0;
    }

    public PayloadCodec codec() {
        return codec;
    }

    /** The sha-256 of the function's jar, or {@code null} for one registered in-process. */
    public String artifact() {
        return artifact;
    }

    public FunctionSpec spec() {
        return spec;
    }

    public String name() {
        return spec.name();
    }

    public String version() {
        return spec.version();
    }

    public GridFunction<Object, Object> function() {
        return function;
    }

    /** The declared input type, named in bad-input errors. */
    public JavaType inputType() {
        return inputType;
    }

    public PayloadCodec.Decoder decoder() {
        return decoder;
    }

    /** The loader of the function's classes: the thread's context loader while it runs. */
    public ClassLoader classLoader() {
        return classLoader;
    }

    /** Permits for concurrent calls on this member; {@code tryAcquire} only, never a wait. */
    public Semaphore bulkhead() {
        return bulkhead;
    }

    public FunctionMeters meters() {
        return meters;
    }

    public Logger logger() {
        return logger;
    }

    @Override
    public String toString() {
        return spec.name() + "@" + spec.version();
    }
}
