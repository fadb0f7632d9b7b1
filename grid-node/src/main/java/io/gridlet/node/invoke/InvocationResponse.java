package io.gridlet.node.invoke;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.gridlet.node.internal.GridletSerialization;
import java.io.IOException;
import java.util.UUID;

/**
 * What the executing member answers: the output bytes, or which error and its text. Errors are
 * values here, not thrown exceptions, so that a user's exception class never has to be read by
 * the caller: the caller rebuilds the matching {@link io.gridlet.api.GridletException}.
 */
public final class InvocationResponse implements IdentifiedDataSerializable {

    public static final byte OK = 0;
    public static final byte UNKNOWN_FUNCTION = 1;
    public static final byte BAD_INPUT = 2;
    public static final byte FAILED = 3;
    public static final byte TIMED_OUT = 4;
    public static final byte OVERLOADED = 5;
    /** A transactional function reached as an entry processor: the caller resends it by executor. Never shown to users. */
    public static final byte WRONG_TRANSPORT = 6;
    /**
     * The grid failed the call's transaction before it committed (a member in it left): nothing
     * was applied, and the caller sends it again within its deadline. Never shown to users.
     */
    public static final byte NOT_APPLIED = 7;
    /** The call ran and its commit failed part way: its writes may or may not have been applied. */
    public static final byte OUTCOME_UNKNOWN = 8;
    /** The member refused the call before running it: it has lost its split-brain quorum. */
    public static final byte UNAVAILABLE = 9;

    private byte status;
    private String version;
    private long memberHigh;
    private long memberLow;
    private byte format;
    private byte[] output;
    private String errorClass;
    private String errorMessage;

    public InvocationResponse() {
    }

    private InvocationResponse(byte status, String version, UUID member, byte format, byte[] output,
                               String errorClass, String errorMessage) {
        this.status = status;
        this.version = version;
        this.memberHigh = member.getMostSignificantBits();
        this.memberLow = member.getLeastSignificantBits();
        this.format = format;
        this.output = output;
        this.errorClass = errorClass;
        this.errorMessage = errorMessage;
    }

    static InvocationResponse ok(String version, UUID member, Payload output) {
        return new InvocationResponse(OK, version, member, output.format(), output.bytes(), null, null);
    }

    static InvocationResponse error(byte status, String version, UUID member, String message) {
        return new InvocationResponse(status, version, member, PayloadCodec.NULL, null, null, message);
    }

    static InvocationResponse failed(String version, UUID member, String errorClass, String errorMessage) {
        return new InvocationResponse(FAILED, version, member, PayloadCodec.NULL, null, errorClass, errorMessage);
    }

    public byte status() {
        return status;
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

    /** For {@link #FAILED}: the class name of the function's exception. */
    public String errorClass() {
        return errorClass;
    }

    /** The error's text: the function's exception message for {@link #FAILED}, else Gridlet's. */
    public String errorMessage() {
        return errorMessage;
    }

    @Override
    public int getFactoryId() {
        return GridletSerialization.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return GridletSerialization.INVOCATION_RESPONSE;
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
    }
}
