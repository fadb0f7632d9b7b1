package io.gridlet.node.invoke.caller;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import io.gridlet.node.invoke.wire.InvocationRequest;
import io.gridlet.node.invoke.wire.InvocationResponse;
import io.gridlet.node.invoke.wire.InvokeEntryProcessor;
import io.gridlet.node.invoke.wire.InvokeReadOnlyProcessor;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Puts a call on the wire, on the transport the caller picked, and reads the member's answer.
 * <ul>
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

    private final HazelcastInstance hazelcast;
    private final IMap<Object, Object> routing;
    private final AtomicInteger nextPartition = new AtomicInteger();
    private volatile SerializationService serialization;

    Transports(HazelcastInstance hazelcast) {
        this.hazelcast = hazelcast;
        this.routing = hazelcast.getMap(InvokeReadOnlyProcessor.ROUTING_MAP);
    }

    /** The key that picks the member of a call not routed by map: its own key, or the next of a rotation. */
    Object routingKey(InvocationRequest request) {
        return request.key() != null ? request.key() : nextPartition.getAndIncrement();
    }

    /**
     * Sends the request; the grid's future of the answer, which {@link #response} reads.
     *
     * @param asProcessor whether a call routed by map and key goes as the mutating processor
     * @param routingKey  for a call not routed by map, its {@link #routingKey}
     */
    CompletableFuture<Object> send(InvocationRequest request, boolean asProcessor, Object routingKey) {
        if (request.map() != null && asProcessor) {
            return submit(hazelcast.getMap(request.map()), request.key(), new InvokeEntryProcessor(request));
        }
        if (request.map() != null) {
            return submit(hazelcast.getMap(request.map()), request.key(), new InvokeReadOnlyProcessor(request));
        }
        return submit(routing, routingKey, new InvokeReadOnlyProcessor(request));
    }

    /** A member's answer, as the grid handed it over: the response, or the response serialized. */
    InvocationResponse response(Object answer) {
        return answer instanceof Data data ? serialization().toObject(data) : (InvocationResponse) answer;
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

    private SerializationService serialization() {
        SerializationService service = serialization;
        if (service == null) {
            service = ((com.hazelcast.spi.impl.SerializationServiceSupport) hazelcast).getSerializationService();
            serialization = service;
        }
        return service;
    }
}
