package io.gridlet.node.internal.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PauseFenceTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private void advance(long millis) {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    /** The JVM runs on: the ticker notes the time every 50 ms. */
    private void runFor(PauseFence fence, long millis) {
        for (long t = 0; t < millis; t += 50) {
            advance(50);
            fence.tick();
        }
    }

    @Test
    void aFreezeOfHalfTheHeartbeatTimeoutFencesTheMemberForTwiceTheTimeout() {
        // Heartbeat timeout 6 s: a freeze of more than 3 s fences, for 12 s after it is noticed.
        PauseFence fence = new PauseFence(Duration.ofSeconds(6), now::get, false);
        runFor(fence, 1_000);
        assertThat(fence.fenced()).as("steady ticks").isFalse();
        advance(2_000);
        assertThat(fence.fenced()).as("a 2 s stall is a GC pause, not a freeze").isFalse();
        fence.tick();

        advance(4_000);
        assertThat(fence.fenced()).as("the first caller after a freeze, before the ticker runs").isTrue();
        fence.tick();
        runFor(fence, 11_000);
        assertThat(fence.fenced()).as("11 s after").isTrue();
        runFor(fence, 1_500);
        assertThat(fence.fenced()).as("12.5 s after").isFalse();
    }
}
