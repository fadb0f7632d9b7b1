package io.gridlet.node.internal.invoke.wire;

import io.gridlet.node.Payload;
import io.gridlet.node.internal.codec.PayloadCodec;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.util.UUID;

/**
 * What the executing member answers: the output bytes, or which error and its text. Errors are
 * values here, not thrown exceptions, so that a user's exception class never has to be read by
 * the caller: the caller rebuilds the matching {@link io.gridlet.api.GridletException}.
 */
public final class InvocationResponse implements IdentifiedDataSerializable {


    private byte status;
    private String version;
    private long memberHigh;
    private long memberLow;
    private byte format;
    private byte[] output;
    private String errorClass;
    private String errorMessage;
    /** Whether the function that answered may run on a partition thread: a hint for callers with no spec. */
    private boolean partitionThread;

    public InvocationResponse() {
    }

    private InvocationResponse(Status status, String version, UUID member, byte format, byte[] output,
                               String errorClass, String errorMessage) {
        this.status = status.code();
        this.version = version;
        this.memberHigh = member.getMostSignificantBits();
        this.memberLow = member.getLeastSignificantBits();
        this.format = format;
        this.output = output;
        this.errorClass = errorClass;
        this.errorMessage = errorMessage;
    }

    public static InvocationResponse ok(String version, UUID member, Payload output) {
        return new InvocationResponse(Status.OK, version, member, output.format(), output.bytes(), null, null);
    }

    public static InvocationResponse error(Status status, String version, UUID member, String message) {
        return new InvocationResponse(status, version, member, Payload.NULL, null, null, message);
    }

    public static InvocationResponse failed(String version, UUID member, String errorClass, String errorMessage) {
        return new InvocationResponse(Status.FAILED, version, member, Payload.NULL, null, errorClass, errorMessage);
    }

    public Status status() {
        return Status.of(status);
    }

    /** The exception its caller sees, naming {@code function}; not for a call that succeeded. */
    public io.gridlet.api.GridletException exception(String function) {
        return status().exception(function, this);
    }

    /** The version that ran, or {@code null} if none was found. */
    public String version() {
        return version;
    }

    public UUID member() {
        return new UUID(memberHigh, memberLow);
    }

    public byte format() {
        return format;
    }

    public byte[] output() {
        return output;
    }

    /** For {@link Status#FAILED}: the class name of the function's exception. */
    public String errorClass() {
        return errorClass;
    }

    /** The error's text: the function's exception message for {@link Status#FAILED}, else Gridlet's. */
    public String errorMessage() {
        return errorMessage;
    }

    /** Whether the function that answered may run on its key's partition thread. */
    public boolean partitionThread() {
        return partitionThread;
    }

    /** Tells the caller the function may run on its key's partition thread; set before it leaves. */
    public InvocationResponse partitionThread(boolean allowed) {
        this.partitionThread = allowed;
        return this;
    }

    @Override
    public int getFactoryId() {
        return InvokeSerializerHook.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return InvokeSerializerHook.INVOCATION_RESPONSE;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeByte(status);
        out.writeString(version);
        out.writeLong(memberHigh);
        out.writeLong(memberLow);
        out.writeByte(format);
        out.writeByteArray(output);
        out.writeString(errorClass);
        out.writeString(errorMessage);
        out.writeBoolean(partitionThread);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        status = in.readByte();
        version = in.readString();
        memberHigh = in.readLong();
        memberLow = in.readLong();
        format = in.readByte();
        output = in.readByteArray();
        errorClass = in.readString();
        errorMessage = in.readString();
        partitionThread = in.readBoolean();
    }
}
