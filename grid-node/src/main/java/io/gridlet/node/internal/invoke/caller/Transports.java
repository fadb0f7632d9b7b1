package io.gridlet.node.internal.invoke.caller;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import io.gridlet.node.FunctionSpec;
import io.gridlet.node.KeyRoutedTransport;
import io.gridlet.node.internal.invoke.wire.InvocationRequest;
import io.gridlet.node.internal.invoke.wire.InvocationResponse;
import io.gridlet.node.internal.invoke.wire.InvokeEntryProcessor;
import io.gridlet.node.internal.invoke.wire.InvokeOnPartitionThread;
import io.gridlet.node.internal.invoke.wire.InvokeOnPartitionThreadReadOnly;
import io.gridlet.node.internal.invoke.wire.InvokeReadOnlyProcessor;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Puts a call on the wire, on the route the caller picked ({@link #route}), and reads the
 * member's answer.
 * <ul>
 * <li>A function declared for the partition thread: a plain processor, on the routed map or the
 * routing map, run by the key's partition thread.</li>
 * <li>Routed by map and key: a read-only processor on the routed map itself, so it runs on the
 * key's owner, whose partition thread reads the entry and hands call and value to the invocation
 * executor without a lock; the routed entry serializes calls on the key there. Or, opted into and
 * for calls that keep no record, the mutating offloadable processor.</li>
 * <li>Routed by key alone, or not routed: a read-only processor on the routing map, which holds
 * no entries, by the call's key or, unrouted, by a rotating key that spreads calls over the
 * partitions.</li>
 * </ul>
 * Thread-safe.
 */
final class Transports {

    /** How a call travels. */
    enum Route {
        /** A read-only offloadable processor: the function runs on the invocation executor. */
        EXECUTOR,
        /** The mutating offloadable processor, opted into ({@code KeyRoutedTransport.ENTRY_PROCESSOR}). */
        ENTRY_PROCESSOR,
        /** A plain processor: the function runs on the key's partition thread. */
        PARTITION_THREAD
    }

    private final HazelcastInstance hazelcast;
    private final IMap<Object, Object> routing;
    private final AtomicInteger nextPartition = new AtomicInteger();
    private final SerializationService serialization;

    Transports(HazelcastInstance hazelcast) {
        this.hazelcast = hazelcast;
        this.routing = hazelcast.getMap(InvokeReadOnlyProcessor.ROUTING_MAP);
        this.serialization = ((com.hazelcast.spi.impl.SerializationServiceSupport) hazelcast).getSerializationService();
    }

    /**
     * The route the caller picks from what it knows of the function, so that no call needs a
     * refusal and a second trip: a call that keeps a record (an idempotency key, a transactional
     * spec, or a spec it does not know) runs on the invocation executor, whose write is durable
     * before the record; a function declared for the partition thread runs there.
     */
    static Route route(FunctionSpec spec, boolean idempotent, KeyRoutedTransport transport,
                       boolean answeredAsPartitionThread) {
        if (spec == null) {
            // Not in this caller's view (registered on the members, not deployed): what the
            // function's last answer said of it.
            return answeredAsPartitionThread && !idempotent ? Route.PARTITION_THREAD : Route.EXECUTOR;
        }
        if (idempotent || spec.transactional()) {
            return Route.EXECUTOR;
        }
        if (spec.partitionThread()) {
            return Route.PARTITION_THREAD;
        }
        return transport == KeyRoutedTransport.ENTRY_PROCESSOR ? Route.ENTRY_PROCESSOR : Route.EXECUTOR;
    }

    /** The key that picks the member of a call not routed by map: its own key, or the next of a rotation. */
    Object routingKey(InvocationRequest request) {
        return request.key() != null ? request.key() : nextPartition.getAndIncrement();
    }

    /**
     * Sends the request; the grid's future of the answer, which {@link #response} reads.
     *
     * @param routingKey for a call not routed by map, its {@link #routingKey}
     */
    CompletableFuture<Object> send(InvocationRequest request, Route route, Object routingKey) {
        if (request.map() != null) {
            IMap<Object, Object> map = hazelcast.getMap(request.map());
            return switch (route) {
                case ENTRY_PROCESSOR -> submit(map, request.key(), new InvokeEntryProcessor(request));
                case PARTITION_THREAD -> submit(map, request.key(), new InvokeOnPartitionThread(request));
                case EXECUTOR -> submit(map, request.key(), new InvokeReadOnlyProcessor(request));
            };
        }
        return submit(routing, routingKey, route == Route.PARTITION_THREAD
                ? new InvokeOnPartitionThreadReadOnly(request) : new InvokeReadOnlyProcessor(request));
    }

    /** A member's answer, as the grid handed it over: the response, or the response serialized. */
    InvocationResponse response(Object answer) {
        return answer instanceof Data data ? serialization.toObject(data) : (InvocationResponse) answer;
    }

    /**
     * On a member, the grid's own invocation future: the map's public {@code submitToKey} wraps it
     * in a future that completes through a task on the default async executor, one more task per
     * call that no caller here waits for.
     */
    @SuppressWarnings("unchecked")
    private CompletableFuture<Object> submit(IMap<Object, Object> map, Object key,
                                             EntryProcessor<Object, Object, InvocationResponse> carrier) {
        if (map instanceof com.hazelcast.map.impl.proxy.MapProxyImpl<Object, Object> member) {
            return (CompletableFuture<Object>) (Object) member.executeOnKeyInternal(key, carrier);
        }
        return (CompletableFuture<Object>) (Object) map.submitToKey(key, carrier);
    }
}
