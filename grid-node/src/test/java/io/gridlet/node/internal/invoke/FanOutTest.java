package io.gridlet.node.internal.invoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.map.IMap;
import io.gridlet.api.FunctionFailedException;
import io.gridlet.node.FanOut;
import io.gridlet.node.FanOutResult;
import io.gridlet.node.FunctionRegistry;
import io.gridlet.node.FunctionSpec;
import io.gridlet.node.GridNode;
import io.gridlet.node.TestCluster;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A fan-out reads every partition exactly once, also while a member joins. */
class FanOutTest {

    static final int ENTRIES = 100_000;
    static final long TRUE_SUM = (long) ENTRIES * (ENTRIES - 1) / 2;
    static TestCluster cluster;

    static void register(GridNode node) {
        register(node.functions());
    }

    static void register(FunctionRegistry functions) {
        functions.register(FunctionSpec.named("sum").build(), String.class, (map, ctx) -> {
            long sum = 0;
            for (Map.Entry<Integer, Long> entry : ctx.<Integer, Long>localEntries(map)) {
                sum += entry.getValue();
            }
            return sum;
        });
        // How many of its share's entries a member found in a partition it does not own: each
        // member must be sent the partitions it owns, so that it reads them in place.
        functions.register(FunctionSpec.named("foreign").build(), String.class, (map, ctx) -> {
            long foreign = 0;
            for (Map.Entry<Integer, Long> entry : ctx.<Integer, Long>localEntries(map)) {
                if (!ctx.hazelcast().getPartitionService().getPartition(entry.getKey()).getOwner().localMember()) {
                    foreign++;
                }
            }
            return foreign;
        });
        functions.register(FunctionSpec.named("not-a-fan-out").build(), Object.class,
                (input, ctx) -> ctx.localEntries("numbers").iterator().hasNext());
    }

    @BeforeAll
    static void startCluster() {
        cluster = TestCluster.start(3, 4, builder -> { });
        cluster.nodes().forEach(FanOutTest::register);
        IMap<Integer, Long> numbers = cluster.node(0).hazelcast().getMap("numbers");
        Map<Integer, Long> batch = new HashMap<>();
        for (int i = 0; i < ENTRIES; i++) {
            batch.put(i, (long) i);
            if (batch.size() == 10_000) {
                numbers.putAll(batch);
                batch.clear();
            }
        }
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @Test
    void eachMemberReadsThePartitionsItOwns() {
        FanOutResult<Long> result = cluster.node(2).invoker().fanOut(FanOut.of("foreign", "numbers").withInput("numbers"),
                Long.class);
        assertThat(result.partials()).hasSize(3);
        assertThat(result.reduce(0L, Long::sum)).isZero();
    }

    @Test
    void aFanOutSumOverAHundredThousandEntriesEqualsTheTrueSum() {
        FanOutResult<Long> result = cluster.node(1).invoker().fanOut(FanOut.of("sum", "numbers").withInput("numbers"),
                Long.class);
        assertThat(result.reduce(0L, Long::sum)).isEqualTo(TRUE_SUM);
        assertThat(result.partitions()).isEqualTo(271);
        assertThat(result.partials()).extracting(FanOutResult.Partial::member)
                .containsExactlyInAnyOrderElementsOf(cluster.nodes().stream().map(n -> n.localMember().getUuid()).toList());
    }

    @Test
    void theSumStaysTrueWhileAMemberJoinsMidWay() throws Exception {
        AtomicBoolean joined = new AtomicBoolean();
        CompletableFuture<List<Long>> sums = CompletableFuture.supplyAsync(() -> {
            List<Long> seen = new ArrayList<>();
            while (!joined.get() || seen.size() < 3) {
                seen.add(cluster.node(0).invoker().fanOut(FanOut.of("sum", "numbers").withInput("numbers"), Long.class)
                        .reduce(0L, Long::sum));
            }
            return seen;
        });
        // Its functions are in place before it takes partitions: a share sent to it finds them.
        cluster.startMember(builder -> builder.functions(FanOutTest::register));
        cluster.awaitSafe();
        joined.set(true);
        List<Long> seen = sums.get();
        assertThat(seen).allSatisfy(sum -> assertThat(sum).isEqualTo(TRUE_SUM));
        FanOutResult<Long> after = cluster.node(0).invoker().fanOut(FanOut.of("sum", "numbers").withInput("numbers"),
                Long.class);
        assertThat(after.partials()).hasSize(4);
        assertThat(after.reduce(0L, Long::sum)).isEqualTo(TRUE_SUM);
    }

    @Test
    void localEntriesOutsideAFanOutIsAnError() {
        assertThatThrownBy(() -> cluster.node(0).invoker().invoke("not-a-fan-out", null))
                .isInstanceOf(FunctionFailedException.class)
                .hasMessageContaining("was not called as a fan-out");
    }
}
