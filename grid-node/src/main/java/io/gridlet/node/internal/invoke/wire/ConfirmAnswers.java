package io.gridlet.node.internal.invoke.wire;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import com.hazelcast.spi.impl.operationservice.Operation;
import java.io.IOException;

/**
 * From a key's backup to its owner: the answers the backup sent to their clients, and those it
 * could not send (no connection to the client), which the owner sends itself ({@link ChainedAnswers}).
 * Needs no answer.
 */
public final class ConfirmAnswers extends Operation implements IdentifiedDataSerializable {

    private long[] sent;
    private long[] unsent;

    public ConfirmAnswers() {
    }

    ConfirmAnswers(long[] sent, long[] unsent) {
        this.sent = sent;
        this.unsent = unsent;
    }

    @Override
    public void run() {
        ChainedAnswers.of(getNodeEngine().getHazelcastInstance()).confirmed(sent, unsent);
    }

    @Override
    public boolean returnsResponse() {
        return false;
    }

    @Override
    public int getFactoryId() {
        return InvokeSerializerHook.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return InvokeSerializerHook.CONFIRM_ANSWERS;
    }

    @Override
    protected void writeInternal(ObjectDataOutput out) throws IOException {
        out.writeLongArray(sent);
        out.writeLongArray(unsent);
    }

    @Override
    protected void readInternal(ObjectDataInput in) throws IOException {
        sent = in.readLongArray();
        unsent = in.readLongArray();
    }
}
