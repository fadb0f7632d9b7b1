package io.gridlet.node.registry;

import com.fasterxml.jackson.databind.JavaType;
import io.gridlet.api.GridFunction;
import io.gridlet.node.FunctionSpec;
import io.gridlet.node.invoke.PayloadCodec;
import io.gridlet.node.metrics.FunctionMeters;
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

    @SuppressWarnings("unchecked")
    public RegisteredFunction(FunctionSpec spec, GridFunction<?, ?> function, JavaType inputType,
                              PayloadCodec codec, ClassLoader classLoader, FunctionMeters meters) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.function = (GridFunction<Object, Object>) Objects.requireNonNull(function, "function");
        this.inputType = Objects.requireNonNull(inputType, "inputType");
        this.decoder = codec.decoderFor(inputType);
        this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
        this.bulkhead = new Semaphore(spec.maxConcurrency());
        this.meters = Objects.requireNonNull(meters, "meters");
        this.logger = LoggerFactory.getLogger("gridlet.function." + spec.name());
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
