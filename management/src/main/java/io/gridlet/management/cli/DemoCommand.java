package io.gridlet.management.cli;

import io.gridlet.testkit.LoopbackPorts;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gridlet demo}: a local cluster of separate node processes on free ports, the sample
 * functions deployed, sample data written, a short tour of calls, then the URLs, the admin token
 * and commands to paste. Stays up until Ctrl-C, then stops every node gracefully; with
 * {@code --once} it stops by itself after the tour.
 */
@Command(name = "demo", description = "Start a local cluster, deploy the sample functions and take a tour.")
public final class DemoCommand implements Callable<Integer> {

    static final List<String> JVM_OPENS = List.of("--add-modules", "java.se",
            "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens", "java.management/sun.management=ALL-UNNAMED",
            "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED");

    @Option(names = "--nodes", defaultValue = "3", description = "how many nodes (default ${DEFAULT-VALUE})")
    int nodes;

    @Option(names = "--once", description = "stop by itself after the tour (for scripts and CI)")
    boolean once;

    @Option(names = "--functions-jar", description = "the jar to deploy (default ${DEFAULT-VALUE})",
            defaultValue = "${env:GRIDLET_SAMPLES_JAR:-samples/functions/target/gridlet-sample-functions.jar}")
    Path functionsJar;

    @Option(names = "--env-file", description = "once the tour is done, write GRIDLET_URL and GRIDLET_TOKEN here as "
            + "shell exports (for scripts: samples/rest/walkthrough.sh)")
    Path envFile;

    @Spec
    CommandSpec spec;

