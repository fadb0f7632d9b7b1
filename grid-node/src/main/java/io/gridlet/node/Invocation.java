package io.gridlet.node;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * One call to make: which function, with what input, routed where, within what time.
 *
 * <p>Build it with {@link #of(String)}. A call routed by {@linkplain Builder#onKey map and key}
 * runs on the member that owns the key's partition of that map, and may update that entry
 * atomically; one routed by {@linkplain Builder#key key} alone runs on the key's owner; one with
 * no key runs on any member, spreading the load.
 *
 * @param function       the function's name
 * @param input          the input: {@code byte[]} passes through raw, anything else travels as JSON
 * @param map            the map whose entry the call is routed to, or {@code null}
 * @param key            the routing key, or {@code null}
 * @param version        the version to run, or {@code null} for the live one
 * @param timeout        the deadline, or {@code null} for the function's own
 * @param idempotencyKey at most one completion per key, or {@code null}
 */
public record Invocation(String function, Object input, String map, Object key, String version,
                         Duration timeout, String idempotencyKey) {

    /**
     * Checks the names, the key's type, the version, the timeout and the idempotency key.
     *
     * @param function       the function's name
     * @param input          the input: {@code byte[]} passes through raw, anything else travels as JSON
     * @param map            the map whose entry the call is routed to, or {@code null}
     * @param key            the routing key, or {@code null}
     * @param version        the version to run, or {@code null} for the live one
     * @param timeout        the deadline, or {@code null} for the function's own
     * @param idempotencyKey at most one completion per key, or {@code null}
     */
    public Invocation {
        FunctionSpec.requireName(function);
        if (map != null) {
            requireMapName(map);
            Objects.requireNonNull(key, "a call routed by map needs a key");
        }
        if (key != null) {
            requireKeyType(key);
        }
        if (version != null) {
            FunctionSpec.requireVersion(version);
        }
        if (timeout != null) {
            FunctionSpec.requireTimeout(timeout);
        }
        if (idempotencyKey != null) {
            requireIdempotencyKey(idempotencyKey);
        }
    }

    static String requireIdempotencyKey(String idempotencyKey) {
        if (idempotencyKey.isEmpty() || idempotencyKey.length() > 256) {
            throw new IllegalArgumentException("idempotencyKey must be 1 to 256 characters: " + idempotencyKey.length());
        }
        return idempotencyKey;
    }

    /**
     * A builder for a call of {@code function}.
     *
     * @param function the function's name
     * @return the builder
     */
    public static Builder of(String function) {
        return new Builder(function);
    }

    static void requireMapName(String map) {
        if (map.isBlank()) {
            throw new IllegalArgumentException("map name must not be blank");
        }
    }

    /**
     * Keys travel to other members, which do not have the caller's classes: only types every
     * member can read are routing keys.
     */
    static void requireKeyType(Object key) {
        if (!(key instanceof String || key instanceof Long || key instanceof Integer || key instanceof UUID)) {
            throw new IllegalArgumentException("key must be a String, Long, Integer or UUID, not "
                    + key.getClass().getName() + ": keys cross to members that do not have the caller's classes");
        }
    }

    /** Builds an {@link Invocation}; each setter checks its argument at once. Not thread-safe. */
    public static final class Builder {
        private final String function;
        private Object input;
        private String map;
        private Object key;
        private String version;
        private Duration timeout;
        private String idempotencyKey;

        private Builder(String function) {
            this.function = FunctionSpec.requireName(function);
        }

        /**
         * The input, encoded as JSON (a {@link Payload} is sent as it is). Default {@code null}.
         *
         * @param input the input
         * @return this builder
         */
        public Builder input(Object input) {
            this.input = input;
            return this;
        }

        /**
         * Routes the call to the owner of {@code key} in {@code map}, and to that entry.
         *
         * @param map the map the key is in
         * @param key a {@code String}, {@code Long}, {@code Integer} or {@code UUID}
         * @return this builder
         */
        public Builder onKey(String map, Object key) {
            requireMapName(Objects.requireNonNull(map, "map"));
            requireKeyType(Objects.requireNonNull(key, "key"));
            this.map = map;
            this.key = key;
            return this;
        }

        /**
         * Routes the call to the owner of {@code key}'s partition, without an entry.
         *
         * @param key a {@code String}, {@code Long}, {@code Integer} or {@code UUID}
         * @return this builder
         */
        public Builder key(Object key) {
            requireKeyType(Objects.requireNonNull(key, "key"));
            this.map = null;
            this.key = key;
            return this;
        }

        /**
         * Runs this version instead of the live one.
         *
         * @param version the version
         * @return this builder
         */
        public Builder version(String version) {
            this.version = FunctionSpec.requireVersion(version);
            return this;
        }

        /**
         * The call's deadline, instead of the function's timeout.
         *
         * @param timeout positive
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            FunctionSpec.requireTimeout(timeout);
            this.timeout = timeout;
            return this;
        }

        /**
         * Completes the call at most once per key: a later call with the same key gets the first answer.
         *
         * @param idempotencyKey 1 to 256 characters
         * @return this builder
         */
        public Builder idempotencyKey(String idempotencyKey) {
            this.idempotencyKey = requireIdempotencyKey(Objects.requireNonNull(idempotencyKey, "idempotencyKey"));
            return this;
        }

        /** {@return the call, checked} */
        public Invocation build() {
            return new Invocation(function, input, map, key, version, timeout, idempotencyKey);
        }
    }
}
