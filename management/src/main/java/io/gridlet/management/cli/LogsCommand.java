package io.gridlet.management.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gridlet logs NAME}: a function's log lines from every member; {@code --follow} keeps printing new ones. */
@Command(name = "logs", description = "Print a function's log lines from every member; --follow prints new ones as they come.")
final class LogsCommand extends RemoteCommand {

    @Parameters(index = "0", description = "the function")
    String name;

    @Option(names = {"-f", "--follow"}, description = "keep printing new lines until Ctrl-C")
    boolean follow;

    @Option(names = "--invocation", description = "only this call's lines")
    String invocation;

    @Option(names = "--since", description = "only lines since then: 10m, 2h, 30s, epoch millis or an ISO-8601 instant")
    String since;

    @Option(names = "--level", description = "only lines at this level or above: TRACE, DEBUG, INFO, WARN, ERROR")
    String level;

    @Option(names = "--limit", description = "at most this many of the latest lines [100]")
    Integer limit;

    @Override
    void run(PrintWriter out) {
        String query = query();
        if (follow) {
            remote.follow("/api/v1/functions/" + encode(name) + "/logs/stream" + query, data -> {
                if (remote.json) {
                    out.println(data);
                } else {
                    print(out, Remote.parse(data));
                }
                out.flush();
            });
            return;
        }
        JsonNode page = remote.get("/api/v1/functions/" + encode(name) + "/logs" + query);
        remote.print(out, page, () -> {
            for (JsonNode line : page.get("lines")) {
                print(out, line);
            }
            if (page.path("truncated").asBoolean()) {
                out.println("(older lines left out: raise --limit or narrow --since)");
            }
        });
    }

    private static void print(PrintWriter out, JsonNode line) {
        String member = line.path("member").asText();
        out.printf("%s %-5s %s %s [%s] %s%n", line.path("time").asText(), line.path("level").asText(),
                member.length() > 8 ? member.substring(0, 8) : member, line.path("version").asText(),
                line.path("invocationId").asText(), line.path("message").asText());
    }

    private String query() {
        StringBuilder query = new StringBuilder();
        append(query, "invocation", invocation);
        append(query, "since", since == null ? null : Long.toString(sinceMillis(since)));
        append(query, "level", level);
        append(query, "limit", limit == null ? null : limit.toString());
        return query.toString();
    }

    /** {@code 10m} and the like, back from now; else epoch millis or an ISO-8601 instant. */
    static long sinceMillis(String since) {
        if (since.matches("\\d+[smhd]")) {
            long amount = Long.parseLong(since.substring(0, since.length() - 1));
            Duration back = switch (since.charAt(since.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
            return System.currentTimeMillis() - back.toMillis();
        }
        if (since.matches("\\d+")) {
            return Long.parseLong(since);
        }
        try {
            return Instant.parse(since).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new Remote.Failure(2, "--since must be like 10m, 2h, 30s, epoch millis or an ISO-8601 instant: " + since);
        }
    }

    private static void append(StringBuilder query, String key, String value) {
        if (value != null) {
            query.append(query.length() == 0 ? '?' : '&').append(key).append('=').append(encode(value));
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
