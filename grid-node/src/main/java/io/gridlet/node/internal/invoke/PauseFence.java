package io.gridlet.node.internal.invoke;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Self-fencing after a freeze. A member whose JVM stood still (SIGSTOP, a long GC pause, a
 * suspended VM) for half the cluster's heartbeat timeout or more may have been declared dead while
 * it stood: its partitions moved and the others went on. When it runs again it still believes its
 * old view for a moment, and work it starts or finishes then competes with the majority's. So it
 * fences itself: from the moment a freeze is noticed, and for twice the heartbeat timeout after,
 * it neither runs nor commits calls (they answer "not applied", and their callers send them
 * again) nor sends calls of its own, while it learns what became of it.
 *
 * <p>A ticker notes the time every 50 ms. A thread that asks before the ticker has run again sees
 * the ticker's silence itself, so the first call after a freeze is fenced too.
 */
public final class PauseFence implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PauseFence.class);
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final long thresholdNanos;
    private final long windowNanos;
    private final LongSupplier clock;
    private final Thread ticker;
    private volatile long lastTick;
    private volatile long fencedUntil;
    private volatile boolean running = true;

    public PauseFence(Duration heartbeatTimeout) {
        this(heartbeatTimeout, System::nanoTime, true);
    }

    /** With a clock of the caller's, and without the ticker thread when {@code tick} is false: for tests. */
    PauseFence(Duration heartbeatTimeout, LongSupplier clock, boolean tick) {
        this.thresholdNanos = Math.max(TimeUnit.SECONDS.toNanos(1), heartbeatTimeout.toNanos() / 2);
        this.windowNanos = Math.max(TimeUnit.SECONDS.toNanos(10), 2 * heartbeatTimeout.toNanos());
        this.clock = clock;
        this.lastTick = clock.getAsLong();
        this.fencedUntil = lastTick;
        this.ticker = new Thread(this::run, "gridlet-pause-fence");
        ticker.setDaemon(true);
        if (tick) {
            ticker.start();
        }
    }

    private void run() {
        while (running) {
            tick();
            LockSupport.parkNanos(TICK_NANOS);
        }
    }

    /** Notes the time; a gap since the last note longer than the threshold was a freeze. */
    void tick() {
        long now = clock.getAsLong();
        long gap = now - lastTick;
        if (gap > thresholdNanos) {
            fencedUntil = now + windowNanos;
            LOG.warn("This member stood still for {} ms, long enough to be declared dead: it refuses to run or "
                    + "send calls for {} s while it learns what became of it", TimeUnit.NANOSECONDS.toMillis(gap),
                    TimeUnit.NANOSECONDS.toSeconds(windowNanos));
        }
        lastTick = now;
    }

    /** True while this member must not run, commit or send calls. */
    public boolean fenced() {
        long now = clock.getAsLong();
        return now - lastTick > thresholdNanos || now - fencedUntil < 0;
    }

    @Override
    public void close() {
        running = false;
        ticker.interrupt();
    }
}
