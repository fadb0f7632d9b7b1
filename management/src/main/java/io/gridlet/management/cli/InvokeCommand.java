package io.gridlet.management.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gridlet invoke NAME [JSON] [--key K --map M] [--async]}: run a function next to its data. */
@Command(name = "invoke", description = "Invoke a function; with --map and --key it runs on the key's owner.")
final class InvokeCommand extends RemoteCommand {

    @Parameters(index = "0", description = "the function")
    String name;

    @Parameters(index = "1", arity = "0..1", description = "the input, as JSON")
    String input;

    @Option(names = "--key", description = "the routing key")
    String key;

    @Option(names = "--map", description = "the map the key is in: the call gets that entry atomically")
    String map;

    @Option(names = "--version", description = "the version to run (default: the live one)")
    String version;

    @Option(names = "--async", description = "return at once with an invocation id")
    boolean async;

    @Option(names = "--idempotency-key", description = "complete at most once for this key")
    String idempotencyKey;

    @Override
    void run(PrintWriter out) {
        List<String> query = new ArrayList<>();
        add(query, "key", key);
        add(query, "map", map);
        add(query, "version", version);
        add(query, "idempotencyKey", idempotencyKey);
        if (async) {
            query.add("async=true");
        }
        String path = "/api/v1/functions/" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "/invoke"
                + (query.isEmpty() ? "" : "?" + String.join("&", query));
        HttpResponse<String> response = remote.send("POST", path, "application/json",
                input == null ? null : input.getBytes(StandardCharsets.UTF_8));
        if (async) {
            JsonNode accepted = Remote.parse(response.body());
            remote.print(out, accepted, () -> out.println("started invocation " + accepted.get("invocationId").asText()));
            return;
        }
        if (remote.json) {
            out.println(response.body());
        } else {
            out.printf("%s%n  (version %s on member %s)%n", response.body(),
                    response.headers().firstValue("Gridlet-Version").orElse("?"),
                    response.headers().firstValue("Gridlet-Member").orElse("?"));
        }
        out.flush();
    }

    private static void add(List<String> query, String name, String value) {
        if (value != null) {
            query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }
}
