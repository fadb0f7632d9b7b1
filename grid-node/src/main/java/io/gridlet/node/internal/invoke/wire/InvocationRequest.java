package io.gridlet.node.internal.invoke.wire;

import io.gridlet.node.Payload;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.util.UUID;

/**
 * The envelope of one call, as it crosses to the executing member: what to run, with which
 * input bytes, routed where, and how long it may take.
 *
 * <p>The deadline travels as the time left when the call was sent, not as a wall-clock instant:
 * members' clocks need not agree. The executing member starts counting when it reads the
 * envelope. A request is built by the caller and then only read, but for {@link #nextAttempt()}
 * between tries.
 */
public final class InvocationRequest implements IdentifiedDataSerializable {

    private String function;
    private String version;
    private long idHigh;
    private long idLow;
    private String map;
    private Object key;
    private long timeoutNanos;
    private boolean explicitTimeout;
    private int attempt;
    private byte format;
    private byte[] input;
    private String idempotencyKey;
    private boolean recorded;
    private int[] partitions;
    /** The caller's trace context, W3C {@code traceparent}; {@code null} when the call is not traced. */
    private String traceParent;
    /** When this member received, or the caller built, the envelope ({@link System#nanoTime()}). */
    private transient long receivedNanos;
    /** The input as JSON's own values, for a call made on this member; never sent. */
    private transient java.util.Map<String, Object> plainInput;

    public InvocationRequest() {
    }

    @SuppressWarnings("checkstyle:ParameterNumber")
    public InvocationRequest(String function, String version, UUID id, String map, Object key, long timeoutNanos,
                             boolean explicitTimeout, Payload input, String idempotencyKey) {
        this.function = function;
        this.version = version;
        this.idHigh = id.getMostSignificantBits();
        this.idLow = id.getLeastSignificantBits();
        this.map = map;
        this.key = key;
        this.timeoutNanos = timeoutNanos;
        this.explicitTimeout = explicitTimeout;
        this.attempt = 1;
        this.format = input.format();
        this.input = input.bytes();
        this.idempotencyKey = idempotencyKey;
        this.receivedNanos = System.nanoTime();
    }

    public String function() {
        return function;
    }

    public String version() {
        return version;
    }

    public UUID invocationId() {
        return new UUID(idHigh, idLow);
    }

    public String map() {
        return map;
    }

    public Object key() {
        return key;
    }

    /** The time the call had left when it was sent. */
    public long timeoutNanos() {
        return timeoutNanos;
    }

    /** Whether the caller set the timeout; if not, the function's own may be shorter. */
    public boolean explicitTimeout() {
        return explicitTimeout;
    }

    public int attempt() {
        return attempt;
    }

    public byte format() {
        return format;
    }

    public byte[] input() {
        return input;
    }

    public String idempotencyKey() {
        return idempotencyKey;
    }

    /** Whether the call leaves a record in {@code gridlet.invocations}: it was started asynchronously. */
    public boolean recorded() {
        return recorded;
    }

    public void recorded(boolean recorded) {
        this.recorded = recorded;
    }

    /** For a fan-out, the partitions this call reads; {@code null} otherwise. */
    public int[] partitions() {
        return partitions;
    }

    /** A copy of this request for one member's share of a fan-out, with an id and time left of its own. */
    public InvocationRequest forPartitions(UUID id, int[] share, long remainingNanos) {
        InvocationRequest copy = new InvocationRequest(function, version, id, null, null, remainingNanos,
                explicitTimeout, new Payload(format, input), null);
        copy.partitions = share;
        copy.traceParent = traceParent;
        return copy;
    }

    /**
     * The input as a map of JSON's own values as the codec decodes them (strings, whole numbers as
     * {@code Long}, doubles, booleans, nulls), for a call made on this member: a function that
     * takes such a map gets it as it is, any other gets it through JSON. Never sent.
     */
    public java.util.Map<String, Object> plainInput() {
        return plainInput;
    }

    /** Sets {@link #plainInput()}. */
    public void plainInput(java.util.Map<String, Object> input) {
        this.plainInput = input;
    }

    /** The caller's W3C {@code traceparent}, or {@code null} when the call is not traced. */
    public String traceParent() {
        return traceParent;
    }

    /** Carries the caller's trace context to the member. */
    public void traceParent(String parent) {
        this.traceParent = parent;
    }

    public long receivedNanos() {
        return receivedNanos;
    }

    /** Prepares the envelope for another try with {@code remainingNanos} left. */
    public void nextAttempt(long remainingNanos) {
        attempt++;
        timeoutNanos = remainingNanos;
        receivedNanos = System.nanoTime();
    }

    public void nextAttempt() {
        nextAttempt(timeoutNanos);
    }

    @Override
    public int getFactoryId() {
        return InvokeSerializerHook.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return InvokeSerializerHook.INVOCATION_REQUEST;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(function);
        out.writeString(version);
        out.writeLong(idHigh);
        out.writeLong(idLow);
        out.writeString(map);
        out.writeObject(key);
        out.writeLong(timeoutNanos);
        out.writeBoolean(explicitTimeout);
        out.writeInt(attempt);
        out.writeByte(format);
        out.writeByteArray(input);
        out.writeString(idempotencyKey);
        out.writeBoolean(recorded);
        out.writeIntArray(partitions);
        out.writeString(traceParent);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        receivedNanos = System.nanoTime();
        function = in.readString();
        version = in.readString();
        idHigh = in.readLong();
        idLow = in.readLong();
        map = in.readString();
        key = in.readObject();
        timeoutNanos = in.readLong();
        explicitTimeout = in.readBoolean();
        attempt = in.readInt();
        format = in.readByte();
        input = in.readByteArray();
        idempotencyKey = in.readString();
        recorded = in.readBoolean();
        partitions = in.readIntArray();
        traceParent = in.readString();
    }
}
