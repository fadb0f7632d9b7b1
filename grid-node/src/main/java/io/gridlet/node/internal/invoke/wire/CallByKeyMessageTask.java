package io.gridlet.node.internal.invoke.wire;

import com.hazelcast.client.impl.protocol.ClientMessage;
import com.hazelcast.client.impl.protocol.MessageTaskFactory;
import com.hazelcast.client.impl.protocol.MessageTaskFactoryProvider;
import com.hazelcast.client.impl.protocol.codec.MapSubmitToKeyCodec;
import com.hazelcast.client.impl.protocol.task.map.MapSubmitToKeyMessageTask;
import com.hazelcast.instance.impl.Node;
import com.hazelcast.internal.nio.Connection;
import com.hazelcast.internal.util.collection.Int2ObjectHashMap;
import com.hazelcast.spi.impl.NodeEngine;
import com.hazelcast.spi.impl.NodeEngineImpl;
import com.hazelcast.spi.impl.operationservice.Operation;

/**
 * A client's plain call by map and key, received on the key's owner: a {@link CallByKeyOperation}.
 * The request is framed as a map's {@code submitToKey} (the map, the key, the
 * {@link InvocationRequest} where the processor would be, the caller's thread) under a message type of Gridlet's own, {@link #MESSAGE_TYPE}, so
 * that it reaches this task; the answer is framed as {@code submitToKey}'s. Permissions, audit
 * and the count of backups the client waits for are the map task's. Hazelcast finds the task
 * through {@code META-INF/services}, as it finds its own modules' ({@link Provider}).
 */
public final class CallByKeyMessageTask extends MapSubmitToKeyMessageTask {

    /**
     * The request's message type: service 0x47 ("G"), which Hazelcast's own services do not use,
     * method 1. Part of the wire format between Gridlet's clients and members.
     */
    public static final int MESSAGE_TYPE = 0x470100;

    CallByKeyMessageTask(ClientMessage clientMessage, Node node, Connection connection) {
        super(clientMessage, node, connection);
    }

    @Override
    protected Operation prepareOperation() {
        InvocationRequest request = serializationService.toObject(parameters.entryProcessor);
        CallByKeyOperation operation = new CallByKeyOperation(parameters.name, parameters.key, request);
        operation.setThreadId(parameters.threadId);
        return operation;
    }

    @Override
    protected void sendResponse(Object response) {
        Object value = response instanceof com.hazelcast.client.impl.ClientBackupAwareResponse aware
                ? aware.getResponse() : response;
        if (value == CallByKeyOperation.ANSWERED_BY_BACKUP) {
            return;
        }
        super.sendResponse(response);
    }

    /** Encodes a client's request: a map's {@code submitToKey}, retyped, carrying the serialized request. */
    public static ClientMessage request(String map, com.hazelcast.internal.serialization.Data request,
                                        com.hazelcast.internal.serialization.Data key, long threadId) {
        ClientMessage message = MapSubmitToKeyCodec.encodeRequest(map, request, key, threadId);
        message.setMessageType(MESSAGE_TYPE);
        return message;
    }

    /** How Hazelcast finds the task: {@code META-INF/services/com.hazelcast.client.impl.protocol.MessageTaskFactoryProvider}. */
    public static final class Provider implements MessageTaskFactoryProvider {

        private final Node node;

        public Provider(NodeEngine nodeEngine) {
            this.node = ((NodeEngineImpl) nodeEngine).getNode();
        }

        @Override
        public Int2ObjectHashMap<MessageTaskFactory> getFactories() {
            Int2ObjectHashMap<MessageTaskFactory> factories = new Int2ObjectHashMap<>();
            factories.put(MESSAGE_TYPE, (message, connection) -> new CallByKeyMessageTask(message, node, connection));
            return factories;
        }
    }
}
