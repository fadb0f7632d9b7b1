package io.gridlet.management.rest;

import io.gridlet.api.BadInputException;
import io.gridlet.node.GridNode;
import io.gridlet.node.LogLine;
import io.gridlet.node.LogPage;
import io.gridlet.node.LogQuery;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.sse.Event;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * A function's log lines from every member (contract section 3): read at once, or followed as
 * server-sent events. Viewers may read them.
 */
@Controller("/api/v1/functions/{name}/logs")
@ExecuteOn(TaskExecutors.BLOCKING)
public class LogsController {

    /** How often a followed stream asks the members for new lines: a new line arrives within this and a read. */
    static final Duration FOLLOW_EVERY = Duration.ofMillis(250);

    private final GridNode node;

    public LogsController(GridNode node) {
        this.node = node;
    }

    /** One kept line. */
    @Serdeable
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS)
    public record LineView(String time, String level, String message, String function, String version,
                           String invocationId, String member, @Nullable String traceId) {

        static LineView of(LogLine line) {
            return new LineView(Instant.ofEpochMilli(line.time()).toString(), line.level(), line.message(),
                    line.function(), line.version(), line.invocationId(), line.member(), line.traceId());
        }
    }

    /** A read's answer. */
    @Serdeable
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS)
    public record LogsView(String function, List<LineView> lines, boolean truncated, long dropped) {

        static LogsView of(LogPage page) {
            return new LogsView(page.function(), page.lines().stream().map(LineView::of).toList(), page.truncated(),
                    page.dropped());
        }
    }

    @Get
    public LogsView read(String name, @Nullable @QueryValue Integer limit, @Nullable @QueryValue String since,
                         @Nullable @QueryValue String invocation, @Nullable @QueryValue String level) {
        return LogsView.of(node.logs().read(query(name, limit, since, invocation, level)));
    }

    /**
     * The latest lines (as {@link #read} gives them), then each new line as it is written, as
     * server-sent events whose data is a line's JSON. Runs until the client goes.
     */
    @Get(value = "/stream", produces = MediaType.TEXT_EVENT_STREAM)
    public Publisher<Event<LineView>> stream(String name, @Nullable @QueryValue Integer limit,
                                             @Nullable @QueryValue String since,
                                             @Nullable @QueryValue String invocation,
                                             @Nullable @QueryValue String level) {
        LogQuery first = query(name, limit, since, invocation, level);
        Map<String, Long> seen = new HashMap<>();
        return Flux.interval(Duration.ZERO, FOLLOW_EVERY, Schedulers.boundedElastic())
                .onBackpressureDrop()
                .concatMapIterable(tick -> {
                    // First the latest lines, then, from where each member was, only what comes next.
                    LogPage page = node.logs().read(tick == 0 ? first : first.limit(LogQuery.MAX_LIMIT).after(seen));
                    seen.putAll(page.latest());
                    return page.lines();
                })
                .map(line -> Event.of(LineView.of(line)).id(line.member() + ":" + line.sequence()));
    }

    static LogQuery query(String name, Integer limit, String since, String invocation, String level) {
        LogQuery query = LogQuery.of(io.gridlet.node.Names.function(name));
        if (limit != null) {
            query = query.limit(limit);
        }
        if (since != null) {
            query = query.since(epochMillis(since));
        }
        if (invocation != null) {
            query = query.invocation(invocation);
        }
        if (level != null) {
            query = query.atLeast(level.toUpperCase(java.util.Locale.ROOT));
        }
        return query;
    }

    /** Epoch millis, or an ISO-8601 instant such as {@code 2026-11-30T10:15:30Z}. */
    static long epochMillis(String since) {
        if (!since.isEmpty() && since.chars().allMatch(Character::isDigit)) {
            try {
                return Long.parseLong(since);
            } catch (NumberFormatException e) {
                throw new BadInputException("since is too large: " + Names.printable(since));
            }
        }
        try {
            return Instant.parse(since).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new BadInputException("since must be epoch millis or an ISO-8601 instant such as "
                    + "2026-11-30T10:15:30Z: " + Names.printable(since));
        }
    }
}
