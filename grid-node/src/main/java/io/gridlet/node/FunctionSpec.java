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

    /** A spec whose calls run on the invocation executor. */
    public FunctionSpec(String name, String version, Duration timeout, int maxConcurrency, String description,
                        boolean transactional) {
        this(name, version, timeout, maxConcurrency, description, transactional, false);
    }

    /** A builder for a function named {@code name}, with the defaults of {@link Function}. */
    public static Builder named(String name) {
        return new Builder(name);
    }

    /** The spec an {@link Function} annotation declares, at the given version. */
    public static FunctionSpec of(Function annotation, String version) {
        Objects.requireNonNull(annotation, "annotation");
        return new FunctionSpec(annotation.name(), version, Duration.ofMillis(annotation.timeoutMillis()),
                annotation.maxConcurrency(), annotation.description(), annotation.transactional(),
                annotation.partitionThread());
    }

    /** This spec at another version. */
    public FunctionSpec withVersion(String newVersion) {
        return new FunctionSpec(name, newVersion, timeout, maxConcurrency, description, transactional,
                partitionThread);
    }

    static String requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("function name must not be blank");
        }
        if (name.length() > 200) {
            throw new IllegalArgumentException("function name must be at most 200 characters: " + name.length());
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_')) {
                throw new IllegalArgumentException(
                        "function name may hold only letters, digits, '.', '-' and '_': " + name);
            }
        }
        return name;
    }

    static String requireVersion(String version) {
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException("version must not be blank");
        }
        if (version.length() > 100) {
            throw new IllegalArgumentException("version must be at most 100 characters: " + version.length());
        }
        for (int i = 0; i < version.length(); i++) {
            char c = version.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_' || c == '+')) {
                throw new IllegalArgumentException(
                        "version may hold only letters, digits, '.', '-', '_' and '+': " + version);
            }
        }
        return version;
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

        public Builder version(String version) {
            this.version = requireVersion(version);
            return this;
        }

        public Builder timeout(Duration timeout) {
            requireTimeout(timeout);
            this.timeout = timeout;
            return this;
        }

        public Builder maxConcurrency(int maxConcurrency) {
            requireConcurrency(maxConcurrency);
            this.maxConcurrency = maxConcurrency;
            return this;
        }

        public Builder description(String description) {
            this.description = Objects.requireNonNull(description, "description");
            return this;
        }

        /** Whether a call routed by key may run on its key's partition thread ({@link Function#partitionThread()}). */
        public Builder partitionThread(boolean partitionThread) {
            this.partitionThread = partitionThread;
            return this;
        }

        public Builder transactional(boolean transactional) {
            this.transactional = transactional;
            return this;
        }

        public FunctionSpec build() {
            return new FunctionSpec(name, version, timeout, maxConcurrency, description, transactional,
                    partitionThread);
        }
    }
}
