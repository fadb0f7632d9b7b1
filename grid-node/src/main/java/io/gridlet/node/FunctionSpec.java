package io.gridlet.node;

import io.gridlet.api.Function;
import java.time.Duration;
import java.util.Objects;

/**
 * How a registered function is named and may run.
 *
 * @param name           the name callers invoke
 * @param version        the version this registration provides
 * @param timeout        the deadline of a call that sets none
 * @param maxConcurrency calls that may run at once on one member
 * @param description    for people reading the function list
 * @param transactional  whether map writes and the idempotency record commit together
 * @param partitionThread whether a call routed by key may run on its key's partition thread
 *                       ({@link Function#partitionThread()})
 */
public record FunctionSpec(String name, String version, Duration timeout, int maxConcurrency,
                           String description, boolean transactional, boolean partitionThread) {

    /** The version of functions registered in-process without one. */
    public static final String DEFAULT_VERSION = "1";

    /**
     * Checks each field: a valid name and version ({@link Names}), a positive timeout and
     * concurrency, and not both transactional and on the partition thread.
     *
     * @param name            the name callers invoke
     * @param version         the version this registration provides
     * @param timeout         the deadline of a call that sets none
     * @param maxConcurrency  calls that may run at once on one member
     * @param description     for people reading the function list
     * @param transactional   whether map writes and the idempotency record commit together
     * @param partitionThread whether a call routed by key may run on its key's partition thread
     */
    public FunctionSpec {
        name = requireName(name);
        version = requireVersion(version);
        requireTimeout(timeout);
        requireConcurrency(maxConcurrency);
        description = description == null ? "" : description;
        if (transactional && partitionThread) {
            throw new IllegalArgumentException("function " + name
                    + " cannot be both transactional and run on the partition thread: a transaction blocks");
        }
    }

    /**
     * A spec whose calls run on the invocation executor.
     *
     * @param name           the name callers invoke
     * @param version        the version this registration provides
     * @param timeout        the deadline of a call that sets none
     * @param maxConcurrency calls that may run at once on one member
     * @param description    for people reading the function list
     * @param transactional  whether map writes and the idempotency record commit together
     */
    public FunctionSpec(String name, String version, Duration timeout, int maxConcurrency, String description,
                        boolean transactional) {
        this(name, version, timeout, maxConcurrency, description, transactional, false);
    }

    /**
     * A builder for a function named {@code name}, with the defaults of {@link Function}.
     *
     * @param name the function's name
     * @return the builder
     */
    public static Builder named(String name) {
        return new Builder(name);
    }

    /**
     * The spec an {@link Function} annotation declares, at the given version.
     *
     * @param annotation the function class's annotation
     * @param version    the version to register it at
     * @return the spec
     */
    public static FunctionSpec of(Function annotation, String version) {
        Objects.requireNonNull(annotation, "annotation");
        return new FunctionSpec(annotation.name(), version, Duration.ofMillis(annotation.timeoutMillis()),
                annotation.maxConcurrency(), annotation.description(), annotation.transactional(),
                annotation.partitionThread());
    }

    /**
     * This spec at another version.
     *
     * @param newVersion the version
     * @return a copy of this spec at {@code newVersion}
     */
    public FunctionSpec withVersion(String newVersion) {
        return new FunctionSpec(name, newVersion, timeout, maxConcurrency, description, transactional,
                partitionThread);
    }

    static String requireName(String name) {
        return Names.function(name);
    }

    static String requireVersion(String version) {
        return Names.version(version);
    }

    static void requireTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
    }

    static void requireConcurrency(int maxConcurrency) {
        if (maxConcurrency <= 0) {
            throw new IllegalArgumentException("maxConcurrency must be positive: " + maxConcurrency);
        }
    }

    /** Builds a {@link FunctionSpec}; each setter checks its argument at once. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private String version = DEFAULT_VERSION;
        private Duration timeout = Duration.ofMillis(io.gridlet.api.Function.DEFAULT_TIMEOUT_MILLIS);
        private int maxConcurrency = 64;
        private String description = "";
        private boolean transactional;
        private boolean partitionThread;

        private Builder(String name) {
            this.name = requireName(name);
        }

        /**
         * The version. Default {@value FunctionSpec#DEFAULT_VERSION}.
         *
         * @param version letters, digits, '.', '-', '_' and '+'
         * @return this builder
         */
        public Builder version(String version) {
            this.version = requireVersion(version);
            return this;
        }

        /**
         * The deadline of a call that sets none. Default {@value io.gridlet.api.Function#DEFAULT_TIMEOUT_MILLIS} ms.
         *
         * @param timeout positive
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            requireTimeout(timeout);
            this.timeout = timeout;
            return this;
        }

        /**
         * Calls that may run at once on one member; past it, calls are refused as overloaded. Default 64.
         *
         * @param maxConcurrency positive
         * @return this builder
         */
        public Builder maxConcurrency(int maxConcurrency) {
            requireConcurrency(maxConcurrency);
            this.maxConcurrency = maxConcurrency;
            return this;
        }

        /**
         * What the function does, for people reading the function list. Default empty.
         *
         * @param description the text
         * @return this builder
         */
        public Builder description(String description) {
            this.description = Objects.requireNonNull(description, "description");
            return this;
        }

        /**
         * Whether a call routed by key may run on its key's partition thread ({@link Function#partitionThread()}).
         * Default off.
         *
         * @param partitionThread on or off
         * @return this builder
         */
        public Builder partitionThread(boolean partitionThread) {
            this.partitionThread = partitionThread;
            return this;
        }

        /**
         * Whether the function's map writes, its routed entry and its idempotency record commit in
         * one transaction. Default off.
         *
         * @param transactional on or off
         * @return this builder
         */
        public Builder transactional(boolean transactional) {
            this.transactional = transactional;
            return this;
        }

        /**
         * The spec.
         *
         * @return the spec, checked
         */
        public FunctionSpec build() {
            return new FunctionSpec(name, version, timeout, maxConcurrency, description, transactional,
                    partitionThread);
        }
    }
}
