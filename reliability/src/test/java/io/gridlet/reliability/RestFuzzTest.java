package io.gridlet.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridlet.management.TestNodes;
import io.gridlet.node.TestJars;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * A property-based fuzz of the REST API: random methods, paths, queries, headers, content types
 * and bodies of random sizes, and deploys of mutated jars. Every answer is documented (no 5xx but
 * 503 and 504), none carries a stack trace, and afterwards the node is ready and the data written
 * before is intact.
 */
class RestFuzzTest {

    /** Small limits, so that random bodies cross them. */
    static final int MAX_JSON = 64 * 1024;
    static final int MAX_JAR = 256 * 1024;
    static final Pattern STACK_TRACE = Pattern.compile("\\bat [\\w$.]+\\([\\w$]+\\.java:\\d+\\)|Caused by:");

    private static TestNodes nodes;
    private static byte[] validJar;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Map<Integer, AtomicLong> STATUSES = new java.util.concurrent.ConcurrentHashMap<>();

    @BeforeContainer
    static void startNode() {
        nodes = TestNodes.start(1, Map.of("gridlet.api.max-json-bytes", MAX_JSON, "gridlet.deploy.max-jar-bytes", MAX_JAR));
        validJar = TestJars.jar("fuzz.Echo", "fuzz.echo", "Object", "Object", "return input;");
        assertThat(nodes.send(0, "POST", "/api/v1/functions?version=1", TestNodes.ADMIN, "application/java-archive",
                validJar).statusCode()).isEqualTo(201);
        assertThat(nodes.json(0, "PUT", "/api/v1/maps/fuzz-kept/entries/keep", TestNodes.ADMIN,
                "{\"written\":\"before\",\"n\":42}").statusCode()).isEqualTo(204);
    }

    @AfterContainer
    static void nodeIsReadyAndDataIntact() throws java.io.IOException {
        try {
            Map<Integer, Long> statuses = new java.util.TreeMap<>();
            STATUSES.forEach((status, count) -> statuses.put(status, count.get()));
            System.out.println("fuzz statuses: " + statuses);
            java.nio.file.Files.createDirectories(FaultsTest.RESULTS);
            new com.fasterxml.jackson.databind.ObjectMapper().writeValue(FaultsTest.RESULTS.resolve("fuzz.json").toFile(),
                    Map.of("statuses", statuses, "requests", statuses.values().stream().mapToLong(Long::longValue).sum()));
            assertThat(nodes.get(0, "/health/readiness", null).statusCode()).isEqualTo(200);
            assertThat(nodes.get(0, "/api/v1/maps/fuzz-kept/entries/keep", TestNodes.VIEWER).body())
                    .isEqualTo("{\"written\":\"before\",\"n\":42}");
            assertThat(nodes.json(0, "POST", "/api/v1/functions/fuzz.echo/invoke?version=1", TestNodes.ADMIN, "[1,2]")
                    .body()).isEqualTo("[1,2]");
        } finally {
            nodes.close();
        }
    }

    record Call(String method, String path, String contentType, List<String[]> headers, byte[] body, String token) {
        @Override
        public String toString() {
            return method + " " + path + " (" + contentType + ", " + body.length + " bytes, token " + token + ", headers "
                    + headers.stream().map(h -> h[0] + ": " + h[1]).toList() + ")";
        }
    }

