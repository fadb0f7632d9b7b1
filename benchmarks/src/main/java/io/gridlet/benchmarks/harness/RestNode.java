package io.gridlet.benchmarks.harness;

import io.gridlet.node.GridletClient;
import io.gridlet.node.Invocation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * The REST scenario: a standalone node (the real {@code gridlet.jar}, in a JVM and a cluster of
 * its own) with {@link RestTrivial} deployed as a jar, called the same way over its REST API
 * (Java HttpClient, HTTP/1.1 keep-alive) and through a {@link GridletClient}.
 */
final class RestNode implements AutoCloseable {

    private static final String TOKEN = "bench-" + UUID.randomUUID();

    private final Process process;
    private final GridletClient client;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final HttpRequest invoke;
    private final HttpRequest invokeRead;
    private final HttpRequest getEntry;
    private final Invocation invocation = Invocation.of("bench.rest.trivial").key("k").build();

    private RestNode(Process process, GridletClient client, String base) {
        this.process = process;
        this.client = client;
        this.invoke = HttpRequest.newBuilder(URI.create(base + "/api/v1/functions/bench.rest.trivial/invoke?key=k"))
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("null")).build();
        this.invokeRead = HttpRequest.newBuilder(URI.create(base + "/api/v1/functions/bench.rest.read/invoke?map="
                        + DATA_MAP + "&key=k")).header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("null")).build();
        this.getEntry = HttpRequest.newBuilder(URI.create(base + "/api/v1/maps/" + DATA_MAP + "/entries/k"))
                .header("Authorization", "Bearer " + TOKEN).GET().build();
    }

    /** The map of the entry that the key-routed REST invoke reads and the REST GET reads. */
    static final String DATA_MAP = "rest-data";

    /**
     * @param jfr      where to record the node's flight recording, or null for none
     * @param settings more settings of the node, as {@code --name=value}
     */
    static RestNode start(Path nodeJar, int memberPort, int httpPort, Path jfr, List<String> settings) throws Exception {
        String cluster = "bench-rest-" + UUID.randomUUID().toString().substring(0, 8);
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(javaBin, "-Xmx512m", "-XX:+UseParallelGC",
                "--add-opens", "java.base/java.lang=ALL-UNNAMED"));
        if (jfr != null) {
            command.add(WallClock.memberOption(jfr, "rest-node"));
        }
        command.addAll(List.of("-jar", nodeJar.toString(), "node",
                "--gridlet.cluster-name=" + cluster, "--gridlet.member.port=" + memberPort,
                "--gridlet.member.members=127.0.0.1:" + memberPort, "--micronaut.server.port=" + httpPort,
                "--gridlet.security.admin-token=" + TOKEN));
        command.addAll(settings);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String base = "http://127.0.0.1:" + httpPort;
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (true) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base + "/health/readiness")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    break;
                }
            } catch (IOException notYet) {
                // the node is still starting
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("the REST node did not become ready");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
        }
        HttpResponse<String> deployed = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/functions?version=1"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/java-archive")
                .POST(HttpRequest.BodyPublishers.ofByteArray(jar())).build(), HttpResponse.BodyHandlers.ofString());
        if (deployed.statusCode() != 201) {
            process.destroyForcibly();
            throw new IllegalStateException("deploying to the REST node answered " + deployed.statusCode() + ": "
                    + deployed.body());
        }
        HttpResponse<String> written = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/maps/" + DATA_MAP
                        + "/entries/k")).header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("\"" + "x".repeat(98) + "\"")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (written.statusCode() != 204) {
            process.destroyForcibly();
            throw new IllegalStateException("writing the REST scenario's entry answered " + written.statusCode());
        }
        GridletClient client = GridletClient.builder().clusterName(cluster)
                .addresses(List.of("127.0.0.1:" + memberPort)).connect();
        return new RestNode(process, client, base);
    }

    /** A function jar of {@link RestTrivial} and {@link RestTrivial.Read}, from this class path. */
    private static byte[] jar() throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            for (Class<?> type : List.of(RestTrivial.class, RestTrivial.Read.class)) {
                String name = type.getName().replace('.', '/') + ".class";
                try (InputStream classFile = type.getClassLoader().getResourceAsStream(name)) {
                    jar.putNextEntry(new JarEntry(name));
                    classFile.transferTo(jar);
                }
            }
            jar.putNextEntry(new JarEntry("META-INF/services/io.gridlet.api.GridFunction"));
            jar.write((RestTrivial.class.getName() + "\n" + RestTrivial.Read.class.getName() + "\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    GridletClient client() {
        return client;
    }

    /** One call over REST; fails on any answer but 200. */
    Object overRest() throws Exception {
        HttpResponse<byte[]> answer = http.send(invoke, HttpResponse.BodyHandlers.ofByteArray());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("REST invoke answered " + answer.statusCode());
        }
        return answer.body();
    }

    /** A key-routed function that reads its entry, over REST. */
    Object invokeReadOverRest() throws Exception {
        return send(invokeRead, "REST invoke");
    }

    /** The same entry read with {@code GET /api/v1/maps/{map}/entries/{key}}. */
    Object getEntryOverRest() throws Exception {
        return send(getEntry, "REST GET");
    }

    private Object send(HttpRequest request, String what) throws Exception {
        HttpResponse<byte[]> answer = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(what + " answered " + answer.statusCode());
        }
        return answer.body();
    }

    /** The same call through the client. */
    Object overClient() {
        return client.invoker().invoke(invocation, Long.class);
    }

    @Override
    public void close() {
        client.close();
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
