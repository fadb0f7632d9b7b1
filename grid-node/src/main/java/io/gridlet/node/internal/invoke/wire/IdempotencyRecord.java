package io.gridlet.node.internal.invoke.wire;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.util.Objects;
import java.util.UUID;

/**
 * What {@code gridlet.idempotency} holds for one idempotency key: the call that is running it
 * (its invocation id and member), or the answer it completed with. Stored in the partition of
 * the call's routing key, so the owner checks it without a network hop.
 */
public final class IdempotencyRecord implements IdentifiedDataSerializable {

    private UUID invocation;
    private UUID member;
    private InvocationResponse response;

    public IdempotencyRecord() {
    }

    private IdempotencyRecord(UUID invocation, UUID member, InvocationResponse response) {
        this.invocation = invocation;
        this.member = member;
        this.response = response;
    }

    public static IdempotencyRecord running(UUID invocation, UUID member) {
        return new IdempotencyRecord(invocation, member, null);
    }

    public static IdempotencyRecord done(UUID invocation, UUID member, InvocationResponse response) {
        return new IdempotencyRecord(invocation, member, response);
    }

    public boolean done() {
        return response != null;
    }

    public UUID invocation() {
        return invocation;
    }

    public UUID member() {
        return member;
    }

    public InvocationResponse response() {
        return response;
    }

    @Override
    public int getFactoryId() {
        return InvokeSerializerHook.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return InvokeSerializerHook.IDEMPOTENCY_RECORD;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeLong(invocation.getMostSignificantBits());
        out.writeLong(invocation.getLeastSignificantBits());
        out.writeLong(member.getMostSignificantBits());
        out.writeLong(member.getLeastSignificantBits());
        out.writeBoolean(response != null);
        if (response != null) {
            response.writeData(out);
        }
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        invocation = new UUID(in.readLong(), in.readLong());
        member = new UUID(in.readLong(), in.readLong());
        if (in.readBoolean()) {
            response = new InvocationResponse();
            response.readData(in);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IdempotencyRecord that && invocation.equals(that.invocation)
                && member.equals(that.member) && (response == null) == (that.response == null);
    }

    @Override
    public int hashCode() {
        return Objects.hash(invocation, member);
    }
}
