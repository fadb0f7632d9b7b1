package io.gridlet.node.internal.logs;

import io.gridlet.node.LogLine;
import io.gridlet.node.LogQuery;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The function log lines one member keeps: the last {@code capacity} of them, of every function,
 * oldest dropped first and counted ({@code gridlet.logs.dropped}). A secret handed in at start (the
 * node's tokens) never stays in a kept line: it is replaced by {@code ***}.
 *
 * <p>Thread-safe. Writing takes a short lock: function logs are not on the call's fast path,
 * and a lock keeps the ring, its sequence and its count of drops consistent for readers.
 */
public final class LogRing {

    /** Secrets shorter than this are not looked for: a short word in a line is not a leak. */
    static final int SHORTEST_HIDDEN = 8;

    private final LogLine[] lines;
    private final List<String> secrets;
    private final Counter droppedMeter;
    private long sequence;
    private long dropped;
    private int head;
    private int size;
    private volatile String member = "";

    /**
     * @param capacity the most lines kept
     * @param secrets  text never kept: each is replaced by {@code ***}
     * @param meters   where the count of dropped lines goes
     */
    public LogRing(int capacity, Collection<String> secrets, MeterRegistry meters) {
        if (capacity < 1) {
            throw new IllegalArgumentException("the log ring needs room for a line: " + capacity);
        }
        this.lines = new LogLine[capacity];
        this.secrets = secrets.stream().filter(secret -> secret != null && secret.length() >= SHORTEST_HIDDEN).toList();
        this.droppedMeter = Counter.builder("gridlet.logs.dropped")
                .description("Function log lines dropped from this member's ring to stay within its bound")
                .register(Objects.requireNonNull(meters, "meters"));
    }

    /** Names the member in the lines kept from now on; once, when it has started. */
    public void memberStarted(String memberId) {
        this.member = Objects.requireNonNull(memberId, "memberId");
    }

    /** Keeps a line, dropping the oldest when full. */
    public void add(String level, String message, String function, String version, String invocationId,
                    String traceId) {
        String text = hide(message);
        long now = System.currentTimeMillis();
        synchronized (this) {
            LogLine line = new LogLine(now, level, text, function, version, invocationId, member, traceId, ++sequence);
            if (size == lines.length) {
                lines[head] = line;
                head = (head + 1) % lines.length;
                dropped++;
                droppedMeter.increment();
            } else {
                lines[(head + size) % lines.length] = line;
                size++;
            }
        }
    }

    /** The kept lines the query asks for, oldest first, at most its limit of the latest. */
    public Answer read(LogQuery query) {
        List<LogLine> matched = new ArrayList<>();
        long droppedSoFar;
        long latest;
        boolean truncated = false;
        synchronized (this) {
            droppedSoFar = dropped;
            latest = sequence;
            long seen = query.after().getOrDefault(member, 0L);
            for (int i = size - 1; i >= 0; i--) {
                LogLine line = lines[(head + i) % lines.length];
                if (line.sequence() <= seen) {
                    break;
                }
                if (matches(line, query)) {
                    if (matched.size() == query.limit()) {
                        truncated = true;
                        break;
                    }
                    matched.add(line);
                }
            }
        }
        java.util.Collections.reverse(matched);
        return new Answer(matched, truncated, droppedSoFar, member, latest);
    }

    /** Lines dropped so far. */
    public synchronized long dropped() {
        return dropped;
    }

    private static boolean matches(LogLine line, LogQuery query) {
        return line.function().equals(query.function()) && line.time() >= query.sinceMillis()
                && (query.invocationId() == null || query.invocationId().equals(line.invocationId()))
                && query.admits(line.level());
    }

    private String hide(String message) {
        String text = message;
        for (String secret : secrets) {
            if (text.contains(secret)) {
                text = text.replace(secret, "***");
            }
        }
        return text;
    }

    /**
     * What one member's ring answered.
     *
     * @param lines     the lines, oldest first
     * @param truncated whether more matched than the limit
     * @param dropped   lines the ring dropped since the member started
     * @param member    the member
     * @param latest    the sequence of the last line kept, of any function
     */
    public record Answer(List<LogLine> lines, boolean truncated, long dropped, String member, long latest) {
    }
}
