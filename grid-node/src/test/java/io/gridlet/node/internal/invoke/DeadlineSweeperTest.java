package io.gridlet.node.internal.invoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DeadlineSweeperTest {

    /** A call with a deadline that notes when it expired. */
    private static final class Watched implements DeadlineSweeper.Expiring {
        private final long deadline;
        final AtomicLong expiredAt = new AtomicLong();
        final AtomicInteger expiries = new AtomicInteger();

        Watched(Duration in) {
            deadline = System.nanoTime() + in.toNanos();
        }

        @Override
        public long deadlineNanos() {
            return deadline;
        }

        @Override
        public void expire() {
            expiredAt.set(System.nanoTime());
            expiries.incrementAndGet();
        }

        long lateMillis() {
            return TimeUnit.NANOSECONDS.toMillis(expiredAt.get() - deadline);
        }
    }

    @Test
    void aCallIsExpiredOnceWhenItsDeadlinePassesAndNotBefore() {
        try (DeadlineSweeper sweeper = new DeadlineSweeper()) {
            Watched call = new Watched(Duration.ofMillis(150));
            sweeper.watch(call);
            await().atMost(Duration.ofSeconds(5)).until(() -> call.expiries.get() == 1);
            assertThat(call.expiredAt.get() - call.deadline).as("not before its deadline").isNotNegative();
            assertThat(sweeper.unwatch(call)).as("no longer watched once expired").isFalse();
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1))
                    .until(() -> call.expiries.get() == 1);
        }
    }

    @Test
    void aCallUnwatchedInTimeIsNeverExpired() {
        try (DeadlineSweeper sweeper = new DeadlineSweeper()) {
            Watched call = new Watched(Duration.ofMillis(100));
            sweeper.watch(call);
            assertThat(sweeper.unwatch(call)).isTrue();
            await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(2)).until(() -> call.expiries.get() == 0);
        }
    }

    @Test
    void aShortDeadlineWatchedAfterLongOnesIsMetOnTimeNotAtTheirs() {
        try (DeadlineSweeper sweeper = new DeadlineSweeper()) {
            Watched long1 = new Watched(Duration.ofSeconds(30));
            Watched long2 = new Watched(Duration.ofSeconds(20));
            sweeper.watch(long1);
            sweeper.watch(long2);
            Watched shortCall = new Watched(Duration.ofMillis(200));
            sweeper.watch(shortCall);
            await().atMost(Duration.ofSeconds(5)).until(() -> shortCall.expiries.get() == 1);
            // Within the backstop: it was planned, not found by the backstop's sweep.
            assertThat(shortCall.lateMillis()).as("late by (ms)").isLessThan(800);
            assertThat(long1.expiries.get() + long2.expiries.get()).isZero();
        }
    }

    @Test
    void callsThatShareATimeoutAndEndInTimeDoNotWakeTheThreadEachTime() {
        try (DeadlineSweeper sweeper = new DeadlineSweeper()) {
            long before = sweeper.sweeps();
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
            int calls = 0;
            while (System.nanoTime() - end < 0) {
                Watched call = new Watched(Duration.ofSeconds(30));
                sweeper.watch(call);
                assertThat(sweeper.unwatch(call)).isTrue();
                calls++;
            }
            // A 5 ms tick would have swept about 100 times in 0.5 s. Here: the first call's plan
            // (found nothing due) and at most a backstop sweep.
            assertThat(calls).isGreaterThan(1_000);
            assertThat(sweeper.sweeps() - before).as("sweeps for %d calls", calls).isLessThanOrEqualTo(3);
        }
    }

    @Test
    void callsWatchedFromManyThreadsAllExpire() throws InterruptedException {
        try (DeadlineSweeper sweeper = new DeadlineSweeper()) {
            List<Watched> calls = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                calls.add(new Watched(Duration.ofMillis(50 + (i * 7) % 300)));
            }
            CountDownLatch done = new CountDownLatch(4);
            for (int t = 0; t < 4; t++) {
                int from = t;
                Thread watcher = new Thread(() -> {
                    for (int i = from; i < calls.size(); i += 4) {
                        sweeper.watch(calls.get(i));
                    }
                    done.countDown();
                });
                watcher.start();
            }
            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
            await().atMost(Duration.ofSeconds(5)).until(() -> calls.stream().allMatch(c -> c.expiries.get() == 1));
            assertThat(calls).allSatisfy(c -> assertThat(c.lateMillis()).as("late by (ms)").isLessThan(800));
        }
    }
}
