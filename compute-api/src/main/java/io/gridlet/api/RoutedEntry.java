package io.gridlet.api;

/**
 * The map entry a key-routed invocation was routed to, read and written atomically.
 *
 * <p>While the function runs, its invocation holds the entry's key: concurrent invocations
 * routed to the same key run one after another on the key's owner, so a read-modify-write
 * through this entry never loses an update. Changes are applied, and backed up, when the
 * function returns normally; if it throws, the entry is left as it was.
 *
 * <p>Write the routed entry only through this view. Writing the same key through
 * {@code ctx.map(...)} from inside the function waits for the key the invocation itself holds.
 *
 * <p>Values must be types every member can read without the function's classes: strings,
 * numbers, booleans, {@code byte[]}, {@code HazelcastJsonValue} or a Compact
 * {@code GenericRecord}.
 *
 * @param <V> the value type
 */
public interface RoutedEntry<V> {

    /** {@return the routed key} */
    Object key();

    /** {@return the current value, or {@code null} if there is none} */
    V get();

    /**
     * Replaces the value.
     *
     * @param value the new value
     * @throws IllegalArgumentException if the value is not of a type every member can read
     */
    void set(V value);

    /** Removes the entry. */
    void remove();
}
