package io.gridlet.node.internal.invoke.caller;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.gridlet.api.UnknownInvocationException;
import io.gridlet.node.internal.invoke.wire.InvocationResponse;
import io.gridlet.node.internal.invoke.wire.Status;
import io.gridlet.node.internal.codec.PayloadCodec;
import io.gridlet.node.internal.invoke.wire.StoredInvocation;
import io.gridlet.node.InvocationRecord;
import io.gridlet.node.Invocations;
import java.io.IOException;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** {@link Invocations}, read from the grid's map of records. Thread-safe. */
public final class InvocationRecords implements Invocations {

    private final IMap<String, StoredInvocation> records;
    private final PayloadCodec.Decoder plain;

    public InvocationRecords(HazelcastInstance hazelcast, PayloadCodec codec) {
        this.records = Objects.requireNonNull(hazelcast, "hazelcast").getMap(MAP);
        this.plain = codec.decoderFor(Object.class);
    }

    @Override
    public InvocationRecord get(String invocationId) {
        Objects.requireNonNull(invocationId, "invocationId");
        StoredInvocation stored = records.get(invocationId);
        if (stored == null) {
            throw new UnknownInvocationException("no invocation " + invocationId
                    + ": it never ran asynchronously, or its record expired");
        }
        Instant started = Instant.ofEpochMilli(stored.startedAt());
        Instant ended = stored.endedAt() == 0 ? null : Instant.ofEpochMilli(stored.endedAt());
        InvocationResponse response = stored.response();
        if (response == null && stored.callerError() == null) {
            return new InvocationRecord(invocationId, stored.function(), stored.version(),
                    InvocationRecord.State.RUNNING, null, null, null, null, started, null, stored.traceId());
        }
        if (response == null) {
            return new InvocationRecord(invocationId, stored.function(), stored.version(),
                    InvocationRecord.State.FAILED, null, stored.callerErrorType(), stored.callerError(), null,
                    started, ended, stored.traceId());
        }
        UUID member = response.member();
        if (response.status() == Status.OK) {
            Object output;
            try {
                output = plain.decode(response.format(), response.output());
            } catch (IOException e) {
                output = null;
            }
            return new InvocationRecord(invocationId, stored.function(), response.version(),
                    InvocationRecord.State.SUCCEEDED, output, null, null, member, started, ended,
                    stored.traceId());
        }
        return new InvocationRecord(invocationId, stored.function(), response.version(), InvocationRecord.State.FAILED,
                null, response.status().errorName(), message(response), member, started, ended,
                stored.traceId());
    }

    private static String message(InvocationResponse response) {
        return response.errorClass() == null ? response.errorMessage()
                : response.errorClass() + (response.errorMessage() == null ? "" : ": " + response.errorMessage());
    }
}
