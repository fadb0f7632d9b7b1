package io.gridlet.reliability;

import io.gridlet.node.ScheduleTrigger;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionException;
import io.gridlet.api.Function;
import io.gridlet.api.FunctionContext;
import io.gridlet.api.GridFunction;
import io.gridlet.management.TestNodes;
import io.gridlet.management.security.TokenAuthenticator;
import io.gridlet.node.GridNode;
import io.gridlet.node.TestCluster;
import io.gridlet.node.TestJars;
import io.gridlet.node.internal.cluster.HazelcastConfigFactory;
import io.gridlet.node.TriggerDefinition;
import io.micronaut.http.HttpMethod;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/** One test per security promise, against a real node (REST and member). */
class SecurityTest {

    private static TestNodes nodes;

    @BeforeAll
    static void startNode() {
        nodes = TestNodes.start(1, Map.of());
    }

    @AfterAll
    static void stopNode() {
        if (nodes != null) {
            nodes.close();
        }
    }

    private static GridNode member() {
        return nodes.bean(0, GridNode.class);
    }

    /** Every route the node serves, with its path variables filled in. */
    private static List<String[]> routes() {
        List<String[]> routes = new ArrayList<>();
        nodes.bean(0, Router.class).uriRoutes().forEach((UriRouteInfo<?, ?> route) -> {
            String path = route.getUriMatchTemplate().toString().replaceAll("\\{\\?[^}]*}", "")
                    .replaceAll("\\{[^}]*}", "x");
            routes.add(new String[] {route.getHttpMethod().name(), path});
        });
        return routes;
    }

    private static boolean open(String path) {
        return path.equals("/health") || path.startsWith("/health/") || path.equals("/console")
                || path.startsWith("/console/");
    }

    @Test
    void nothingButHealthIsReachableWithoutATokenAndAViewerChangesNothing() {
        List<String[]> routes = routes();
        assertThat(routes).as("the node's routes").hasSizeGreaterThan(20);
        List<String> checked = new ArrayList<>();
        for (String[] route : routes) {
            String method = route[0];
            String path = route[1];
            if (open(path)) {
                continue;
            }
            HttpResponse<String> anonymous = nodes.send(0, method, path, null, "application/json", "{}".getBytes());
            assertThat(anonymous.statusCode()).as("%s %s without a token", method, path).isEqualTo(401);
            if (!method.equals(HttpMethod.GET.name()) && !method.equals(HttpMethod.HEAD.name())) {
                HttpResponse<String> viewer = nodes.send(0, method, path, TestNodes.VIEWER, "application/json",
                        "{}".getBytes());
                assertThat(viewer.statusCode()).as("%s %s as a viewer", method, path).isEqualTo(403);
            }
            checked.add(method + " " + path);
        }
        for (String path : List.of("/prometheus", "/openapi/gridlet-1.yml", "/api/v1/nothing-here")) {
            assertThat(nodes.get(0, path, null).statusCode()).as("GET %s without a token", path).isEqualTo(401);
        }
        assertThat(nodes.get(0, "/health/readiness", null).statusCode()).isEqualTo(200);
        assertThat(checked).contains("POST /api/v1/functions", "DELETE /api/v1/triggers/x",
                "PUT /api/v1/maps/x/entries/x");
    }

    @Test
    void tokensAreComparedInConstantTime() throws IOException {
        Path source = Path.of("../management/src/main/java/io/gridlet/management/security/TokenAuthenticator.java");
        String code = Files.readString(source);
        assertThat(code).contains("MessageDigest.isEqual(presented, adminToken)")
                .contains("MessageDigest.isEqual(presented, viewerToken)")
                .doesNotContain(".equals(token").doesNotContain("token.equals(");

        // A guess right but for its last character takes as long to refuse as one wrong from the first.
        TokenAuthenticator tokens = nodes.bean(0, TokenAuthenticator.class);
        String admin = TestNodes.ADMIN;
        String nearly = admin.substring(0, admin.length() - 1) + "?";
        String far = "?" + admin.substring(1);
        for (String guess : List.of(nearly, far, admin + "x", admin.substring(1), "")) {
            assertThat(nodes.get(0, "/api/v1/cluster", guess.isEmpty() ? "x" : guess).statusCode()).isEqualTo(401);
        }
        long nearlyBest = Long.MAX_VALUE;
        long farBest = Long.MAX_VALUE;
        for (int round = 0; round < 7; round++) {
            nearlyBest = Math.min(nearlyBest, timeRefusals(tokens, nearly));
            farBest = Math.min(farBest, timeRefusals(tokens, far));
        }
        double ratio = (double) nearlyBest / farBest;
        System.out.printf("token refusal: nearly right %d ns, wrong from the first character %d ns per 100k, ratio %.3f%n",
                nearlyBest, farBest, ratio);
        assertThat(ratio).isBetween(0.5, 2.0);
    }

