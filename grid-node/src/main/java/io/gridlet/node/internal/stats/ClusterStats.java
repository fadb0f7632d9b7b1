package io.gridlet.node.internal.stats;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import io.gridlet.node.MemberStats;
import io.gridlet.node.internal.cluster.HazelcastConfigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Asks every member what it holds, within a bound on the wait. Thread-safe. */
public final class ClusterStats {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterStats.class);

    private final IExecutorService admin;

    public ClusterStats(HazelcastInstance hazelcast) {
        this.admin = hazelcast.getExecutorService(HazelcastConfigFactory.ADMIN_EXECUTOR);
    }

    /**
     * The members' answers, by address, waiting at most {@code wait} for all of them together: a
     * member that does not answer in time (cut off, frozen or leaving) is left out, so the list may
     * be shorter than the member list. Never blocks longer than {@code wait}.
     */
    public List<MemberStats> ask(Duration wait) {
        Objects.requireNonNull(wait, "wait");
        Map<?, Future<MemberReport>> answers = admin.submitToAllMembers(new MemberStatsTask());
        long deadline = System.nanoTime() + wait.toNanos();
        // Wait for all of them together: a member cut off must not use up the others' time.
        while (System.nanoTime() - deadline < 0 && !answers.values().stream().allMatch(Future::isDone)) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
        List<MemberStats> stats = new ArrayList<>();
        for (Future<MemberReport> answer : answers.values()) {
            if (!answer.isDone()) {
                continue;
            }
            try {
                stats.add(answer.get().stats());
            } catch (ExecutionException | RuntimeException e) {
                LOG.debug("A member did not report its stats", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        stats.sort(Comparator.comparing(MemberStats::address));
        return stats;
    }
}
