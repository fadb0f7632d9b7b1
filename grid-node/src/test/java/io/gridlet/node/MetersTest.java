package io.gridlet.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridlet.api.BadInputException;
import io.gridlet.api.FunctionFailedException;
import io.gridlet.api.GridletException;
import io.gridlet.api.TimedOutException;
import io.gridlet.api.UnknownFunctionException;
import io.gridlet.node.internal.metrics.GridletMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The invocation meters move by exactly the number of invocations, per outcome, summed over members. */
class MetersTest {

    static TestCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = TestCluster.start(3, builder -> builder.meterRegistry(new SimpleMeterRegistry()));
        for (GridNode node : cluster.nodes()) {
            node.functions().register(FunctionSpec.named("half").version("7").build(), Long.class, (input, ctx) -> {
                if (input % 2 == 1) {
                    throw new IllegalArgumentException("odd: " + input);
                }
                return input / 2;
            });
            node.functions().register(FunctionSpec.named("stall").timeout(Duration.ofMillis(50)).build(),
                    Object.class, (input, ctx) -> {
                        // Blocks until the 50 ms deadline interrupts it.
                        new CountDownLatch(1).await(5, TimeUnit.SECONDS);
                        return null;
                    });
        }
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    static double count(String function, String outcome) {
        double sum = 0;
        for (GridNode node : cluster.nodes()) {
            Counter counter = node.meterRegistry().find(GridletMeters.FUNCTION_INVOCATIONS)
                    .tag(GridletMeters.TAG_FUNCTION, function).tag(GridletMeters.TAG_OUTCOME, outcome).counter();
            sum += counter == null ? 0 : counter.count();
        }
        return sum;
    }

    static Map<String, Double> snapshot(String function) {
        Map<String, Double> counts = new HashMap<>();
        for (String outcome : List.of("success", "failed", "bad_input", "timeout", "overloaded", "unknown_function")) {
            counts.put(outcome, count(function, outcome));
        }
        return counts;
    }

    @Test
    void invocationCountersMoveByExactlyTheNumberOfCallsPerOutcome() {
        Map<String, Double> before = snapshot("half");
        int successes = 0;
        int failures = 0;
        int badInputs = 0;
        for (int i = 0; i < 60; i++) {
            GridNode caller = cluster.node(i % 3);
            Invocation.Builder call = Invocation.of("half").key("k" + i);
            if (i % 5 == 0) {
                assertThatThrownBy(() -> caller.invoker().invoke(call.input("not a number").build(), Long.class))
                        .isInstanceOf(BadInputException.class);
                badInputs++;
            } else if (i % 2 == 1) {
                long input = i;
                assertThatThrownBy(() -> caller.invoker().invoke(call.input(input).build(), Long.class))
                        .isInstanceOf(FunctionFailedException.class);
                failures++;
            } else {
                assertThat(caller.invoker().invoke(call.input((long) i).build(), Long.class)).isEqualTo(i / 2L);
                successes++;
            }
        }
        Map<String, Double> after = snapshot("half");
        assertThat(after.get("success") - before.get("success")).isEqualTo(successes);
        assertThat(after.get("failed") - before.get("failed")).isEqualTo(failures);
        assertThat(after.get("bad_input") - before.get("bad_input")).isEqualTo(badInputs);
        assertThat(after.get("timeout") - before.get("timeout")).isZero();
        assertThat(after.get("overloaded") - before.get("overloaded")).isZero();

        long timed = cluster.nodes().stream().mapToLong(node -> {
            Timer timer = node.meterRegistry().find(GridletMeters.FUNCTION_DURATION)
                    .tag(GridletMeters.TAG_FUNCTION, "half").tag(GridletMeters.TAG_VERSION, "7").timer();
            return timer == null ? 0 : timer.count();
        }).sum();
        assertThat(timed).isEqualTo(successes + failures);
    }

    @Test
    void timeoutsAndUnknownFunctionsAreCounted() {
        double timeoutsBefore = count("stall", "timeout");
        double unknownBefore = count(GridletMeters.UNKNOWN, "unknown_function");
        for (int i = 0; i < 3; i++) {
            int n = i;
            assertThatThrownBy(() -> cluster.node(n).invoker().invoke("stall", null))
                    .isInstanceOf(TimedOutException.class);
            assertThatThrownBy(() -> cluster.node(n).invoker().invoke("missing", null))
                    .isInstanceOf(UnknownFunctionException.class);
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> count("stall", "timeout") - timeoutsBefore == 3);
        assertThat(count(GridletMeters.UNKNOWN, "unknown_function") - unknownBefore).isEqualTo(3);
        assertThat(cluster.nodes()).allSatisfy(node -> assertThat(node.meterRegistry()
                .get(GridletMeters.FUNCTION_INFLIGHT).tag(GridletMeters.TAG_FUNCTION, "stall").gauge().value())
                .isZero());
    }

    @Test
    void clusterSizeIsAGauge() {
        assertThat(cluster.node(0).meterRegistry().get(GridletMeters.CLUSTER_SIZE).gauge().value()).isEqualTo(3);
        assertThat(new GridletException("x")).hasMessage("x");
    }
}
