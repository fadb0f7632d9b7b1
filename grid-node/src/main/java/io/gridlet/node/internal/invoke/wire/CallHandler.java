package io.gridlet.node.internal.invoke.wire;

import io.gridlet.node.internal.cluster.MemberContext;
import com.hazelcast.core.HazelcastInstance;
import java.util.Map;
import java.util.UUID;

/**
 * Where a call that arrived on a member goes: the member side's entry point, which every carrier
 * ({@link InvokeReadOnlyProcessor}, {@link InvokeEntryProcessor}, {@link InvokeTask},
 * {@link CancelTask}) reaches through {@link #of}. Hazelcast builds carriers with their no-argument
 * constructor and hands them the member's instance alone, so the member's handler is found
 * through that instance's {@link io.gridlet.node.internal.cluster.MemberContext}: this is the one place that looks it up.
 */
public interface CallHandler {


    /**
     * Runs one call on the calling thread and answers it; never throws for anything the function
     * or its input did.
     *
     * @param processorEntry the entry handed over by {@link InvokeEntryProcessor}, or null
     * @param handedOff      the routed entry's value read by {@link InvokeReadOnlyProcessor}'s
     *                       partition thread, or null
     */
    InvocationResponse handle(InvocationRequest request, Map.Entry<Object, Object> processorEntry,
                              HandedOff handedOff);

    /** Cancels a call running on this member; returns whether it was running here. */
    boolean cancel(UUID invocationId);

    /** The answer to a call that reached a partition thread holding its key's lock. */
    InvocationResponse refuseOnPartitionThread(InvocationRequest request);

    /** The handler of the member {@code hazelcast} belongs to. */
    static CallHandler of(HazelcastInstance hazelcast) {
        return MemberContext.get(hazelcast, CallHandler.class);
    }

    /**
     * The routed entry's value as the key's partition thread read it when it handed the call over,
     * serialized ({@code null}: no entry), and a time no later than that read: when the call
     * arrived on this member.
     */
    record HandedOff(com.hazelcast.internal.serialization.Data value, long readNoEarlierThan) {
    }
}
