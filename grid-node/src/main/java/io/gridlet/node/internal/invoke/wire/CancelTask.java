package io.gridlet.node.internal.invoke.wire;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.Callable;

/** Sent to the member running a call whose caller cancelled it: cancel it there too. */
public final class CancelTask implements Callable<Boolean>, IdentifiedDataSerializable, HazelcastInstanceAware {

    private UUID invocation;
    private transient HazelcastInstance hazelcast;

    public CancelTask() {
    }

    public CancelTask(UUID invocation) {
        this.invocation = invocation;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.hazelcast = hazelcastInstance;
    }

    @Override
    public Boolean call() {
        return CallHandler.of(hazelcast).cancel(invocation);
    }

    @Override
    public int getFactoryId() {
        return InvokeSerializerHook.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return InvokeSerializerHook.CANCEL_TASK;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeLong(invocation.getMostSignificantBits());
        out.writeLong(invocation.getLeastSignificantBits());
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        invocation = new UUID(in.readLong(), in.readLong());
    }
}