    private final List<Process> processes = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (nodes < 1 || nodes > 9) {
            spec.commandLine().getErr().println("gridlet: --nodes must be 1 to 9: " + nodes);
            return 2;
        }
        if (!Files.isReadable(functionsJar)) {
            spec.commandLine().getErr().println("gridlet: the sample functions jar " + functionsJar
                    + " is missing; build it with ./mvnw -B -DskipTests install, or set --functions-jar");
            return 2;
        }
        String token = HexFormat.of().formatHex(randomBytes(16));
        Path logs = Files.createTempDirectory("gridlet-demo-");
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopNodes, "gridlet-demo-stop"));
        try {
            List<String> urls = startNodes(out, token, logs);
            tour(out, urls, token);
            explain(out, urls, token, logs);
            if (envFile != null) {
                writeEnvFile(urls.get(0), token);
            }
            if (once) {
                out.println("[6/6] --once: stopping the nodes");
                out.flush();
                stopNodes();
                return 0;
            }
            out.println("The cluster stays up. Press Ctrl-C to stop every node.");
            out.flush();
            new CountDownLatch(1).await();
            return 0;
        } catch (Remote.Failure failure) {
            spec.commandLine().getErr().println("gridlet: demo failed: " + failure.getMessage() + " (logs in " + logs + ")");
            stopNodes();
            return failure.exitCode;
        }
    }

    private List<String> startNodes(PrintWriter out, String token, Path logs) throws Exception {
        List<Integer> memberPorts = LoopbackPorts.free(nodes);
        List<Integer> httpPorts = LoopbackPorts.free(nodes);
        String members = String.join(",", memberPorts.stream().map(port -> "127.0.0.1:" + port).toList());
        String cluster = "demo-" + HexFormat.of().formatHex(randomBytes(3));
        out.printf("[1/6] starting %d nodes of cluster %s (logs in %s)%n", nodes, cluster, logs);
        out.flush();
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-Xmx512m");
            command.addAll(JVM_OPENS);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.gridlet.management.Main", "node",
                    "--gridlet.cluster-name=" + cluster, "--gridlet.member.port=" + memberPorts.get(i),
                    "--gridlet.member.members=" + members, "--micronaut.server.port=" + httpPorts.get(i)));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(logs.resolve("node-" + (i + 1) + ".log").toFile());
            builder.environment().put("GRIDLET_ADMIN_TOKEN", token);
            processes.add(builder.start());
            urls.add("http://127.0.0.1:" + httpPorts.get(i));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        for (int i = 0; i < nodes; i++) {
            while (!ready(urls.get(i))) {
                if (!processes.get(i).isAlive()) {
                    throw new Remote.Failure(1, "node " + (i + 1) + " exited while starting");
                }
                if (System.nanoTime() > deadline) {
                    throw new Remote.Failure(1, "node " + (i + 1) + " was not ready within 120 s");
                }
                Thread.sleep(250);
            }
            out.printf("      node %d ready at %s%n", i + 1, urls.get(i));
            out.flush();
        }
        // Ready one after another is not ready together: the last join moves partitions again, and
        // a write whose backup is moving answers "outcome unknown". Wait until all are ready at once.
        while (!urls.stream().allMatch(this::ready)) {
            if (System.nanoTime() > deadline) {
                throw new Remote.Failure(1, "the nodes were not all ready together within 120 s");
            }
            Thread.sleep(250);
        }
        return urls;
    }

    private boolean ready(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url + "/health/readiness")).timeout(Duration.ofSeconds(2))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void tour(PrintWriter out, List<String> urls, String token) throws IOException {
        Remote first = remote(urls.get(0), token);
        Remote last = remote(urls.get(urls.size() - 1), token);
        Remote deployer = remote(urls.get(urls.size() > 1 ? 1 : 0), token);

        out.printf("[2/6] deploying %s through %s%n", functionsJar.getFileName(), deployer.url);
        JsonNode deployed = Remote.parse(deployer.send("POST", "/api/v1/functions", "application/java-archive",
                Files.readAllBytes(functionsJar)).body());
        out.printf("      %s at version %s%n", deployed.get("functions"), deployed.get("version").asText());

        out.println("[3/6] writing sample data: 5 orders and the apple stock");
        StringBuilder orders = new StringBuilder("{");
        for (int i = 1; i <= 5; i++) {
            orders.append(i == 1 ? "" : ",").append("\"order-").append(i).append("\":{\"lines\":[{\"sku\":\"apple\",")
                    .append("\"quantity\":").append(i).append(",\"price\":0.5},{\"sku\":\"pear\",\"quantity\":2,")
                    .append("\"price\":1.25}]}");
        }
        first.send("POST", "/api/v1/maps/orders/entries", "application/json",
                orders.append("}").toString().getBytes(StandardCharsets.UTF_8));
        first.send("PUT", "/api/v1/maps/stock/entries/apple", "application/json", "1000".getBytes(StandardCharsets.UTF_8));

        out.println("[4/6] calling functions next to their data");
        for (int i = 1; i <= 3; i++) {
            Remote caller = i % 2 == 0 ? last : first;
            HttpResponse<String> total = caller.send("POST", "/api/v1/functions/orders.total/invoke?map=orders&key=order-" + i,
                    "application/json", null);
            out.printf("      orders.total order-%d via %s -> %s (ran on member %s)%n", i, caller.url, total.body(),
                    total.headers().firstValue("Gridlet-Member").orElse("?"));
        }
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> reserved = last.send("POST",
                    "/api/v1/functions/stock.reserve/invoke?map=stock&key=apple&idempotencyKey=cart-42", "application/json",
                    "5".getBytes(StandardCharsets.UTF_8));
            out.printf("      stock.reserve 5 apples, idempotency key cart-42, call %d -> %s left%n", i + 1, reserved.body());
        }
        JsonNode report = Remote.parse(first.send("POST", "/api/v1/functions/sales.report/broadcast?map=orders&reduce=sum",
                "application/json", null).body());
        out.printf("      sales.report over every member's own orders -> %s (from %d members)%n",
                report.get("reduced"), report.get("results").size());
        JsonNode started = Remote.parse(first.send("POST", "/api/v1/functions/orders.total/invoke?map=orders&key=order-5&async=true",
                "application/json", null).body());
        String id = started.get("invocationId").asText();
        JsonNode record = first.get("/api/v1/invocations/" + id);
        out.printf("      async orders.total order-5 -> invocation %s, state %s%n", id, record.get("state").asText());

        out.println("      trigger enrich-orders: orders.enrich runs when an order arrives in incoming-orders");
        first.send("POST", "/api/v1/triggers", "application/json", ("{\"name\":\"enrich-orders\",\"function\":"
                + "\"orders.enrich\",\"type\":\"map-event\",\"map\":\"incoming-orders\",\"events\":[\"ADDED\"],"
                + "\"resultMap\":\"orders-enriched\"}").getBytes(StandardCharsets.UTF_8));
        last.send("PUT", "/api/v1/maps/incoming-orders/entries/order-9", "application/json",
                "{\"lines\":[{\"sku\":\"plum\",\"quantity\":4,\"price\":0.75}]}".getBytes(StandardCharsets.UTF_8));
        String enriched = null;
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (enriched == null && System.nanoTime() < until) {
            try {
                enriched = first.send("GET", "/api/v1/maps/orders-enriched/entries/order-9", null, null).body();
            } catch (Remote.Failure notYet) {
                sleep(200);
            }
        }
        if (enriched == null) {
            throw new Remote.Failure(1, "the trigger enrich-orders produced no result within 30 s");
        }
        out.printf("      order-9 arrived -> orders-enriched/order-9 = %s%n", enriched);

        out.println("[5/6] metrics");
        String metrics = first.send("GET", "/prometheus", null, null).body();
        metrics.lines().filter(line -> line.startsWith("gridlet_function_invocations_total{") && !line.endsWith(" 0.0"))
                .limit(4).forEach(line -> out.println("      " + line));
        out.flush();
    }

    private void explain(PrintWriter out, List<String> urls, String token, Path logs) {
        out.println();
        out.println("Nodes:       " + String.join("  ", urls));
        out.println("Admin token: " + token);
        out.println("Console:     " + urls.get(0) + "/console/ (sign in with the admin token)");
        out.println("API docs:    " + urls.get(0) + "/openapi/gridlet-1.yml (browsable at /console/api/)");
        out.println("Node logs:   " + logs);
        out.println();
        out.println("Try:");
        out.printf("  curl -H 'Authorization: Bearer %s' %s/api/v1/cluster%n", token, urls.get(0));
        out.printf("  curl -X POST -H 'Authorization: Bearer %s' '%s/api/v1/functions/orders.total/invoke?map=orders&key=order-2'%n",
                token, urls.get(0));
        out.printf("  curl -H 'Authorization: Bearer %s' %s/prometheus | grep gridlet_%n", token, urls.get(0));
        out.printf("  ./gridlet logs stock.reserve --url %s --token %s%n", urls.get(0), token);
        out.printf("  export GRIDLET_URL=%s GRIDLET_TOKEN=%s%n", urls.get(0), token);
        out.println("  ./gridlet cluster");
        out.println("  ./gridlet functions orders.total");
        out.println("  ./gridlet invoke stock.reserve 1 --map stock --key apple");
        out.println("  ./gridlet triggers");
        out.println("  ./gridlet logs stock.reserve --follow");
        out.println();
        out.flush();
    }

    /** Written to a sibling and moved, so a script that waits for the file never reads half of it. */
    private void writeEnvFile(String url, String token) throws IOException {
        Path absolute = envFile.toAbsolutePath();
        Path partial = absolute.resolveSibling(absolute.getFileName() + ".partial");
        Files.writeString(partial, "export GRIDLET_URL=" + url + "\nexport GRIDLET_TOKEN=" + token + "\n");
        Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    private Remote remote(String url, String token) {
        Remote remote = new Remote();
        remote.url = url;
        remote.token = token;
        return remote;
    }

    /** SIGTERM to every node, newest first (the oldest is the master), each leaving gracefully. */
    private synchronized void stopNodes() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process process = processes.get(i);
            if (process.isAlive()) {
                process.destroy();
                try {
                    if (!process.waitFor(60, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    process.destroyForcibly();
                }
            }
        }
        processes.clear();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
