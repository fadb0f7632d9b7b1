package io.gridlet.node.internal.invoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.map.IMap;
import io.gridlet.api.Function;
import io.gridlet.api.FunctionContext;
import io.gridlet.api.FunctionFailedException;
import io.gridlet.api.GridFunction;
import io.gridlet.api.RoutedEntry;
import io.gridlet.node.FunctionSpec;
import io.gridlet.node.GridNode;
import io.gridlet.node.Invocation;
import io.gridlet.node.InvocationFuture;
import io.gridlet.node.InvocationResult;
import io.gridlet.node.TestCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An idempotency key completes a call at most once; a transactional call's writes commit with its record. */
class IdempotencyTest {

    static TestCluster cluster;
    static final AtomicInteger runs = new AtomicInteger();

    /** Adds to the routed counter and appends to an audit map, in the call's transaction. */
    @Function(name = "tx.add", transactional = true)
    public static final class TransactionalAdd implements GridFunction<Long, Long> {
        @Override
        public Long apply(Long amount, FunctionContext ctx) {
            RoutedEntry<Long> counter = ctx.entry();
            long next = (counter.get() == null ? 0 : counter.get()) + amount;
            counter.set(next);
            ctx.<String, Long>transactionalMap("audit").set(ctx.key() + ":" + next, amount);
            if (amount < 0) {
                throw new IllegalArgumentException("negative amount " + amount);
            }
            return next;
        }
    }

    @BeforeAll
    static void startCluster() {
        cluster = TestCluster.start(3, builder -> { });
        for (GridNode node : cluster.nodes()) {
            node.functions().register(TransactionalAdd.class);
            node.functions().register(FunctionSpec.named("count").build(), Object.class, (input, ctx) -> {
                Thread.sleep(50);
                return "run " + runs.incrementAndGet();
            });
            node.functions().register(FunctionSpec.named("plain.add").build(), Long.class, (amount, ctx) -> {
                RoutedEntry<Long> counter = ctx.entry();
                long next = (counter.get() == null ? 0 : counter.get()) + amount;
                counter.set(next);
                return next;
            });
            node.functions().register(FunctionSpec.named("not.tx").build(), Object.class,
                    (input, ctx) -> ctx.transactionalMap("x"));
        }
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @Test
    void aSecondCallWithTheSameKeyGetsTheFirstOnesResultFromAnyCaller() {
        int before = runs.get();
        Object first = cluster.node(0).invoker().invoke(Invocation.of("count").key("k").idempotencyKey("once-1")
                .build(), String.class);
        for (GridNode caller : cluster.nodes()) {
            assertThat(caller.invoker().invoke(Invocation.of("count").key("k").idempotencyKey("once-1").build(),
                    String.class)).isEqualTo(first);
        }
        assertThat(runs.get() - before).isEqualTo(1);
        Object other = cluster.node(1).invoker().invoke(Invocation.of("count").key("k").idempotencyKey("once-2")
                .build(), String.class);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void concurrentCallsWithOneKeyRunOnceAndAllGetItsResult() {
        int before = runs.get();
        List<InvocationFuture<String>> calls = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            calls.add(cluster.node(i % 3).invoker().callAsync(Invocation.of("count").idempotencyKey("together")
                    .build(), String.class));
        }
        List<String> outputs = calls.stream().map(call -> call.join().output()).toList();
        assertThat(outputs).containsOnly(outputs.get(0));
        assertThat(runs.get() - before).isEqualTo(1);
    }

    @Test
    void aTransactionalCallsWritesAndRecordCommitTogetherOnce() {
        IMap<String, Long> accounts = cluster.node(0).hazelcast().getMap("accounts");
        IMap<String, Long> audit = cluster.node(0).hazelcast().getMap("audit");
        for (int i = 0; i < 3; i++) {
            InvocationResult<Long> result = cluster.node(i).invoker().call(Invocation.of("tx.add").onKey("accounts", "alice")
                    .input(5L).idempotencyKey("deposit-1").build(), Long.class);
            assertThat(result.output()).isEqualTo(5L);
        }
        assertThat(accounts.get("alice")).isEqualTo(5L);
        assertThat(audit.get("alice:5")).isEqualTo(5L);

        assertThat(cluster.node(1).invoker().invoke(Invocation.of("tx.add").onKey("accounts", "alice").input(7L)
                .idempotencyKey("deposit-2").build(), Long.class)).isEqualTo(12L);
        assertThat(audit.size()).isEqualTo(2);
    }

    @Test
    void aTransactionalFunctionThatThrowsLeavesNothingBehind() {
        IMap<String, Long> accounts = cluster.node(0).hazelcast().getMap("accounts");
        IMap<String, Long> audit = cluster.node(0).hazelcast().getMap("audit");
        int auditBefore = audit.size();
        assertThatThrownBy(() -> cluster.node(2).invoker().invoke(Invocation.of("tx.add").onKey("accounts", "bob")
                .input(-3L).idempotencyKey("withdraw-1").build(), Long.class))
                .isInstanceOf(FunctionFailedException.class).hasMessageContaining("negative amount -3");
        assertThat(accounts.containsKey("bob")).isFalse();
        assertThat(audit.size()).isEqualTo(auditBefore);
        assertThat(accounts.isLocked("bob")).isFalse();
        // Without a transaction, the same idea has no such guarantee, and says so.
        assertThatThrownBy(() -> cluster.node(0).invoker().invoke("not.tx", null))
                .isInstanceOf(FunctionFailedException.class)
                .hasMessageContaining("is not transactional");
    }

    @Test
    void plainIdempotentUpdatesApplyOncePerKey() {
        for (int i = 0; i < 3; i++) {
            cluster.node(i).invoker().invoke(Invocation.of("plain.add").onKey("plain", "c").input(1L)
                    .idempotencyKey("p-1").build(), Long.class);
        }
        assertThat(cluster.node(0).hazelcast().<String, Long>getMap("plain").get("c")).isEqualTo(1L);
    }
}
