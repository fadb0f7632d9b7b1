package io.gridlet.node.internal.logs;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import io.gridlet.node.FunctionLogs;
import io.gridlet.node.LogLine;
import io.gridlet.node.LogPage;
import io.gridlet.node.LogQuery;
import io.gridlet.node.internal.cluster.HazelcastConfigFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link FunctionLogs}, asked of every member at once through the admin executor. Thread-safe. */
public final class ClusterLogs implements FunctionLogs {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterLogs.class);
    /** How long a read waits for all members together: a member cut off must not hold the rest up for long. */
    private static final long WAIT_MILLIS = 5_000;
    private static final Comparator<LogLine> ORDER = Comparator.comparingLong(LogLine::time)
            .thenComparing(LogLine::member).thenComparingLong(LogLine::sequence);

    private final IExecutorService admin;

    public ClusterLogs(HazelcastInstance hazelcast) {
        this.admin = hazelcast.getExecutorService(HazelcastConfigFactory.ADMIN_EXECUTOR);
    }

    @Override
    public LogPage read(LogQuery query) {
        Map<?, Future<LogAnswer>> answers = admin.submitToAllMembers(new LogQueryTask(query));
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
        List<LogLine> lines = new ArrayList<>();
        boolean truncated = false;
        long dropped = 0;
        Map<String, Long> latest = new java.util.HashMap<>();
        for (Future<LogAnswer> pending : answers.values()) {
            try {
                LogRing.Answer answer = pending.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)
                        .answer();
                lines.addAll(answer.lines());
                truncated |= answer.truncated();
                dropped += answer.dropped();
                if (!answer.member().isEmpty()) {
                    latest.put(answer.member(), answer.latest());
                }
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                LOG.debug("A member did not answer a log read", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        lines.sort(ORDER);
        if (lines.size() > query.limit()) {
            lines = new ArrayList<>(lines.subList(lines.size() - query.limit(), lines.size()));
            truncated = true;
        }
        return new LogPage(query.function(), lines, truncated, dropped, latest);
    }
}
