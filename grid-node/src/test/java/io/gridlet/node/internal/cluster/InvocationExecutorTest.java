package io.gridlet.node.internal.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.instance.impl.HazelcastInstanceProxy;
import com.hazelcast.internal.util.executor.NamedThreadPoolExecutor;
import io.gridlet.node.GridNode;
import io.gridlet.node.Invocation;
import io.gridlet.node.TestCluster;
import io.gridlet.api.Function;
import io.gridlet.api.FunctionContext;
import io.gridlet.api.GridFunction;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.Test;

/** The invocation executor is a pool of its own, of the configured size, from the member's start. */
class InvocationExecutorTest {

    @Function(name = "thread")
    public static final class ThreadName implements GridFunction<Object, String> {
        @Override
        public String apply(Object input, FunctionContext ctx) {
            return Thread.currentThread().getName();
        }
    }

    @Test
    void callsRunOnAFixedPoolOfTheConfiguredSizeAndQueue() {
        try (TestCluster cluster = TestCluster.start(1, builder -> builder.invocationThreads(3).invocationQueue(7))) {
            GridNode node = cluster.node(0);
            node.functions().register(ThreadName.class);
            ExecutorService executor = ((HazelcastInstanceProxy) node.hazelcast()).getOriginal().node.getNodeEngine()
                    .getExecutionService().getExecutor(HazelcastConfigFactory.INVOCATION_EXECUTOR);

            assertThat(executor).isInstanceOf(NamedThreadPoolExecutor.class);
            NamedThreadPoolExecutor pool = (NamedThreadPoolExecutor) executor;
            assertThat(pool.getMaximumPoolSize()).isEqualTo(3);
            assertThat(pool.getQueue().remainingCapacity()).isEqualTo(7);
            // Both transports land there: a call by key and one not routed.
            assertThat(node.invoker().invoke(Invocation.of("thread").onKey("m", "k").build(), String.class))
                    .contains(HazelcastConfigFactory.INVOCATION_EXECUTOR);
            assertThat(node.invoker().invoke(Invocation.of("thread").build(), String.class))
                    .contains(HazelcastConfigFactory.INVOCATION_EXECUTOR);
        }
    }
}
