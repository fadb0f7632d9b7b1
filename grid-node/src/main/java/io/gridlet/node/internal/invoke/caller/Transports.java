package io.gridlet.node.internal.invoke.caller;

import com.hazelcast.client.impl.clientside.HazelcastClientInstanceImpl;
import com.hazelcast.client.impl.clientside.HazelcastClientProxy;
import com.hazelcast.client.impl.protocol.ClientMessage;
import com.hazelcast.client.impl.protocol.codec.MapSubmitToKeyCodec;
import com.hazelcast.client.impl.spi.impl.ClientInvocation;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.internal.util.ThreadUtil;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import io.gridlet.node.FunctionSpec;
import io.gridlet.node.KeyRoutedTransport;
import io.gridlet.node.internal.invoke.wire.CallByKeyMessageTask;
import io.gridlet.node.internal.invoke.wire.CallByKeyOperation;
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
        /**
         * A plain call routed by map and key: one operation of the key's partition, its function
         * on the invocation executor and its change answered with the backups
         * ({@code CallByKeyOperation}); a call routed otherwise travels as by {@link #EXECUTOR}.
         */
        OWNER,
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
    /** The client this caller is, or {@code null} on a member. */
    private final HazelcastClientInstanceImpl client;
    /** On a member, its proxies, which say which maps are open; {@code null} on a client. */
    private final com.hazelcast.spi.impl.proxyservice.ProxyService proxies;
    /** On a client, the maps this caller has sent calls on. */
    private final java.util.Set<String> used = java.util.concurrent.ConcurrentHashMap.newKeySet();

    Transports(HazelcastInstance hazelcast) {
        this.hazelcast = hazelcast;
        this.routing = hazelcast.getMap(InvokeReadOnlyProcessor.ROUTING_MAP);
        this.serialization = ((com.hazelcast.spi.impl.SerializationServiceSupport) hazelcast).getSerializationService();
        this.client = hazelcast instanceof HazelcastClientProxy proxy ? proxy.client : null;
        this.proxies = routing instanceof com.hazelcast.map.impl.proxy.MapProxyImpl<Object, Object> member
                ? member.getNodeEngine().getProxyService() : null;
    }

    /**
     * The route the caller picks from what it knows of the function, so that no call needs a
     * refusal and a second trip: a call that keeps a record (an idempotency key, a transactional
     * spec, or a spec it does not know) runs on the invocation executor, whose write is durable
     * before the record; a function declared for the partition thread runs there.
     */
    static Route route(FunctionSpec spec, boolean idempotent, KeyRoutedTransport transport,
                       boolean answeredAsPartitionThread, boolean refusedByOwner) {
        if (spec == null) {
            // Not in this caller's view (registered on the members, not deployed): what the
            // function's last answer said of it. A function that keeps a record is refused by the
            // owner's route once (a transaction must take the key itself), then goes by executor.
            if (answeredAsPartitionThread && !idempotent) {
                return Route.PARTITION_THREAD;
            }
            return idempotent || refusedByOwner ? Route.EXECUTOR : Route.OWNER;
        }
        if (idempotent || spec.transactional()) {
            return Route.EXECUTOR;
        }
        if (spec.partitionThread()) {
            return Route.PARTITION_THREAD;
        }
        if (transport == KeyRoutedTransport.ENTRY_PROCESSOR) {
            return Route.ENTRY_PROCESSOR;
        }
        return refusedByOwner ? Route.EXECUTOR : Route.OWNER;
    }

    /**
     * Whether sending the call makes no thread wait for a map's proxy: its map is already open
     * here (on a member, its proxy exists; on a client, this caller has used it), or it is routed
     * by no map. A map's first use creates its proxy, which may wait for its store to load.
     */
    boolean opened(InvocationRequest request) {
        String map = request.map();
        if (map == null) {
            return true;
        }
        if (proxies != null) {
            return proxies.existsDistributedObject(com.hazelcast.map.impl.MapService.SERVICE_NAME, map);
        }
        return used.contains(map);
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
            if (proxies == null && !used.contains(request.map())) {
                used.add(request.map());
            }
            return switch (route) {
                case OWNER -> callByKey(map, request);
                case ENTRY_PROCESSOR -> submit(map, request.key(), new InvokeEntryProcessor(request));
                case PARTITION_THREAD -> submit(map, request.key(), new InvokeOnPartitionThread(request));
                case EXECUTOR -> submit(map, request.key(), new InvokeReadOnlyProcessor(request));
            };
        }
        return submit(routing, routingKey, route == Route.PARTITION_THREAD
                ? new InvokeOnPartitionThreadReadOnly(request) : new InvokeReadOnlyProcessor(request));
    }

    /**
     * A member's answer, as the grid handed it over: the response, the response serialized, or,
     * on a client, the client message that carries it.
     */
    InvocationResponse response(Object answer) {
        if (answer instanceof ClientMessage message) {
            return serialization.toObject(MapSubmitToKeyCodec.decodeResponse(message));
        }
        return answer instanceof Data data ? serialization.toObject(data) : (InvocationResponse) answer;
    }

    /**
     * A plain call by map and key, as one operation of the key's partition: invoked as such on a
     * member; from a client, as Gridlet's own client message, which the key's owner turns into
     * the same operation. The client waits for the backups the answer names, as for any map write.
     */
    @SuppressWarnings("unchecked")
    private CompletableFuture<Object> callByKey(IMap<Object, Object> map, InvocationRequest request) {
        Data keyData = serialization.toData(request.key());
        if (map instanceof com.hazelcast.map.impl.proxy.MapProxyImpl<Object, Object> member) {
            CallByKeyOperation operation = new CallByKeyOperation(map.getName(), keyData, request);
            operation.setThreadId(ThreadUtil.getThreadId());
            com.hazelcast.spi.impl.NodeEngine engine = member.getNodeEngine();
            int partition = engine.getPartitionService().getPartitionId(keyData);
            return (CompletableFuture<Object>) (Object) engine.getOperationService()
                    .createInvocationBuilder(com.hazelcast.map.impl.MapService.SERVICE_NAME, operation, partition)
                    .setResultDeserialized(false)
                    .invoke();
        }
        return fromClient(CallByKeyMessageTask.request(map.getName(), serialization.toData(request), keyData,
                ThreadUtil.getThreadId()), map.getName(), keyData);
    }

    /** Sends a client's request to the key's partition: the client's own future of the answer. */
    @SuppressWarnings("unchecked")
    private CompletableFuture<Object> fromClient(ClientMessage request, String map, Data keyData) {
        int partition = client.getClientPartitionService().getPartitionId(keyData);
        return (CompletableFuture<Object>) (Object) new ClientInvocation(client, request, map, partition).invoke();
    }

    /**
     * The grid's own invocation future, on a member and on a client alike: the map's public
     * {@code submitToKey} wraps it in a future that completes through a task on the default async
     * executor, one more thread hand-off per call that no caller here waits for (on a client, one
     * context switch per call, measured with {@code perf stat}). The client's request is the one its
     * map proxy sends ({@code MapSubmitToKeyCodec}, to the key's partition), and {@link #response}
     * decodes the answer.
     */
    @SuppressWarnings("unchecked")
    private CompletableFuture<Object> submit(IMap<Object, Object> map, Object key,
                                             EntryProcessor<Object, Object, InvocationResponse> carrier) {
        if (map instanceof com.hazelcast.map.impl.proxy.MapProxyImpl<Object, Object> member) {
            return (CompletableFuture<Object>) (Object) member.executeOnKeyInternal(key, carrier);
        }
        if (client != null) {
            Data keyData = serialization.toData(key);
            return fromClient(MapSubmitToKeyCodec.encodeRequest(map.getName(), serialization.toData(carrier), keyData,
                    ThreadUtil.getThreadId()), map.getName(), keyData);
        }
        return (CompletableFuture<Object>) (Object) map.submitToKey(key, carrier);
    }
}
