package io.gridlet.node.internal.invoke.member;

import com.hazelcast.core.HazelcastInstance;
import io.gridlet.node.internal.invoke.wire.InvocationRequest;
import io.gridlet.node.internal.registry.RegisteredFunction;
import java.util.UUID;

/**
 * One call as the member runs it: the request, the function version it resolved to (counted in,
 * its permit taken), its deadline and start ({@link System#nanoTime()}), and the member's id.
 */
record MemberCall(HazelcastInstance hazelcast, InvocationRequest request, RegisteredFunction function,
                  long deadline, long start, UUID member) {
}
