package io.gridlet.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.map.IMap;
import com.hazelcast.partition.Partition;
import io.gridlet.api.Function;
import io.gridlet.api.FunctionContext;
import io.gridlet.api.GridFunction;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LocalityTest {

    static final String MAP = "locality";
    static TestCluster cluster;

    /** Reports where it ran, whether the routed key is owned there, and the value it read. */
    @Function(name = "where")
    public static final class Where implements GridFunction<Object, Map<String, Object>> {
        @Override
        public Map<String, Object> apply(Object input, FunctionContext ctx) {
            var hz = ctx.hazelcast();
            Partition partition = hz.getPartitionService().getPartition(ctx.key());
            boolean ownerIsLocal = partition.getOwner() != null && partition.getOwner().localMember();
            Object fromEntry = ctx.entry().get();
            Object fromMap = ctx.map(MAP).get(ctx.key());
            return Map.of("member", hz.getCluster().getLocalMember().getUuid().toString(),
                    "ownerIsLocal", ownerIsLocal,
                    "fromEntry", String.valueOf(fromEntry),
                    "fromMap", String.valueOf(fromMap),
                    "thread", Thread.currentThread().getName());
        }
    }

    @SuppressWarnings("unchecked")
    static Class<Map<?, ?>> mapType() {
        return (Class<Map<?, ?>>) (Class<?>) Map.class;
    }

    @BeforeAll
    static void startCluster() {
        cluster = TestCluster.start(3, builder -> { });
        cluster.nodes().forEach(node -> {
            node.functions().register(Where.class);
            node.functions().register(FunctionSpec.named("member").build(), Object.class,
                    (input, ctx) -> ctx.hazelcast().getCluster().getLocalMember().getUuid().toString());
        });
        IMap<String, String> map = cluster.node(0).hazelcast().getMap(MAP);
        for (int i = 0; i < 100; i++) {
            map.set("key-" + i, "value-" + i);
        }
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @Test
    void keyRoutedInvocationRunsOnThePartitionOwnerFromEveryMember() {
        int remoteCallers = 0;
        for (GridNode caller : cluster.nodes()) {
            for (int i = 0; i < 100; i++) {
                String key = "key-" + i;
                InvocationResult<Map<?, ?>> result = caller.invoker()
                        .call(Invocation.of("where").onKey(MAP, key).build(), mapType());
                Partition partition = caller.hazelcast().getPartitionService().getPartition(key);

                assertThat(result.member()).isEqualTo(partition.getOwner().getUuid());
                assertThat(result.output().get("member")).isEqualTo(partition.getOwner().getUuid().toString());
                assertThat(result.output().get("ownerIsLocal")).isEqualTo(true);
                assertThat(result.output().get("fromEntry")).isEqualTo("value-" + i);
                assertThat(result.output().get("fromMap")).isEqualTo("value-" + i);
                assertThat((String) result.output().get("thread")).doesNotContain("partition-operation");
                if (!partition.getOwner().localMember()) {
                    remoteCallers++;
                }
            }
        }
        // Each key is remote for two of the three callers: the test really crossed members.
        assertThat(remoteCallers).isEqualTo(200);
    }

    @Test
    void keyOnlyRoutingRunsOnTheKeyOwner() {
        GridNode caller = cluster.node(1);
        for (int i = 0; i < 20; i++) {
            String key = "key-" + i;
            InvocationResult<String> result = caller.invoker()
                    .call(Invocation.of("member").key(key).build(), String.class);
            assertThat(result.output()).isEqualTo(result.member().toString());
            assertThat(result.member())
                    .isEqualTo(caller.hazelcast().getPartitionService().getPartition(key).getOwner().getUuid());
        }
    }

    @Test
    void unroutedCallsSpreadOverEveryMember() {
        java.util.Set<Object> seen = new java.util.HashSet<>();
        for (int i = 0; i < 9; i++) {
            seen.add(cluster.node(0).invoker().invoke("member", null));
        }
        assertThat(seen).hasSize(3);
    }
}
