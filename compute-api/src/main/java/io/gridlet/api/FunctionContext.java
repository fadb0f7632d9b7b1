package io.gridlet.api;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.transaction.TransactionalMap;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;

/**
 * What an invocation knows about itself, and its way to the data next to it.
 *
 * <p>A context belongs to one invocation and is valid only while that invocation runs; it is
 * not to be shared with other threads.
 */
public interface FunctionContext {

    /** {@return the invoked function's name} */
    String functionName();

    /** {@return the version of the function that runs this call} */
    String version();

    /** {@return the invocation's id, unique in the cluster, stable across retries of the same call} */
    String invocationId();

    /** {@return the routing key, or {@code null} for a call that was not routed by key} */
    Object key();

    /**
     * A map of the grid. For a key-routed call, reads of the routed key's partition are served
     * by this member, with no network hop.
     *
     * @param <K>  the key type
     * @param <V>  the value type
     * @param name the map's name
     * @return the map
     */
    <K, V> IMap<K, V> map(String name);

    /** {@return the member's Hazelcast instance: an escape hatch for what the context does not cover} */
    HazelcastInstance hazelcast();

    /** {@return the time left before the call's deadline; zero or negative once it has passed} */
    Duration remaining();

    /**
     * Whether the call was cancelled or its deadline passed. A long-running function should
     * check it, and stop; the thread is interrupted as well.
     *
     * @return whether the call should stop
     */
    boolean isCancelled();

    /** {@return the try this is: 1 on the first; more when the call is retried after the loss of a member} */
    int attempt();

    /** {@return a logger named after the function} */
    Logger logger();

    /**
     * The call's trace: attributes and events a function adds land on its run's span when the
     * member traces. A context that does not trace (a test double, say) answers {@link Trace#off}.
     *
     * @return the trace, never {@code null}
     */
    default Trace trace() {
        return Trace.off(null);
    }

    /**
     * A map whose writes commit together with this call's idempotency record, for a function
     * marked {@link Function#transactional()}: if the call's member dies, either all of them
     * happened or none, and a retry with the same idempotency key does not repeat them.
     *
     * @param <K>  the key type
     * @param <V>  the value type
     * @param name the map's name
     * @return the map, in this call's transaction
     * @throws IllegalStateException if the function is not transactional
     */
    <K, V> TransactionalMap<K, V> transactionalMap(String name);

    /**
     * The routed entry of a call routed by map and key, read and written atomically.
     *
     * @param <V> the value type
     * @return the entry
     * @throws IllegalStateException if the call was not routed by a map and a key
     */
    <V> RoutedEntry<V> entry();

    /**
     * For a fan-out call, this member's own entries of a map: the partitions it was given,
     * read locally. Each entry of the map is seen by exactly one member's call.
     *
     * @param <K>     the key type
     * @param <V>     the value type
     * @param mapName the map's name
     * @return the entries, read as they are iterated
     * @throws IllegalStateException if the call is not a fan-out
     */
    <K, V> Iterable<Map.Entry<K, V>> localEntries(String mapName);
}
