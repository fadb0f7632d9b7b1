package io.gridlet.management;

import io.gridlet.node.TestCluster;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Standalone nodes for tests: the real app (a real member on loopback, real HTTP on a random
 * port), each in a cluster of its own unless asked to share, and a plain HTTP client to call them.
 */
public final class TestNodes implements AutoCloseable {

    public static final String ADMIN = "admin-token-for-tests";
    public static final String VIEWER = "viewer-token-for-tests";

    private final List<EmbeddedServer> servers = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Starts {@code count} nodes in one cluster. */
    public static TestNodes start(int count, Map<String, Object> extra) {
        TestNodes nodes = new TestNodes();
        List<Integer> ports = TestCluster.freePorts(count);
        String members = String.join(",", ports.stream().map(port -> "127.0.0.1:" + port).toList());
        String cluster = "rest-" + UUID.randomUUID();
        for (int port : ports) {
            Map<String, Object> properties = new HashMap<>();
            properties.put("gridlet.cluster-name", cluster);
            properties.put("gridlet.member.port", port);
            properties.put("gridlet.member.members", members);
            properties.put("gridlet.security.admin-token", ADMIN);
            properties.put("gridlet.security.viewer-token", VIEWER);
            properties.put("micronaut.server.port", -1);
            properties.putAll(extra);
            nodes.servers.add(ApplicationContext.run(EmbeddedServer.class, properties));
        }
        return nodes;
    }

    public EmbeddedServer server(int index) {
        return servers.get(index);
    }

    public <T> T bean(int index, Class<T> type) {
        return servers.get(index).getApplicationContext().getBean(type);
    }

    public URI uri(int index, String path) {
        return URI.create("http://127.0.0.1:" + servers.get(index).getPort() + path);
    }

    public HttpResponse<String> send(int index, String method, String path, String token, String contentType,
                                     byte[] body) {
        return send(index, method, path, token, contentType, body, Map.of());
    }

    public HttpResponse<String> send(int index, String method, String path, String token, String contentType,
                                     byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(index, path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> get(int index, String path, String token) {
        return send(index, "GET", path, token, null, null);
    }

    public HttpResponse<String> json(int index, String method, String path, String token, String body) {
        return send(index, method, path, token, "application/json", body == null ? null : body.getBytes());
    }

    @Override
    public void close() {
        for (int i = servers.size() - 1; i >= 0; i--) {
            servers.get(i).getApplicationContext().close();
        }
    }
}
