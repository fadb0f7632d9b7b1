package io.gridlet.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HostStallsTest {

    @Test
    void theMeterWakesEveryMillisecondAndStopsWhenClosed() {
        AtomicLong woken = new AtomicLong();
        try (HostStalls stalls = new HostStalls()) {
            stalls.sinceLast();
            // About 1,000 wake-ups a second: 20 come within a second even on a busy machine.
            await().atMost(Duration.ofSeconds(5)).until(() -> woken.addAndGet(stalls.sinceLast().getTotalCount()) >= 20);
        }
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(thread -> thread.getName().equals("bench-host-stalls"));
    }
}