    @Property(shrinking = net.jqwik.api.ShrinkingMode.OFF)
    void anyRequestGetsADocumentedAnswerWithoutAStackTrace(@ForAll("calls") Call call) throws Exception {
        // A HEAD request carries no body (RFC 9110 gives one no meaning; Netty then drops the connection).
        // Nor does one whose headers pass the server's limit: the server answers 431 and closes at
        // once, and a client still sending a large body then reads a reset instead of the answer.
        boolean oversized = call.headers().stream().anyMatch(header -> header[1].length() > 4_000)
                || call.token() != null && call.token().length() > 4_000;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + nodes.server(0).getPort()
                        + call.path())).timeout(Duration.ofSeconds(30))
                .method(call.method(), call.method().equals("HEAD") || oversized ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(call.body()));
        if (call.token() != null) {
            request.header("Authorization", call.token());
        }
        if (call.contentType() != null) {
            request.header("Content-Type", call.contentType());
        }
        call.headers().forEach(header -> request.header(header[0], header[1]));
        HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        STATUSES.computeIfAbsent(answer.statusCode(), status -> new AtomicLong()).incrementAndGet();
        assertThat(answer.statusCode()).as("%s answered %s", call, answer.body())
                .satisfiesAnyOf(status -> assertThat(status).isLessThan(500),
                        status -> assertThat(status).isIn(503, 504));
        assertThat(STACK_TRACE.matcher(answer.body()).find()).as("a stack trace in the answer to %s: %s", call,
                answer.body()).isFalse();
        if (answer.statusCode() == 431) {
            assertThat(answer.body()).as("a header refusal names the limit").contains("max-header-size");
        }
    }

    @Property(tries = 60, shrinking = net.jqwik.api.ShrinkingMode.OFF)
    void aMutatedJarIsRefusedWithAReasonOrDeployed(@ForAll("mutations") byte[] jar) {
        HttpResponse<String> answer = nodes.send(0, "POST", "/api/v1/functions?version=m" + Arrays.hashCode(jar),
                TestNodes.ADMIN, "application/java-archive", jar);
        STATUSES.computeIfAbsent(answer.statusCode(), status -> new AtomicLong()).incrementAndGet();
        assertThat(answer.statusCode()).as(answer.body()).isIn(201, 400, 409, 413);
        if (answer.statusCode() != 201) {
            assertThat(answer.body()).contains("\"detail\"");
        }
        assertThat(STACK_TRACE.matcher(answer.body()).find()).as(answer.body()).isFalse();
    }

    @Provide
    Arbitrary<byte[]> mutations() {
        Arbitrary<Integer> at = Arbitraries.integers().between(0, Math.max(0, validJarLength() - 1));
        return Arbitraries.oneOf(
                // flip bytes
                Combinators.combine(at, Arbitraries.integers().between(1, 16), Arbitraries.bytes()).as((from, count, value) -> {
                    byte[] copy = validJar.clone();
                    for (int i = from; i < Math.min(copy.length, from + count); i++) {
                        copy[i] ^= value == 0 ? 0x5a : value;
                    }
                    return copy;
                }),
                // truncate
                at.map(length -> Arrays.copyOf(validJar, length)),
                // a region repeated
                Combinators.combine(at, at).as((from, to) -> {
                    int start = Math.min(from, to);
                    int end = Math.max(from, to);
                    byte[] region = Arrays.copyOfRange(validJar, start, end);
                    byte[] copy = Arrays.copyOf(validJar, validJar.length + region.length);
                    System.arraycopy(region, 0, copy, validJar.length, region.length);
                    return copy;
                }),
                // random bytes of a jar's size
                Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(4_096));
    }

    private static int validJarLength() {
        return validJar == null ? TestJars.jar("fuzz.Echo", "fuzz.echo", "Object", "Object", "return input;").length
                : validJar.length;
    }

    private static final List<String> SEGMENTS = List.of("api", "v1", "functions", "maps", "triggers", "invocations",
            "cluster", "partitions", "entries", "keys", "invoke", "broadcast", "activate", "dead-letters", "replay",
            "jobs", "me", "health", "readiness", "liveness", "prometheus", "console", "openapi", "gridlet-1.yml",
            "fuzz.echo", "fuzz-map", "..", "%2e%2e", "%00", "%ff", "gridlet.functions", "__jet.x", "x%20y", "%E2%9C%93",
            "a".repeat(300), "%3Cimg%20src%3Dx%3E", ";", "*", "index.html", "api.js");

    @Provide
    Arbitrary<Call> calls() {
        Arbitrary<String> method = Arbitraries.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS");
        Arbitrary<String> segment = Arbitraries.oneOf(Arbitraries.of(SEGMENTS),
                Arbitraries.strings().withChars("abcxyz019-_.~").ofMinLength(1).ofMaxLength(12));
        Arbitrary<String> known = Arbitraries.of("/api/v1/functions", "/api/v1/functions/fuzz.echo/invoke",
                "/api/v1/functions/fuzz.echo/broadcast", "/api/v1/functions/fuzz.echo/activate", "/api/v1/maps",
                "/api/v1/maps/fuzz-map/entries", "/api/v1/maps/fuzz-map/entries/k", "/api/v1/maps/fuzz-map/keys",
                "/api/v1/triggers", "/api/v1/triggers/t", "/api/v1/triggers/t/dead-letters/replay",
                "/api/v1/invocations/00000000-0000-0000-0000-000000000000", "/api/v1/invocations/not-an-id",
                "/api/v1/cluster", "/api/v1/jobs", "/api/v1/me", "/console/index.html", "/prometheus");
        Arbitrary<String> path = Arbitraries.oneOf(known, segment.list().ofMinSize(0).ofMaxSize(6)
                .map(parts -> "/" + String.join("/", parts)));
        Arbitrary<String> query = Arbitraries.oneOf(Arbitraries.just(""),
                Combinators.combine(Arbitraries.of("key", "map", "version", "async", "timeoutMillis", "idempotencyKey",
                                "reduce", "limit", "x"),
                        Arbitraries.of("", "1", "-1", "true", "maybe", "fuzz-map", "sum", "99999999999999999999",
                                "%00", "0", "fuzz.echo", "gridlet.catalog", "a%26b=c"))
                        .as((name, value) -> name + "=" + value).list().ofMinSize(1).ofMaxSize(4)
                        .map(pairs -> "?" + String.join("&", pairs)));
        Arbitrary<String> contentType = Arbitraries.of("application/json", "application/json; charset=utf-8",
                "application/java-archive", "text/plain", "application/octet-stream", "multipart/form-data",
                "application/x-www-form-urlencoded", "garbage/;;;", "application/problem+json").injectNull(0.15);
        // Some header values cross the server's 8 KiB header limit, alone or together.
        Arbitrary<String> oversized = Arbitraries.integers().between(4_000, 20_000).map("h"::repeat);
        Arbitrary<List<String[]>> headers = Combinators.combine(
                        Arbitraries.of("Accept", "X-Fuzz", "Accept-Encoding", "If-None-Match", "Origin", "Cookie"),
                        Arbitraries.frequencyOf(
                                net.jqwik.api.Tuple.of(8, Arbitraries.of("*/*", "application/json", "text/html", "gzip",
                                        "\"x\"", "null", "a=b", "\u00e9")),
                                net.jqwik.api.Tuple.of(1, oversized)))
                .as((name, value) -> new String[] {name, value}).list().ofMaxSize(3);
        Arbitrary<byte[]> body = Arbitraries.oneOf(
                Arbitraries.just(new byte[0]),
                Arbitraries.of("{}", "[]", "null", "1", "\"text\"", "{\"version\":\"1\"}", "{\"name\":\"t\",\"function\":"
                                + "\"fuzz.echo\",\"type\":\"schedule\",\"intervalMillis\":-5}", "{\"a\":", "{\"version\":\"1\","
                                + "\"canary\":{\"version\":\"9\",\"percent\":500}}", "[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]",
                        "{\"k\":\"\\ud800\"}", "{\"a\":1e999999}")
                        .map(text -> text.getBytes(StandardCharsets.UTF_8)),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(2_048),
                Arbitraries.integers().between(MAX_JSON - 16, MAX_JAR + 4_096).map(size -> {
                    byte[] big = new byte[size];
                    Arrays.fill(big, (byte) '1');
                    return big;
                }));
        // Mostly the admin's, so that most calls get past authentication to the code behind it.
        Arbitrary<String> token = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(12, Arbitraries.just("Bearer " + TestNodes.ADMIN)),
                net.jqwik.api.Tuple.of(2, Arbitraries.just("Bearer " + TestNodes.VIEWER)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("Bearer wrong", "Bearer", "Basic YWRtaW46YWRtaW4=",
                        "Bearer " + TestNodes.ADMIN + " extra")),
                net.jqwik.api.Tuple.of(1, oversized.map(value -> "Bearer " + value)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just((String) null)));
        return Combinators.combine(method, Combinators.combine(path, query).as(String::concat), contentType, headers,
                body, token).as(Call::new);
    }
}
