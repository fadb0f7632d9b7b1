package io.gridlet.node.internal.logs;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import io.gridlet.node.FunctionLogs;
import io.gridlet.node.LogLine;
import io.gridlet.node.LogPage;
import io.gridlet.node.LogQuery;
import io.gridlet.node.internal.cluster.EveryMember;
import io.gridlet.node.internal.cluster.HazelcastConfigFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** {@link FunctionLogs}, asked of every member at once through the admin executor. Thread-safe. */
public final class ClusterLogs implements FunctionLogs {

    /** How long a read waits for all members together: a member cut off must not hold the rest up for long. */
    private static final java.time.Duration WAIT = java.time.Duration.ofSeconds(5);
    private static final Comparator<LogLine> ORDER = Comparator.comparingLong(LogLine::time)
            .thenComparing(LogLine::member).thenComparingLong(LogLine::sequence);

    private final IExecutorService admin;

    public ClusterLogs(HazelcastInstance hazelcast) {
        this.admin = hazelcast.getExecutorService(HazelcastConfigFactory.ADMIN_EXECUTOR);
    }

    @Override
    public LogPage read(LogQuery query) {
        List<LogLine> lines = new ArrayList<>();
        boolean truncated = false;
        long dropped = 0;
        Map<String, Long> latest = new java.util.HashMap<>();
        for (LogAnswer answer : EveryMember.ask(admin, new LogQueryTask(query), WAIT)) {
            LogRing.Answer read = answer.answer();
            lines.addAll(read.lines());
            truncated |= read.truncated();
            dropped += read.dropped();
            if (!read.member().isEmpty()) {
                latest.put(read.member(), read.latest());
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
