package io.gridlet.management.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * What every remote command shares: where the node is, the token, and whether to print JSON for
 * scripts or tables for people. Errors become exit codes: 1 for a remote error, 3 for not found.
 */
public final class Remote {

    static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--url", description = "the node's REST API (env GRIDLET_URL; default ${DEFAULT-VALUE})",
            defaultValue = "${env:GRIDLET_URL:-http://127.0.0.1:8080}")
    String url;

    @Option(names = "--token", description = "bearer token (env GRIDLET_TOKEN)", defaultValue = "${env:GRIDLET_TOKEN}")
    String token;

    @Option(names = "--json", description = "print the API's JSON, for scripts")
    boolean json;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A failed call, with the exit code it means. */
    static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int exitCode;
        /** The node's HTTP status, or 0 when the node did not answer. */
        final int status;

        Failure(int exitCode, String message) {
            this(exitCode, message, 0);
        }

        Failure(int exitCode, String message, int status) {
            super(message, null, false, false);
            this.exitCode = exitCode;
            this.status = status;
        }
    }

    HttpResponse<String> send(String method, String path, String contentType, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url.replaceAll("/+$", "") + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new Failure(1, "cannot reach " + url + ": is a node running there? (set --url or GRIDLET_URL)");
        } catch (IOException e) {
            throw new Failure(1, "the call to " + url + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure(1, "interrupted");
        }
        if (response.statusCode() >= 400) {
            String detail = response.body();
            try {
                JsonNode problem = JSON.readTree(response.body());
                detail = problem.path("title").asText("HTTP " + response.statusCode())
                        + (problem.hasNonNull("detail") ? ": " + problem.get("detail").asText() : "");
            } catch (IOException notJson) {
                // the body is shown as it came
            }
            throw new Failure(response.statusCode() == 404 ? 3 : 1, detail + " (HTTP " + response.statusCode() + ")",
                    response.statusCode());
        }
        return response;
    }

    /**
     * Follows a server-sent event stream, handing each event's data to {@code data}, until the
     * node closes it or the process is stopped.
     */
    void follow(String path, java.util.function.Consumer<String> data) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url.replaceAll("/+$", "") + path))
                .header("Accept", "text/event-stream").GET();
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<java.util.stream.Stream<String>> response = http.send(request.build(),
                    HttpResponse.BodyHandlers.ofLines());
            if (response.statusCode() >= 400) {
                String body = String.join("\n", response.body().toList());
                throw new Failure(response.statusCode() == 404 ? 3 : 1, body + " (HTTP " + response.statusCode() + ")");
            }
            try (java.util.stream.Stream<String> lines = response.body()) {
                lines.filter(line -> line.startsWith("data:")).map(line -> line.substring(5).trim()).forEach(data);
            }
        } catch (ConnectException e) {
            throw new Failure(1, "cannot reach " + url + ": is a node running there? (set --url or GRIDLET_URL)");
        } catch (IOException e) {
            throw new Failure(1, "the stream from " + url + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure(1, "interrupted");
        }
    }

    JsonNode get(String path) {
        return parse(send("GET", path, null, null).body());
    }

    static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new Failure(1, "the node answered something that is not JSON: " + e.getMessage());
        }
    }

    /** Prints JSON for scripts, or the table for people. */
    void print(PrintWriter out, JsonNode value, Runnable table) {
        if (json) {
            out.println(value.toPrettyString());
        } else {
            table.run();
        }
        out.flush();
    }
}
