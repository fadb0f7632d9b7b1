package io.gridlet.node.internal.invoke.wire;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;

/**
 * A call's record in {@code gridlet.invocations}: written running by the caller, finished by the
 * member that ran it (or by the caller if no member answered). The answer is kept as the member's
 * response, bytes and all, so no user class is needed to store or read it.
 */
public final class StoredInvocation implements IdentifiedDataSerializable {

    private String function;
    private String version;
    private long startedAt;
    private long endedAt;
    private InvocationResponse response;
    private String callerError;
    private String callerErrorType;
    private String traceId;

    public StoredInvocation() {
    }

    /** A call that has not ended; {@code traceId} is its trace's id, or {@code null} when it is not traced. */
    public static StoredInvocation running(String function, String version, long startedAt, String traceId) {
        StoredInvocation stored = new StoredInvocation();
        stored.function = function;
        stored.version = version;
        stored.startedAt = startedAt;
        stored.traceId = traceId;
        return stored;
    }

    public static StoredInvocation answered(String function, long startedAt, InvocationResponse response,
                                            String traceId) {
        StoredInvocation stored = running(function, response.version(), startedAt, traceId);
        stored.endedAt = System.currentTimeMillis();
        stored.response = response;
        return stored;
    }

    public static StoredInvocation unanswered(String function, String version, long startedAt, String errorType,
                                              String error, String traceId) {
        StoredInvocation stored = running(function, version, startedAt, traceId);
        stored.endedAt = System.currentTimeMillis();
        stored.callerErrorType = errorType;
        stored.callerError = error;
        return stored;
    }

    public String function() {
        return function;
    }

    public String version() {
        return version;
    }

    public long startedAt() {
        return startedAt;
    }

    /** 0 while running. */
    public long endedAt() {
        return endedAt;
    }

    /** The member's answer, or {@code null} if there is none (yet). */
    public InvocationResponse response() {
        return response;
    }

    /** Why the caller gave up without an answer, or {@code null}. */
    public String callerError() {
        return callerError;
    }

    public String callerErrorType() {
        return callerErrorType;
    }

    /** The call's trace id, or {@code null} when it was not traced. */
    public String traceId() {
        return traceId;
    }

    @Override
    public int getFactoryId() {
        return InvokeSerializerHook.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return InvokeSerializerHook.STORED_INVOCATION;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(function);
        out.writeString(version);
        out.writeLong(startedAt);
        out.writeLong(endedAt);
        out.writeBoolean(response != null);
        if (response != null) {
            response.writeData(out);
        }
        out.writeString(callerErrorType);
        out.writeString(callerError);
        out.writeString(traceId);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        function = in.readString();
        version = in.readString();
        startedAt = in.readLong();
        endedAt = in.readLong();
        if (in.readBoolean()) {
            response = new InvocationResponse();
            response.readData(in);
        }
        callerErrorType = in.readString();
        callerError = in.readString();
        traceId = in.readString();
    }
}
