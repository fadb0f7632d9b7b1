package io.gridlet.node.internal.invoke.wire;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;

/**
 * What both transports share: they carry one {@link InvocationRequest} to a member, where
 * Hazelcast hands them the member's instance, and run it on the member's runtime.
 */
abstract class RequestCarrier implements IdentifiedDataSerializable, HazelcastInstanceAware {

    InvocationRequest request;
    transient HazelcastInstance hazelcast;

    RequestCarrier() {
    }

    RequestCarrier(InvocationRequest request) {
        this.request = request;
    }

    @Override
    public final void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.hazelcast = hazelcastInstance;
    }

    final InvocationResponse run() {
        return CallHandler.of(hazelcast).handle(request, null, null);
    }

    final InvocationResponse run(java.util.Map.Entry<Object, Object> processorEntry) {
        return CallHandler.of(hazelcast).handle(request, processorEntry, null);
    }

    final InvocationResponse run(CallHandler.HandedOff handedOff) {
        return CallHandler.of(hazelcast).handle(request, null, handedOff);
    }

    @Override
    public final int getFactoryId() {
        return InvokeSerializerHook.FACTORY_ID;
    }

    @Override
    public final void writeData(ObjectDataOutput out) throws IOException {
        request.writeData(out);
    }

    @Override
    public final void readData(ObjectDataInput in) throws IOException {
        request = new InvocationRequest();
        request.readData(in);
    }
}