    private static long timeRefusals(TokenAuthenticator tokens, String guess) {
        long start = System.nanoTime();
        for (int i = 0; i < 100_000; i++) {
            if (Mono.from(tokens.validateToken(guess, null)).block() != null) {
                throw new AssertionError("a wrong token was accepted");
            }
        }
        return System.nanoTime() - start;
    }

    @Test
    void tokensAreNeverLogged() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.setContext(context);
        appender.start();
        List<Logger> verbose = List.of(context.getLogger("io.micronaut"), context.getLogger("io.gridlet"),
                context.getLogger("reactor"), context.getLogger("io.netty"));
        List<Level> levels = verbose.stream().map(Logger::getLevel).toList();
        root.addAppender(appender);
        verbose.forEach(logger -> logger.setLevel(Level.TRACE));
        try {
            nodes.get(0, "/api/v1/cluster", TestNodes.ADMIN);
            nodes.get(0, "/api/v1/cluster", TestNodes.VIEWER);
            nodes.json(0, "PUT", "/api/v1/maps/secrets/entries/k", TestNodes.VIEWER, "1");
            nodes.get(0, "/api/v1/cluster", "wrong-" + TestNodes.ADMIN);
        } finally {
            for (int i = 0; i < verbose.size(); i++) {
                verbose.get(i).setLevel(levels.get(i));
            }
            root.detachAppender(appender);
        }
        List<ILoggingEvent> events = new ArrayList<>(appender.list);
        assertThat(events).as("TRACE logging of the requests").isNotEmpty();
        for (ILoggingEvent event : events) {
            String text = event.getFormattedMessage()
                    + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()));
            assertThat(text).as("logged by %s", event.getLoggerName()).doesNotContain(TestNodes.ADMIN)
                    .doesNotContain(TestNodes.VIEWER);
        }
    }

    @Test
    @SuppressWarnings("removal")
    void hazelcastsOwnRestAndMemcacheEndpointsAreOff() throws IOException {
        var network = member().hazelcast().getConfig().getNetworkConfig();
        assertThat(network.getRestApiConfig().isEnabled()).isFalse();
        assertThat(network.getMemcacheProtocolConfig().isEnabled()).isFalse();
        int port = member().localMember().getAddress().getPort();
        assertThat(answer(port, "GET /hazelcast/rest/cluster HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"))
                .as("Hazelcast REST").doesNotContain("HTTP/1.1");
        assertThat(answer(port, "stats\r\n")).as("memcache").doesNotContain("STAT");
    }

    /** What the member port answers to a text protocol: nothing, as it closes the connection. */
    private static String answer(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder text = new StringBuilder();
            byte[] buffer = new byte[1024];
            try {
                for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
                    text.append(new String(buffer, 0, read, StandardCharsets.US_ASCII));
                }
            } catch (SocketTimeoutException | java.net.SocketException closed) {
                // no answer, or the member reset the connection
            }
            return text.toString();
        }
    }

    @Test
    void theJavaDeserializationFilterRejectsUntrustedClasses() throws Exception {
        ClientConfig config = new ClientConfig();
        config.setClusterName(member().hazelcast().getConfig().getClusterName());
        config.getNetworkConfig().addAddress("127.0.0.1:" + member().localMember().getAddress().getPort());
        HazelcastInstance client = HazelcastClient.newHazelcastClient(config);
        try {
            var executor = client.getExecutorService("untrusted");
            assertThat(executor.submit(new TrustedTask()).get(30, TimeUnit.SECONDS)).isEqualTo("ran");
            assertThatThrownBy(() -> executor.submit(new untrusted.UntrustedTask()).get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasStackTraceContaining("Resolving class untrusted.UntrustedTask is not allowed");
        } finally {
            client.shutdown();
        }
    }

    @Test
    void theMemberBindsToLoopbackByDefault() throws IOException {
        int port = TestCluster.freePorts(1).get(0);
        try (GridNode node = GridNode.builder().clusterName("bind-" + port).port(port).members("127.0.0.1:" + port)
                .shutdownHook(false).start()) {
            assertThat(node.localMember().getAddress().getInetAddress().isLoopbackAddress()).isTrue();
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address.isLoopbackAddress() || address.isLinkLocalAddress()) {
                        continue;
                    }
                    try (Socket socket = new Socket()) {
                        assertThatThrownBy(() -> socket.connect(new InetSocketAddress(address, port), 2_000))
                                .as("the member port on %s", address).isInstanceOf(IOException.class);
                    }
                }
            }
        }
        assertThat(nodes.bean(0, GridNode.class).localMember().getAddress().getInetAddress().isLoopbackAddress())
                .as("a standalone node's default").isTrue();
    }

    @Test
    void aJarCannotReplaceApiOrHazelcastClasses() {
        byte[] jar = TestJars.builder()
                .source("io.gridlet.api.GridletException", """
                        package io.gridlet.api;
                        public class GridletException extends RuntimeException {
                            public GridletException(String message) { super("replaced " + message); }
                        }""")
                .source("com.hazelcast.core.HazelcastInstance", """
                        package com.hazelcast.core;
                        public interface HazelcastInstance { }""")
                .function("probe.Probe", "probe.platform", "Object", "String", """
                        ClassLoader own = getClass().getClassLoader();
                        boolean api = io.gridlet.api.GridletException.class.getClassLoader() != own;
                        boolean hazelcast = com.hazelcast.core.HazelcastInstance.class.getClassLoader() != own;
                        return api + " " + hazelcast;""")
                .build();
        assertThat(nodes.send(0, "POST", "/api/v1/functions?version=1", TestNodes.ADMIN, "application/java-archive", jar)
                .statusCode()).isEqualTo(201);
        HttpResponse<String> answer = nodes.json(0, "POST", "/api/v1/functions/probe.platform/invoke", TestNodes.ADMIN,
                "null");
        assertThat(answer.body()).as("both classes come from the platform, not the jar").isEqualTo("\"true true\"");
        assertThat(nodes.send(0, "POST", "/api/v1/functions?version=2", TestNodes.ADMIN, "application/java-archive",
                TestJars.builder().service("io.gridlet.api.GridFunction").build()).body())
                .contains("a class of the platform, which a jar cannot provide or replace");
    }

    @Test
    void splitBrainProtectionRefusesWritesAndTriggersOnTheMinoritySide() {
        List<Integer> ports = TestCluster.freePorts(3);
        List<String> seeds = ports.stream().map(port -> "127.0.0.1:" + port).toList();
        String cluster = "split-" + ports.get(0);
        List<GridNode> members = new ArrayList<>();
        try {
            for (int port : ports) {
                members.add(GridNode.builder().clusterName(cluster).port(port).members(seeds).shutdownHook(false)
                        .splitBrainProtection(2)
                        .hazelcastConfig(c -> c.setProperty("hazelcast.wait.seconds.before.join", "0")).start());
            }
            GridNode survivor = members.get(0);
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                    survivor.hazelcast().getCluster().getMembers().size() == 3
                            && survivor.hazelcast().getPartitionService().isClusterSafe());
            for (GridNode member : members) {
                member.functions().register(Ticks.Tick.class);
            }
            survivor.triggers().create(ScheduleTrigger.every("split-tick", "split.tick", 100));
            survivor.hazelcast().getMap("protected").set("before", 1);
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> Ticks.COUNT.get() >= 5);

            // Two members leave, one at a time (their partitions and schedules move to the survivor).
            members.get(2).close();
            members.get(1).close();
            Awaitility.await().atMost(Duration.ofSeconds(60))
                    .until(() -> survivor.hazelcast().getCluster().getMembers().size() == 1);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !survivor
                    .hazelcast().getSplitBrainProtectionService()
                    .getSplitBrainProtection(HazelcastConfigFactory.SPLIT_BRAIN_PROTECTION)
                    .hasMinimumSize());

            assertThatThrownBy(() -> survivor.hazelcast().getMap("protected").set("during", 2))
                    .isInstanceOf(SplitBrainProtectionException.class);
            int ticksAlone = Ticks.COUNT.get();
            Awaitility.await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(10)).until(() -> Ticks.COUNT.get() <= ticksAlone + 1);
            assertThat(survivor.hazelcast().getMap("protected").get("before")).isEqualTo(1);

            // A member comes back: the cluster has its minimum again, and both resume.
            members.set(1, GridNode.builder().clusterName(cluster).port(ports.get(1)).members(seeds).shutdownHook(false)
                    .splitBrainProtection(2)
                    .hazelcastConfig(c -> c.setProperty("hazelcast.wait.seconds.before.join", "0")).start());
            members.get(1).functions().register(Ticks.Tick.class);
            Awaitility.await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
                survivor.hazelcast().getMap("protected").set("after", 3);
                return true;
            });
            int ticksBack = Ticks.COUNT.get();
            Awaitility.await().atMost(Duration.ofSeconds(20))
                    .until(() -> Ticks.COUNT.get() >= ticksBack + 5);
        } finally {
            members.forEach(member -> member.hazelcast().getLifecycleService().terminate());
        }
    }

    /** A schedule's function that counts its firings in this JVM. */
    public static final class Ticks {
        static final AtomicInteger COUNT = new AtomicInteger();

        private Ticks() {
        }

        @Function(name = "split.tick", timeoutMillis = 5_000)
        public static final class Tick implements GridFunction<Object, String> {
            @Override
            public String apply(Object input, FunctionContext ctx) {
                COUNT.incrementAndGet();
                return "tick";
            }
        }
    }

}
