package io.gridlet.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridlet.api.GridletException;
import io.gridlet.node.internal.metrics.GridletMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 2,000 key-routed calls, each with its own idempotency key and counter, while one of three
 * member JVMs is killed with SIGKILL. Every call ends with a result or a typed error within its
 * deadline; repeating the failed ones with their keys leaves every counter of the transactional
 * function at exactly 1. The plain function may apply twice, and every time it does, it says so.
 */
class KillDuringInvocationsTest {

    static final int CALLS = 2_000;
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path temp;

    record Outcome(int call, Long value, GridletException error, long millis) {
    }

    @Test
    void transactionalCallsApplyExactlyOnceAcrossAKill() throws Exception {
        run("count.tx", "tx", true, (counters, reruns, retries) ->
                assertThat(counters.values()).hasSize(CALLS).containsOnly(1L));
    }

    @Test
    void plainCallsThatApplyTwiceAreReportedAsRetries() throws Exception {
        run("count.plain", "plain", true, (counters, reruns, retries) -> {
            assertThat(counters).hasSize(CALLS);
            assertThat(counters.values()).allSatisfy(count -> assertThat(count).isBetween(1L, 2L));
            List<String> twice = counters.entrySet().stream().filter(e -> e.getValue() == 2L).map(Map.Entry::getKey)
                    .toList();
            // Every double increment ran with attempt() > 1, which the function recorded.
            assertThat(reruns.keySet()).containsAll(twice);
            if (!twice.isEmpty()) {
                assertThat(retries).isPositive();
            }
            System.out.printf("plain run: %d of %d counters applied twice, %d reruns reported, %.0f client retries%n",
                    twice.size(), CALLS, reruns.size(), retries);
        });
    }

    /**
     * Without idempotency keys the calls travel as entry processors, whose writes the backup must
     * receive: no acknowledged write may be lost with its primary.
     */
    @Test
    void acknowledgedEntryProcessorWritesSurviveAKill() throws Exception {
        run("count.plain", "ep", false, (counters, reruns, retries) -> {
            assertThat(counters).hasSize(CALLS);
            assertThat(counters.values()).allSatisfy(count -> assertThat(count).isBetween(1L, 2L));
        });
    }

    interface Check {
        void verify(Map<String, Long> counters, Map<String, Integer> reruns, double retries);
    }

    private void run(String function, String prefix, boolean idempotent, Check check) throws Exception {
        List<Integer> ports = TestCluster.freePorts(3);
        List<String> seeds = ports.stream().map(port -> "127.0.0.1:" + port).toList();
        String cluster = "kill-" + UUID.randomUUID();
        Path log = temp.resolve("members.log");
        String[] functions = {CountingFunctions.TransactionalIncrement.class.getName(),
                CountingFunctions.PlainIncrement.class.getName()};
        List<MemberProcess> members = new ArrayList<>();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try {
            for (int port : ports) {
                members.add(MemberProcess.start(cluster, port, seeds, log, functions));
            }
            try (GridletClient client = GridletClient.builder().clusterName(cluster).addresses(seeds)
                    .meterRegistry(meters).connect()) {
                Awaitility.await().atMost(Duration.ofSeconds(60))
                        .until(() -> client.hazelcast().getCluster().getMembers().size() == 3);
                String map = prefix + "-counters";
                Map<Integer, Outcome> outcomes = new ConcurrentHashMap<>();
                AtomicInteger done = new AtomicInteger();
                ExecutorService callers = Executors.newFixedThreadPool(8);
                List<Future<?>> work = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    int thread = t;
                    work.add(callers.submit(() -> {
                        for (int i = thread; i < CALLS; i += 8) {
                            outcomes.put(i, call(client, function, map, prefix, i, idempotent));
                            done.incrementAndGet();
                        }
                    }));
                }
                Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> done.get() >= CALLS / 4);
                members.get(1).kill();
                for (Future<?> future : work) {
                    future.get(5, TimeUnit.MINUTES);
                }
                callers.shutdown();

                assertThat(outcomes).hasSize(CALLS);
                for (Outcome outcome : outcomes.values()) {
                    // A result or a typed error, and never past the deadline.
                    assertThat(outcome.value() != null || outcome.error() != null).isTrue();
                    assertThat(outcome.millis()).isLessThanOrEqualTo(TIMEOUT.toMillis() + 1_000);
                }
                List<Integer> failed = outcomes.values().stream().filter(o -> o.error() != null)
                        .map(Outcome::call).toList();
                for (int call : failed) {
                    Outcome again = call(client, function, map, prefix, call, idempotent);
                    for (int tries = 0; again.error() != null && tries < 3; tries++) {
                        again = call(client, function, map, prefix, call, idempotent);
                    }
                    assertThat(again.error()).as("call %d repeated", call).isNull();
                }
                Map<String, Long> counters = new java.util.HashMap<>(client.hazelcast().<String, Long>getMap(map));
                Map<String, Integer> reruns = new java.util.HashMap<>(client.hazelcast().<String, Integer>getMap("reruns"));
                // Registered on a function's first retry: a run in which no call was retried has none.
                double retries = meters.find(GridletMeters.FUNCTION_RETRIES).counters().stream()
                        .mapToDouble(Counter::count).sum();
                System.out.printf("%s: %d calls, %d failed and were repeated, %.0f client retries%n", function, CALLS,
                        failed.size(), retries);
                check.verify(counters, reruns, retries);
            }
        } finally {
            members.forEach(MemberProcess::close);
        }
    }

    private static Outcome call(GridletClient client, String function, String map, String prefix, int i,
                                boolean idempotent) {
        long start = System.nanoTime();
        try {
            Invocation.Builder call = Invocation.of(function).onKey(map, prefix + "-" + i).timeout(TIMEOUT);
            if (idempotent) {
                call.idempotencyKey(prefix + "-call-" + i);
            }
            Long value = client.invoker().invoke(call.build(), Long.class);
            return new Outcome(i, value, null, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        } catch (GridletException e) {
            return new Outcome(i, null, e, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        }
    }
}
