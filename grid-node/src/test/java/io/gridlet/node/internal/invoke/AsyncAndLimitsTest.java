package io.gridlet.node.internal.invoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridlet.api.FunctionFailedException;
import io.gridlet.api.OverloadedException;
import io.gridlet.api.UnknownInvocationException;
import io.gridlet.node.FunctionSpec;
import io.gridlet.node.GridNode;
import io.gridlet.node.Invocation;
import io.gridlet.node.InvocationFuture;
import io.gridlet.node.InvocationRecord;
import io.gridlet.node.InvocationResult;
import io.gridlet.node.TestCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Async calls leave records any member reads; cancelling reaches the member; bulkheads answer at once. */
class AsyncAndLimitsTest {

    static TestCluster cluster;
    static final CountDownLatch release = new CountDownLatch(1);
    static final AtomicInteger running = new AtomicInteger();
    static final AtomicInteger mostRunning = new AtomicInteger();
    static final CountDownLatch narrowRelease = new CountDownLatch(1);

    @BeforeAll
    static void startCluster() {
        cluster = TestCluster.start(3, builder -> { });
        for (GridNode node : cluster.nodes()) {
            node.functions().register(FunctionSpec.named("held").build(), String.class, (input, ctx) -> {
                release.await(10, TimeUnit.SECONDS);
                return "done " + input;
            });
            node.functions().register(io.gridlet.node.AtomicByKeyTest.Increment.class);
            node.functions().register(FunctionSpec.named("fails").build(), Object.class, (input, ctx) -> {
                throw new IllegalStateException("no stock");
            });
            node.functions().register(FunctionSpec.named("spin").build(), Object.class, (input, ctx) -> {
                var marks = ctx.hazelcast().getMap("marks");
                marks.set(ctx.invocationId() + ":started", true);
                try {
                    while (!ctx.isCancelled()) {
                        Thread.sleep(5);
                    }
                    marks.set(ctx.invocationId() + ":cancelled", "flag");
                } catch (InterruptedException e) {
                    marks.set(ctx.invocationId() + ":cancelled", "interrupted and flag " + ctx.isCancelled());
                }
                return null;
            });
            node.functions().register(FunctionSpec.named("narrow").maxConcurrency(2).build(), Object.class,
                    (input, ctx) -> {
                        int now = running.incrementAndGet();
                        mostRunning.accumulateAndGet(now, Math::max);
                        try {
                            narrowRelease.await(10, TimeUnit.SECONDS);
                        } finally {
                            running.decrementAndGet();
                        }
                        return "ran";
                    });
        }
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @Test
    void anAsyncRecordIsReadableFromAnotherMemberWhileRunningAndAfter() throws Exception {
        InvocationFuture<String> future = cluster.node(0).invoker()
                .callAsync(Invocation.of("held").input("order-1").key("k1").build(), String.class);
        String id = future.invocationId();
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(cluster.node(2).invocations().get(id).state()).isEqualTo(InvocationRecord.State.RUNNING));
        release.countDown();
        InvocationResult<String> result = future.get(10, TimeUnit.SECONDS);
        assertThat(result.invocationId()).isEqualTo(id);

        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            InvocationRecord record = cluster.node(1).invocations().get(id);
            assertThat(record.state()).isEqualTo(InvocationRecord.State.SUCCEEDED);
            assertThat(record.output()).isEqualTo("done order-1");
            assertThat(record.member()).isEqualTo(result.member());
            assertThat(record.endedAt()).isAfterOrEqualTo(record.startedAt());
            assertThat(record.function()).isEqualTo("held");
        });
    }

    @Test
    void aFailedAsyncCallIsRecordedWithItsErrorType() {
        InvocationFuture<Object> future = cluster.node(1).invoker()
                .callAsync(Invocation.of("fails").build(), Object.class);
        assertThat(future).failsWithin(Duration.ofSeconds(5)).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(FunctionFailedException.class);
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            InvocationRecord record = cluster.node(0).invocations().get(future.invocationId());
            assertThat(record.state()).isEqualTo(InvocationRecord.State.FAILED);
            assertThat(record.errorType()).isEqualTo("FunctionFailedException");
            assertThat(record.errorMessage()).isEqualTo("java.lang.IllegalStateException: no stock");
        });
    }

    /**
     * A submitted call is answered on the caller's executor, is sent from another thread on the
     * first use of its map (whose proxy the calling thread must not wait to create), keeps no
     * record, and fails typed through its future.
     */
    @Test
    void aSubmittedCallAnswersOnItsExecutorAndKeepsNoRecord() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        AtomicInteger answered = new AtomicInteger();
        java.util.concurrent.Executor answers = task -> pool.execute(() -> {
            task.run();
            answered.incrementAndGet();
        });
        try {
            io.gridlet.node.Invoker invoker = cluster.node(0).invoker();
            String map = "submitted-" + java.util.UUID.randomUUID();
            for (long expected = 1; expected <= 3; expected++) {
                int before = answered.get();
                InvocationFuture<Long> future = invoker.submit(Invocation.of("increment").onKey(map, "k").build(),
                        Long.class, answers);
                assertThat(future.get(10, TimeUnit.SECONDS).output()).isEqualTo(expected);
                // The answer was read, and the future completed, by a task of the caller's executor.
                Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> answered.get() > before);
            }
            assertThat(cluster.node(1).hazelcast().<String, Long>getMap(map).get("k")).isEqualTo(3L);

            InvocationFuture<Object> failed = invoker.submit(Invocation.of("fails").build(), Object.class, answers);
            assertThat(failed).failsWithin(Duration.ofSeconds(5)).withThrowableOfType(ExecutionException.class)
                    .havingCause().isInstanceOf(FunctionFailedException.class);
            assertThatThrownBy(() -> cluster.node(1).invocations().get(failed.invocationId()))
                    .isInstanceOf(UnknownInvocationException.class);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anUnknownInvocationIdIsItsOwnTypedError() {
        assertThatThrownBy(() -> cluster.node(0).invocations().get("no-such-id"))
                .isInstanceOf(UnknownInvocationException.class)
                .hasMessageContaining("no-such-id");
    }

    @Test
    void cancellingTheFutureCancelsTheCallOnItsMemberAndInterruptsIt() {
        for (GridNode caller : cluster.nodes()) {
            InvocationFuture<Object> future = caller.invoker()
                    .callAsync(Invocation.of("spin").key("spin-" + caller.localMember().getUuid()).build(), Object.class);
            var marks = caller.hazelcast().getMap("marks");
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> marks.containsKey(future.invocationId() + ":started"));
            assertThat(future.cancel(true)).isTrue();
            Awaitility.await().atMost(Duration.ofSeconds(5))
                    .until(() -> marks.containsKey(future.invocationId() + ":cancelled"));
            assertThat(marks.get(future.invocationId() + ":cancelled")).isIn("flag", "interrupted and flag true");
        }
    }

    @Test
    void withMaxConcurrencyTwoAtMostTwoRunPerMemberAndTheRestAreOverloadedAtOnce() throws Exception {
        GridNode caller = cluster.node(0);
        GridNode target = cluster.node(1);
        List<String> keys = new ArrayList<>();
        for (int i = 0; keys.size() < 20; i++) {
            if (target.hazelcast().getPartitionService().getPartition("n" + i).getOwner().localMember()) {
                keys.add("n" + i);
            }
        }
        List<InvocationFuture<String>> calls = new ArrayList<>();
        for (String key : keys) {
            calls.add(caller.invoker().callAsync(Invocation.of("narrow").onKey("narrow-map", key).build(), String.class));
        }
        // The 18 beyond the limit fail at once, without waiting for a slot.
        Awaitility.await().atMost(Duration.ofSeconds(1))
                .until(() -> calls.stream().filter(InvocationFuture::isCompletedExceptionally).count() == 18);
        assertThat(calls.stream().filter(call -> !call.isDone()).count()).isEqualTo(2);
        for (InvocationFuture<String> call : calls) {
            if (call.isCompletedExceptionally()) {
                assertThat(call).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                        .havingCause().isInstanceOf(OverloadedException.class).withMessageContaining("maxConcurrency");
            }
        }
        narrowRelease.countDown();
        long succeeded = calls.stream().filter(call -> !call.isCompletedExceptionally())
                .map(call -> call.join().output()).filter("ran"::equals).count();
        assertThat(succeeded).isEqualTo(2);
        assertThat(mostRunning.get()).isEqualTo(2);
    }
}
