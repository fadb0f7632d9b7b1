package io.gridlet.node.internal.invoke.caller;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import io.gridlet.api.BadInputException;
import io.gridlet.api.GridletException;
import io.gridlet.api.NoMembersException;
import io.gridlet.api.TimedOutException;
import io.gridlet.node.FanOut;
import io.gridlet.node.FanOutResult;
import io.gridlet.node.FunctionSpec;
import io.gridlet.node.internal.invoke.CallTracing;
import io.gridlet.node.internal.invoke.InvocationIds;
import io.gridlet.node.internal.invoke.wire.InvocationRequest;
import io.gridlet.node.internal.invoke.wire.InvocationResponse;
import io.gridlet.node.internal.invoke.wire.InvokeTask;
import io.gridlet.node.Payload;
import io.gridlet.node.internal.codec.PayloadCodec;
import io.gridlet.node.internal.invoke.wire.Status;
import io.opentelemetry.api.trace.Span;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Runs a fan-out: one call per member with the partitions it owns, all sent before any is waited
 * for, so that members work in parallel; each member reads its partitions in place. A member that
 * leaves before it answers has its partitions sent again to their new owners, so every partition
 * is counted once. Thread-safe.
 */
final class FanOutCoordinator {

    private final HazelcastInstance hazelcast;
    private final PayloadCodec codec;
    private final FunctionSpecs specs;
    private final Duration defaultTimeout;
    private final IExecutorService executor;
    private final RetryCounters retries;
    private final CallTracing tracing;

    FanOutCoordinator(HazelcastInstance hazelcast, PayloadCodec codec, FunctionSpecs specs, Duration defaultTimeout,
                      IExecutorService executor, RetryCounters retries, CallTracing tracing) {
        this.hazelcast = hazelcast;
        this.codec = codec;
        this.specs = specs;
        this.defaultTimeout = defaultTimeout;
        this.executor = executor;
        this.retries = retries;
        this.tracing = tracing;
    }

    <O> FanOutResult<O> run(FanOut fanOut, Class<O> resultType, PayloadCodec.Decoder decoder) {
        Payload input = CallerErrors.encodeInput(codec, fanOut.function(), fanOut.input());
        FunctionSpec spec = specs.find(fanOut.function(), fanOut.version());
        boolean explicit = fanOut.timeout() != null;
        Duration timeout = CallerErrors.timeoutOf(fanOut.timeout(), spec, defaultTimeout);
        long deadline = System.nanoTime() + timeout.toNanos();
        InvocationRequest template = new InvocationRequest(fanOut.function(), fanOut.version(), InvocationIds.random(), null, null,
                timeout.toNanos(), explicit, input, null);
        // One span for the fan-out; every member's run is its child, the request carrying its context.
        Span span = tracing.startFanOut(template);
        try {
            FanOutResult<O> result = gather(fanOut, resultType, decoder, template, timeout, deadline, span);
            CallTracing.end(span, "success", false);
            return result;
        } catch (RuntimeException e) {
            CallTracing.end(span, e.getClass().getSimpleName(), true);
            throw e;
        }
    }

    private <O> FanOutResult<O> gather(FanOut fanOut, Class<O> resultType, PayloadCodec.Decoder decoder,
                                       InvocationRequest template, Duration timeout, long deadline, Span span) {
        List<FanOutResult.Partial<O>> partials = new ArrayList<>();
        Map<Member, List<Integer>> pending = byOwner(allPartitions(), deadline);
        if (span != null) {
            span.setAttribute(CallTracing.MEMBERS, (long) pending.size());
        }
        while (!pending.isEmpty()) {
            Map<Member, java.util.concurrent.Future<InvocationResponse>> running = new LinkedHashMap<>();
            Map<Member, int[]> shares = new LinkedHashMap<>();
            for (Map.Entry<Member, List<Integer>> share : pending.entrySet()) {
                int[] partitions = share.getValue().stream().mapToInt(Integer::intValue).toArray();
                InvocationRequest request = template.forPartitions(InvocationIds.random(), partitions,
                        Math.max(1, deadline - System.nanoTime()));
                shares.put(share.getKey(), partitions);
                running.put(share.getKey(), executor.submitToMember(new InvokeTask(request), share.getKey()));
            }
            List<Integer> orphaned = new ArrayList<>();
            for (Map.Entry<Member, java.util.concurrent.Future<InvocationResponse>> call : running.entrySet()) {
                InvocationResponse response;
                try {
                    response = call.getValue().get(Math.max(0, deadline - System.nanoTime()) + ClusterInvoker.ANSWER_GRACE_NANOS,
                            TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new GridletException("interrupted during the fan-out of " + fanOut.function(), e);
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new TimedOutException("the fan-out of function " + fanOut.function()
                            + " did not finish within its deadline of " + timeout.toMillis() + " ms");
                } catch (ExecutionException e) {
                    Throwable cause = CallerErrors.unwrap(e.getCause() == null ? e : e.getCause());
                    if (CallerErrors.memberLost(cause) || cause instanceof RejectedExecutionException) {
                        retries.increment(fanOut.function());
                        if (span != null) {
                            span.addEvent("member left; its partitions sent again");
                        }
                        for (int partition : shares.get(call.getKey())) {
                            orphaned.add(partition);
                        }
                        continue;
                    }
                    throw CallerErrors.asGridletException(fanOut.function(), cause);
                }
                if (response.status() != Status.OK) {
                    throw response.exception(fanOut.function());
                }
                try {
                    partials.add(new FanOutResult.Partial<>(response.member(), shares.get(call.getKey()).length,
                            resultType.cast(decoder.decode(response.format(), response.output()))));
                } catch (IOException | RuntimeException e) {
                    throw new BadInputException("the output of function " + fanOut.function() + " is not a "
                            + resultType.getName() + ": " + e.getMessage(), e);
                }
            }
            pending = orphaned.isEmpty() ? Map.of() : byOwner(orphaned, deadline);
        }
        return new FanOutResult<>(partials);
    }

    private List<Integer> allPartitions() {
        List<Integer> all = new ArrayList<>();
        for (com.hazelcast.partition.Partition partition : hazelcast.getPartitionService().getPartitions()) {
            all.add(partition.getPartitionId());
        }
        return all;
    }

    /**
     * Groups partitions by their owner, waiting while a partition has none that is a member (its
     * owner just left and the table is not yet updated), up to the deadline.
     */
    private Map<Member, List<Integer>> byOwner(List<Integer> partitions, long deadline) {
        while (true) {
            Map<Member, List<Integer>> groups = new LinkedHashMap<>();
            java.util.Set<Member> current = hazelcast.getCluster().getMembers();
            // By partition id: PartitionService.getPartition(Object) takes a key, not an id.
            Map<Integer, Member> owners = new java.util.HashMap<>();
            for (com.hazelcast.partition.Partition partition : hazelcast.getPartitionService().getPartitions()) {
                owners.put(partition.getPartitionId(), partition.getOwner());
            }
            boolean settled = true;
            for (int partition : partitions) {
                Member owner = owners.get(partition);
                if (owner == null || !current.contains(owner)) {
                    settled = false;
                    break;
                }
                groups.computeIfAbsent(owner, member -> new ArrayList<>()).add(partition);
            }
            if (settled) {
                return groups;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new NoMembersException("some partitions had no owner before the fan-out's deadline");
            }
            try {
                Thread.sleep(ClusterInvoker.RETRY_PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GridletException("interrupted while waiting for partition owners", e);
            }
        }
    }

}
