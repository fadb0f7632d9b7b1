package io.gridlet.node.internal.trigger;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.core.JobStatus;
import com.hazelcast.jet.core.JobSuspensionCause;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resumes the jobs of map-event triggers that a failure suspended.
 *
 * <p>Jet restarts a job by itself only on a topology change or a {@code RestartableException};
 * any other exception (a result map whose store refused a write, an operation that timed out)
 * would fail it for good, and the trigger would stop with no one told but the log. So a trigger's
 * job is made with suspend-on-failure: such a failure suspends it, keeping its last snapshot, and
 * this class resumes it from that snapshot, which replays, never skips. A replay is what
 * at-least-once allows, and exactly-once's applied marks skip what it brings again.
 *
 * <p>Why one member: resuming twice is harmless but noisy, so only the oldest member acts (every
 * member runs the check and the one that is oldest at that moment does it). Why a back-off: a
 * failure that lasts (a store that is down) would otherwise resume and fail in a tight loop; the
 * wait doubles from {@link #FIRST_WAIT_MILLIS} to {@link #MOST_WAIT_MILLIS} and starts again once
 * the job has run {@link #STEADY_MILLIS}. A job an operator suspended is left alone, as is every
 * job while this member lacks its split-brain quorum (the majority's side resumes it).
 *
 * <p>Thread-safe: the check runs on its own thread.
 */
final class SuspendedJobs implements AutoCloseable {

    static final long CHECK_MILLIS = 1_000;
    static final long FIRST_WAIT_MILLIS = 1_000;
    static final long MOST_WAIT_MILLIS = 60_000;
    static final long STEADY_MILLIS = 60_000;
    private static final String EXECUTION_FAILURE = "Execution failure:";
    private static final Logger LOG = LoggerFactory.getLogger(SuspendedJobs.class);

    private final HazelcastInstance hazelcast;
    private final Supplier<Iterable<String>> triggers;
    private final BooleanSupplier quorum;
    /** Per trigger: its back-off, while its job fails. */
    private final Map<String, Backoff> backoffs = new ConcurrentHashMap<>();
    private final ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "gridlet-trigger-jobs");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param triggers the names of the map-event triggers defined now
     * @param quorum   whether this member has its split-brain quorum
     */
    SuspendedJobs(HazelcastInstance hazelcast, Supplier<Iterable<String>> triggers, BooleanSupplier quorum) {
        this.hazelcast = hazelcast;
        this.triggers = triggers;
        this.quorum = quorum;
    }

    void start() {
        checks.scheduleWithFixedDelay(this::check, CHECK_MILLIS, CHECK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** One pass over the triggers' jobs; never throws, so that the schedule goes on. */
    void check() {
        try {
            if (!hazelcast.getLifecycleService().isRunning() || !oldest() || !quorum.getAsBoolean()) {
                return;
            }
            long now = System.currentTimeMillis();
            Set<String> defined = new HashSet<>();
            for (String trigger : triggers.get()) {
                defined.add(trigger);
                Job job = hazelcast.getJet().getJob(GridTriggers.jobName(trigger));
                if (job != null) {
                    look(trigger, job, now);
                }
            }
            backoffs.keySet().retainAll(defined);
        } catch (RuntimeException e) {
            LOG.debug("The check of suspended trigger jobs did not finish: {}", e.toString());
        }
    }

    private void look(String trigger, Job job, long now) {
        JobStatus status = job.getStatus();
        Backoff backoff = backoffs.get(trigger);
        if (status == JobStatus.RUNNING) {
            if (backoff != null && now - backoff.resumedAt >= STEADY_MILLIS) {
                backoffs.remove(trigger);
            }
            return;
        }
        if (status != JobStatus.SUSPENDED) {
            return;
        }
        JobSuspensionCause cause = job.getSuspensionCause();
        if (cause.requestedByUser()) {
            return;
        }
        if (backoff == null) {
            backoff = new Backoff();
            backoffs.put(trigger, backoff);
        }
        if (now < backoff.dueAt) {
            return;
        }
        LOG.warn("Trigger {}: its job was suspended by a failure ({}); resuming it from its last snapshot, after a"
                + " wait of {} ms", trigger, firstLine(cause.errorCause()), backoff.waitMillis);
        job.resume();
        backoff.resumed(now);
    }

    /** The failure's own line: Jet's text is "Execution failure:", then the exception with its stack. */
    static String firstLine(String text) {
        String rest = text.startsWith(EXECUTION_FAILURE) ? text.substring(EXECUTION_FAILURE.length()).strip() : text;
        int end = rest.indexOf('\n');
        return end < 0 ? rest : rest.substring(0, end).strip();
    }

    private boolean oldest() {
        return hazelcast.getCluster().getMembers().iterator().next().localMember();
    }

    @Override
    public void close() {
        checks.shutdownNow();
    }

    /** When a failing job may be resumed next. Used by the check's thread only. */
    private static final class Backoff {
        long waitMillis = FIRST_WAIT_MILLIS;
        long dueAt = System.currentTimeMillis() + FIRST_WAIT_MILLIS;
        long resumedAt;

        void resumed(long now) {
            resumedAt = now;
            waitMillis = Math.min(MOST_WAIT_MILLIS, waitMillis * 2);
            dueAt = now + waitMillis;
        }
    }
}
