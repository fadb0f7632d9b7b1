package io.gridlet.node.internal.trigger;

import io.gridlet.node.ScheduleTrigger;
import io.gridlet.node.TriggerDefinition;
import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.scheduledexecutor.IScheduledExecutorService;
import io.gridlet.node.GridNode;
import io.gridlet.node.TestCluster;
import io.gridlet.node.FunctionSpec;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A firing that ran on a member as it shut down could not schedule its successor. When a member
 * leaves, the others put each schedule's next firing back from the time it was due.
 */
class ScheduleRecoveryTest {

    @Test
    void aScheduleWhoseNextFiringWasLostResumesWhenAMemberLeaves() {
        AtomicInteger firings = new AtomicInteger();
        try (TestCluster cluster = TestCluster.start(3, builder -> { })) {
            for (GridNode node : cluster.nodes()) {
                node.functions().register(FunctionSpec.named("lost.tick").build(), Map.class, (firing, ctx) ->
                        firings.incrementAndGet());
            }
            GridNode survivor = cluster.node(0);
            survivor.triggers().create(ScheduleTrigger.every("lost", "lost.tick", 100));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> firings.get() >= 3);

            // The chain breaks: every pending firing of the schedule is gone, as after a firing
            // whose member shut down before it could schedule the next one.
            // A firing running while the others are disposed schedules its successor: dispose again
            // until a pass finds none left.
            IScheduledExecutorService scheduler = survivor.hazelcast().getScheduledExecutorService(GridTriggers.SCHEDULER);
            Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300))
                    .until(() -> disposeLost(scheduler) == 0);
            int stopped = firings.get();
            Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                    .until(() -> firings.get() <= stopped + 1);

            cluster.node(2).close();
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> firings.get() >= stopped + 10);
        }
    }

    /** Disposes every pending firing of the schedule {@code lost}; how many there were. */
    private static int disposeLost(IScheduledExecutorService scheduler) {
        AtomicInteger disposed = new AtomicInteger();
        scheduler.getAllScheduledFutures().values().forEach(futures -> futures.forEach(future -> {
            if (future.getHandler().getTaskName().startsWith(GridTriggers.taskName("lost") + "@")) {
                try {
                    future.dispose();
                } catch (com.hazelcast.scheduledexecutor.StaleTaskException ranAndDisposedItself) {
                    // A firing disposes itself once it ran: it ran between the listing and here,
                    // and scheduled its successor, which the next pass finds.
                }
                disposed.incrementAndGet();
            }
        }));
        return disposed.get();
    }
}
